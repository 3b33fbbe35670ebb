package org.beaconwatch.host;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.beaconwatch.channel.ChannelSeries;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.flow.Protocol;
import org.beaconwatch.intel.IntelSet;

/**
 * Test-only reference: host evidence as found before it read the aggregator's key columns (one
 * String and boxed sets per channel, from a list of flow-less series), kept unchanged.
 */
final class ReferenceChannelEvidence {
    private static final int SCAN_MIN_TARGETS = ChannelEvidence.SCAN_MIN_TARGETS;
    private static final long SCAN_WINDOW = ChannelEvidence.SCAN_WINDOW;
    private static final double SCAN_MIN_FAILED_SHARE = ChannelEvidence.SCAN_MIN_FAILED_SHARE;
    private static final int SMTP_MIN_SERVERS = ChannelEvidence.SMTP_MIN_SERVERS;
    private static final int FAILED_MIN_CONNS = ChannelEvidence.FAILED_MIN_CONNS;
    private static final double INTEL_SCORE = ChannelEvidence.INTEL_SCORE;

    private ReferenceChannelEvidence() {
    }

    private static final class PerHost {
        final Map<Integer, Set<Long>> failedByPort = new HashMap<>();
        /** First-connection times of the failed channels, per port (for the scan rate). */
        final Map<Integer, List<Long>> failedStartsByPort = new HashMap<>();
        final Map<Integer, Set<Long>> allByPort = new HashMap<>();
        final Map<Long, Set<Integer>> failedPortsByDst = new HashMap<>();
        final Set<Long> mailServers = new HashSet<>();
        long conns;
        long failedConns;
        boolean anyResponse;
    }

