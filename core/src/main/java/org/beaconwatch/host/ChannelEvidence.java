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
import org.beaconwatch.score.Finding;

/**
 * Host evidence read off the channels (every channel, including those too small to score as
 * beacons), in one pass:
 *
 * <ul>
 * <li><b>scan</b>: one source to many destinations on one port (horizontal) or many ports of one
 *     destination (vertical), mostly failed. A channel has failed when no connection got payload
 *     back from the responder (zero or unset responder bytes; a host none of whose connections
 *     ever got bytes back is taken to come from a format without that field, and gets no scan or
 *     failed-connection evidence). A horizontal scan needs {@link #SCAN_MIN_TARGETS} unanswered
 *     targets within ten minutes ({@link #SCAN_WINDOW}: a browser's scattered dead links over a
 *     day are not a scan) and a failed share of at least {@link #SCAN_MIN_FAILED_SHARE}; score = min(0.95, 0.6 + 0.1·log2(targets / 20)).
 *     Ports must be one per target of the swarm: a P2P client also contacts hundreds of peers that
 *     do not answer, but each on its own random port, so neither pattern fires.</li>
 * <li><b>smtp_fanout</b>: one internal host to many mail servers on tcp/25, 465 or 587 (spam bots;
 *     a workstation talks to its one submission server). ≥ {@link #SMTP_MIN_SERVERS} distinct
 *     servers; score = min(0.95, 0.6 + 0.1·log2(servers / 5)). An internal mail relay does this by
 *     design: allowlist it or leave it out with --internal.</li>
 * <li><b>failed_connections</b>: share of the host's connections that got nothing back, with at
 *     least {@link #FAILED_MIN_CONNS} such connections; score = 0.3 + 0.2·share (at most 0.5: weak,
 *     corroborating evidence that never alerts alone).</li>
 * <li><b>threat_intel</b>: a channel whose destination address or server name is on an indicator
 *     list; score {@link #INTEL_SCORE} (alerts: the analyst's own intelligence says so).</li>
 * </ul>
 * Internal destinations are out of scope by default (see --internal-destinations), so scans of the
 * local network are seen only when that option is on.
 */
public final class ChannelEvidence {
    public static final int SCAN_MIN_TARGETS = 20;
    /** Horizontal scans count the unanswered targets within this window (µs): scanners are fast. */
    public static final long SCAN_WINDOW = 600_000_000L;
    public static final double SCAN_MIN_FAILED_SHARE = 0.8;
    public static final int SMTP_MIN_SERVERS = 5;
    public static final int FAILED_MIN_CONNS = 100;
    public static final double INTEL_SCORE = 0.9;

    private ChannelEvidence() {
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
     * The per-channel figures host evidence needs (connections, connections that got nothing back, first
     * start), recorded while each channel's flows are at hand, so evidence can be found afterwards from
     * the flow-less channel list. Each index is written by one thread only.
     */
    public static final class Counts {
        final int[] conns;
        final int[] failed;
        final long[] firstStart;

        public Counts(int channels) {
            conns = new int[channels];
            failed = new int[channels];
            firstStart = new long[channels];
        }

        /** Records channel {@code i}, whose flows {@code c} holds. */
        public void record(int i, ChannelSeries c) {
            int n = c.size();
            long[] rb = c.respBytes();
            int f = 0;
            for (int k = 0; k < n; k++) {
                if (rb[k] <= 0) {
                    f++;
                }
            }
            conns[i] = n;
            failed[i] = f;
            firstStart[i] = n > 0 ? c.ts()[0] : 0L;
        }
    }

    /** Evidence for every host from channels with their flows; {@code intel} may be empty. */
    public static List<HostEvidence> find(List<ChannelSeries> channels, IntelSet intel, double alertThreshold) {
        Counts counts = new Counts(channels.size());
        for (int i = 0; i < channels.size(); i++) {
            counts.record(i, channels.get(i));
        }
        return find(channels, counts, intel, alertThreshold);
    }

    /**
     * Evidence for every host from channels (only their identity is read) and the figures recorded
     * in {@code counts} for the same indexes; {@code intel} may be empty.
     */
    public static List<HostEvidence> find(List<ChannelSeries> channels, Counts counts, IntelSet intel,
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
                            : Finding.addressPort(what, port) + "/" + c.proto().label();
                    out.add(new HostEvidence(src, EvidenceType.THREAT_INTEL, INTEL_SCORE,
                            INTEL_SCORE >= alertThreshold, dst, n,
                            what + " is on the indicator list (" + note + "), " + n
                                    + (n == 1 ? " connection" : " connections")));
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
                            bestTargets, "horizontal scan: " + bestTargets + " unanswered addresses on port " + bestPort
                                    + " within 10 min, " + Math.round(share * 100) + " % of all its addresses on that port"));
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
                        "vertical scan: " + bestPorts + " ports of " + dst + " never answered"));
            }
            int servers = h.mailServers.size();
            if (servers >= SMTP_MIN_SERVERS) {
                double s = Math.min(0.95, 0.6 + 0.1 * log2(servers / (double) SMTP_MIN_SERVERS));
                out.add(new HostEvidence(src, EvidenceType.SMTP_FANOUT, s, s >= alertThreshold,
                        servers + " mail servers", servers,
                        "sent mail directly to " + servers + " different mail servers (tcp/25, 465, 587)"));
            }
            if (h.failedConns >= FAILED_MIN_CONNS) {
                double share = h.failedConns / (double) h.conns;
                double s = 0.3 + 0.2 * share;
                out.add(new HostEvidence(src, EvidenceType.FAILED_CONNECTIONS, s, s >= alertThreshold, "-",
                        h.failedConns, h.failedConns + " of " + h.conns + " connections ("
                                + Math.round(share * 100) + " %) got nothing back"));
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