    /**
     * Evidence for every host from channels (only their identity is read) and the figures recorded
     * in {@code counts} for the same indexes; {@code intel} may be empty.
     */
    static List<HostEvidence> find(List<ChannelSeries> channels, ChannelEvidence.Counts counts, IntelSet intel,
                                          double alertThreshold) {
        Map<String, PerHost> hosts = new HashMap<>();
        List<HostEvidence> out = new ArrayList<>();
        for (int ci = 0; ci < channels.size(); ci++) {
            ChannelSeries c = channels.get(ci);
            String src = IpAddress.format(c.srcHi(), c.srcLo());
            PerHost h = hosts.computeIfAbsent(src, k -> new PerHost());
            int n = counts.conns[ci];
            int failed = counts.failed[ci];
            if (failed < n) {
                h.anyResponse = true;
            }
            h.conns += n;
            h.failedConns += failed;
            long dstKey = c.dstLo() ^ (c.dstHi() * 0x9E3779B97F4A7C15L);
            int port = c.dstPort();
            boolean channelFailed = failed == n;
            if (port >= 0 && c.serverName() == null) {
                h.allByPort.computeIfAbsent(port, k -> new HashSet<>()).add(dstKey);
                if (channelFailed) {
                    if (h.failedByPort.computeIfAbsent(port, k -> new HashSet<>()).add(dstKey)) {
                        h.failedStartsByPort.computeIfAbsent(port, k -> new ArrayList<>()).add(counts.firstStart[ci]);
                    }
                    h.failedPortsByDst.computeIfAbsent(dstKey, k -> new HashSet<>()).add(port);
                }
            }
            if (c.proto() == Protocol.TCP && (port == 25 || port == 465 || port == 587)) {
                h.mailServers.add(dstKey);
            }
            if (!intel.isEmpty()) {
                String note = intel.matchAddress(c.dstHi(), c.dstLo());
                String what = IpAddress.format(c.dstHi(), c.dstLo());
                if (note == null && c.serverName() != null) {
                    note = intel.matchDomain(c.serverName());
                    what = c.serverName();
                }
                if (note != null) {
                    String dst = c.serverName() != null ? c.serverName()
                            : IpAddress.withPort(what, port) + "/" + c.proto().label();
                    out.add(new HostEvidence(src, EvidenceType.THREAT_INTEL, INTEL_SCORE,
                            INTEL_SCORE >= alertThreshold, dst, n, new HostEvidence.IntelHit(what, note, n)));
                }
            }
        }
        for (Map.Entry<String, PerHost> e : hosts.entrySet()) {
            String src = e.getKey();
            PerHost h = e.getValue();
            if (!h.anyResponse) {
                // the input carries no responder bytes (or nothing ever answered): failure is unknown
                h.failedByPort.clear();
                h.failedPortsByDst.clear();
                h.failedConns = 0;
            }
            // horizontal scan: the port with the most failed targets
            int bestPort = -1;
            int bestTargets = 0;
            for (Map.Entry<Integer, Set<Long>> p : h.failedByPort.entrySet()) {
                if (p.getValue().size() < SCAN_MIN_TARGETS) {
                    continue;
                }
                int t = maxInWindow(h.failedStartsByPort.get(p.getKey()), SCAN_WINDOW);
                if (t > bestTargets || (t == bestTargets && p.getKey() < bestPort)) {
                    bestTargets = t;
                    bestPort = p.getKey();
                }
            }
            if (bestTargets >= SCAN_MIN_TARGETS) {
                double share = h.failedByPort.get(bestPort).size() / (double) h.allByPort.get(bestPort).size();
                if (share >= SCAN_MIN_FAILED_SHARE) {
                    double s = scanScore(bestTargets);
                    out.add(new HostEvidence(src, EvidenceType.SCAN, s, s >= alertThreshold, "port " + bestPort,
                            bestTargets, new HostEvidence.HorizontalScan(bestTargets, bestPort, share)));
                }
            }
            // vertical scan: the destination with the most failed ports
            long bestDst = 0;
            int bestPorts = 0;
            for (Map.Entry<Long, Set<Integer>> d : h.failedPortsByDst.entrySet()) {
                if (d.getValue().size() > bestPorts) {
                    bestPorts = d.getValue().size();
                    bestDst = d.getKey();
                }
            }
            if (bestPorts >= SCAN_MIN_TARGETS) {
                double s = scanScore(bestPorts);
                String dst = destinationText(channels, src, bestDst);
                out.add(new HostEvidence(src, EvidenceType.SCAN, s, s >= alertThreshold, dst, bestPorts,
                        new HostEvidence.VerticalScan(bestPorts, dst)));
            }
            int servers = h.mailServers.size();
            if (servers >= SMTP_MIN_SERVERS) {
                double s = Math.min(0.95, 0.6 + 0.1 * log2(servers / (double) SMTP_MIN_SERVERS));
                out.add(new HostEvidence(src, EvidenceType.SMTP_FANOUT, s, s >= alertThreshold,
                        servers + " mail servers", servers, new HostEvidence.SmtpFanout(servers)));
            }
            if (h.failedConns >= FAILED_MIN_CONNS) {
                double share = h.failedConns / (double) h.conns;
                double s = 0.3 + 0.2 * share;
                out.add(new HostEvidence(src, EvidenceType.FAILED_CONNECTIONS, s, s >= alertThreshold, "-",
                        h.failedConns, new HostEvidence.FailedConnections(h.failedConns, h.conns)));
            }
        }
        return out;
    }

    /** Largest number of start times within any window of {@code window} µs. */
    static int maxInWindow(List<Long> starts, long window) {
        long[] t = new long[starts.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = starts.get(i);
        }
        java.util.Arrays.sort(t);
        int best = 0;
        int lo = 0;
        for (int hi = 0; hi < t.length; hi++) {
            while (t[hi] - t[lo] > window) {
                lo++;
            }
            best = Math.max(best, hi - lo + 1);
        }
        return best;
    }

    static double scanScore(int targets) {
        return Math.min(0.95, 0.6 + 0.1 * log2(targets / (double) SCAN_MIN_TARGETS));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static String destinationText(List<ChannelSeries> channels, String src, long key) {
        for (ChannelSeries c : channels) {
            if ((c.dstLo() ^ (c.dstHi() * 0x9E3779B97F4A7C15L)) == key
                    && IpAddress.format(c.srcHi(), c.srcLo()).equals(src)) {
                return IpAddress.format(c.dstHi(), c.dstLo());
            }
        }
        return "one address";
    }
}
