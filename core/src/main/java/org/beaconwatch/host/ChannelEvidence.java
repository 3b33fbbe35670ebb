package org.beaconwatch.host;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.beaconwatch.channel.ChannelKeys;
import org.beaconwatch.channel.ChannelSeries;
import org.beaconwatch.channel.ChannelSources;
import org.beaconwatch.channel.LongIds;
import org.beaconwatch.channel.PairIds;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.flow.Protocol;
import org.beaconwatch.intel.IntelSet;

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
 *
 * <p>Cost: one primitive pass over the channel keys ({@link ChannelKeys}, by index: no object or
 * String per channel) sums each host's figures; only the channels of hosts that could reach a scan
 * ({@link #SCAN_MIN_TARGETS} unanswered targets) or SMTP fan-out are then grouped by host (counting
 * sort, channel order kept) and examined with primitive sets. Each host's address is formatted once.
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

    /**
     * The per-channel figures host evidence needs (connections, connections that got nothing back, first
     * start), recorded while each channel's flows are at hand, so evidence can be found afterwards from
     * the channel keys alone. Each index is written by one thread only.
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
        ChannelKeys keys = ChannelKeys.of(channels);
        return find(keys, ChannelSources.of(keys), counts, intel, alertThreshold);
    }

    /**
     * Evidence for every host from the channels' keys, their {@code sources} (from the same keys)
     * and the figures recorded in {@code counts} for the same indexes; {@code intel} may be empty.
     * Threat-intel evidence comes first, in channel order, then each host's other evidence (hosts
     * in order of first sight).
     */
    public static List<HostEvidence> find(ChannelKeys keys, ChannelSources sources, Counts counts, IntelSet intel,
                                          double alertThreshold) {
        int nc = keys.count();
        int ns = sources.count();
        long[] conns = new long[ns];
        long[] failedConns = new long[ns];
        boolean[] anyResponse = new boolean[ns];
        int[] failedTargets = new int[ns]; // failed channels to an address and port (scan candidates)
        int[] mailChannels = new int[ns];
        List<HostEvidence> out = new ArrayList<>();
        for (int ci = 0; ci < nc; ci++) {
            int s = sources.of(ci);
            int n = counts.conns[ci];
            int failed = counts.failed[ci];
            if (failed < n) {
                anyResponse[s] = true;
            }
            conns[s] += n;
            failedConns[s] += failed;
            int port = keys.dstPort(ci);
            if (failed == n && port >= 0 && keys.serverName(ci) == null) {
                failedTargets[s]++;
            }
            if (isMail(keys, ci, port)) {
                mailChannels[s]++;
            }
            if (!intel.isEmpty()) {
                HostEvidence hit = intelHit(keys, ci, sources.name(s), n, intel, alertThreshold);
                if (hit != null) {
                    out.add(hit);
                }
            }
        }
        // the channels of hosts that may scan or send mail, grouped by host (channel order kept)
        boolean[] detail = new boolean[ns];
        int[] start = new int[ns + 1];
        for (int s = 0; s < ns; s++) {
            detail[s] = (anyResponse[s] && failedTargets[s] >= SCAN_MIN_TARGETS) || mailChannels[s] >= SMTP_MIN_SERVERS;
        }
        for (int ci = 0; ci < nc; ci++) {
            int s = sources.of(ci);
            if (detail[s]) {
                start[s + 1]++;
            }
        }
        for (int s = 0; s < ns; s++) {
            start[s + 1] += start[s];
        }
        int[] byHost = new int[start[ns]];
        int[] next = java.util.Arrays.copyOf(start, ns);
        for (int ci = 0; ci < nc; ci++) {
            int s = sources.of(ci);
            if (detail[s]) {
                byHost[next[s]++] = ci;
            }
        }
        for (int s = 0; s < ns; s++) {
            String src = sources.name(s);
            if (anyResponse[s] && failedTargets[s] >= SCAN_MIN_TARGETS) {
                scans(keys, counts, byHost, start[s], start[s + 1], failedTargets[s], src, alertThreshold, out);
            }
            if (mailChannels[s] >= SMTP_MIN_SERVERS) {
                LongIds servers = new LongIds(mailChannels[s]);
                for (int k = start[s]; k < start[s + 1]; k++) {
                    int ci = byHost[k];
                    if (isMail(keys, ci, keys.dstPort(ci))) {
                        servers.id(dstKey(keys, ci));
                    }
                }
                int n = servers.size();
                if (n >= SMTP_MIN_SERVERS) {
                    double sc = Math.min(0.95, 0.6 + 0.1 * log2(n / (double) SMTP_MIN_SERVERS));
                    out.add(new HostEvidence(src, EvidenceType.SMTP_FANOUT, sc, sc >= alertThreshold,
                            n + " mail servers", n, new HostEvidence.SmtpFanout(n)));
                }
            }
            // without any response the input carries no responder bytes (or nothing ever answered):
            // failure is unknown
            if (anyResponse[s] && failedConns[s] >= FAILED_MIN_CONNS) {
                double share = failedConns[s] / (double) conns[s];
                double sc = 0.3 + 0.2 * share;
                out.add(new HostEvidence(src, EvidenceType.FAILED_CONNECTIONS, sc, sc >= alertThreshold, "-",
                        failedConns[s], new HostEvidence.FailedConnections(failedConns[s], conns[s])));
            }
        }
        return out;
    }

    /**
     * Horizontal and vertical scan evidence of one host whose channels are
     * {@code byHost[from .. to)} (channel order), {@code failedTargets} of them failed channels to an
     * address and port.
     */
    private static void scans(ChannelKeys keys, Counts counts, int[] byHost, int from, int to, int failedTargets,
                              String src, double alertThreshold, List<HostEvidence> out) {
        // distinct (port, destination) among failed channels, with the first start of the first one
        PairIds pairs = new PairIds(failedTargets);
        int[] pairPort = new int[failedTargets];
        long[] pairKey = new long[failedTargets];
        long[] pairStart = new long[failedTargets];
        for (int k = from; k < to; k++) {
            int ci = byHost[k];
            int port = keys.dstPort(ci);
            if (counts.failed[ci] != counts.conns[ci] || port < 0 || keys.serverName(ci) != null) {
                continue;
            }
            long key = dstKey(keys, ci);
            int before = pairs.size();
            int p = pairs.id(port, key);
            if (p == before) {
                pairPort[p] = port;
                pairKey[p] = key;
                pairStart[p] = counts.firstStart[ci];
            }
        }
        int np = pairs.size();
        // horizontal scan: the port with the most failed targets within the window
        long[] byPort = new long[np];
        for (int p = 0; p < np; p++) {
            byPort[p] = ((long) pairPort[p] << 32) | p;
        }
        java.util.Arrays.sort(byPort);
        int bestPort = -1;
        int bestTargets = 0;
        int bestFailed = 0;
        for (int a = 0; a < np; ) {
            int port = (int) (byPort[a] >>> 32);
            int b = a;
            while (b < np && (int) (byPort[b] >>> 32) == port) {
                b++;
            }
            if (b - a >= SCAN_MIN_TARGETS) {
                long[] starts = new long[b - a];
                for (int k = a; k < b; k++) {
                    starts[k - a] = pairStart[(int) byPort[k]];
                }
                int t = maxInWindow(starts, SCAN_WINDOW);
                if (t > bestTargets || (t == bestTargets && port < bestPort)) {
                    bestTargets = t;
                    bestPort = port;
                    bestFailed = b - a;
                }
            }
            a = b;
        }
        if (bestTargets >= SCAN_MIN_TARGETS) {
            LongIds all = new LongIds(bestFailed);
            for (int k = from; k < to; k++) {
                int ci = byHost[k];
                if (keys.dstPort(ci) == bestPort && keys.serverName(ci) == null) {
                    all.id(dstKey(keys, ci));
                }
            }
            double share = bestFailed / (double) all.size();
            if (share >= SCAN_MIN_FAILED_SHARE) {
                double s = scanScore(bestTargets);
                out.add(new HostEvidence(src, EvidenceType.SCAN, s, s >= alertThreshold, "port " + bestPort,
                        bestTargets, new HostEvidence.HorizontalScan(bestTargets, bestPort, share)));
            }
        }
        // vertical scan: the destination with the most failed ports
        LongIds dsts = new LongIds(np);
        int[] portsOf = new int[np];
        int mostPorts = 0;
        for (int p = 0; p < np; p++) {
            int d = dsts.id(pairKey[p]);
            mostPorts = Math.max(mostPorts, ++portsOf[d]);
        }
        if (mostPorts >= SCAN_MIN_TARGETS) {
            long bestDst = verticalTarget(keys, counts, byHost, from, to);
            double s = scanScore(mostPorts);
            String dst = destinationText(keys, byHost, from, to, bestDst);
            out.add(new HostEvidence(src, EvidenceType.SCAN, s, s >= alertThreshold, dst, mostPorts,
                    new HostEvidence.VerticalScan(mostPorts, dst)));
        }
    }

    /**
     * The destination a vertical scan names: the first with the most failed ports in the order of
     * a {@code HashMap<Long, Set<Integer>>} filled in channel order, as findings have always named
     * it (rare: only for hosts with a vertical scan, so the boxed map costs nothing overall).
     */
    private static long verticalTarget(ChannelKeys keys, Counts counts, int[] byHost, int from, int to) {
        Map<Long, Set<Integer>> failedPortsByDst = new HashMap<>();
        for (int k = from; k < to; k++) {
            int ci = byHost[k];
            int port = keys.dstPort(ci);
            if (counts.failed[ci] == counts.conns[ci] && port >= 0 && keys.serverName(ci) == null) {
                failedPortsByDst.computeIfAbsent(dstKey(keys, ci), x -> new HashSet<>()).add(port);
            }
        }
        long bestDst = 0;
        int bestPorts = 0;
        for (Map.Entry<Long, Set<Integer>> d : failedPortsByDst.entrySet()) {
            if (d.getValue().size() > bestPorts) {
                bestPorts = d.getValue().size();
                bestDst = d.getKey();
            }
        }
        return bestDst;
    }

    private static boolean isMail(ChannelKeys keys, int ci, int port) {
        return (port == 25 || port == 465 || port == 587) && keys.proto(ci) == Protocol.TCP;
    }

    /** A 64-bit key of the channel's destination address. */
    private static long dstKey(ChannelKeys keys, int ci) {
        return keys.dstLo(ci) ^ (keys.dstHi(ci) * 0x9E3779B97F4A7C15L);
    }

    /** Threat-intel evidence of channel {@code ci} (source {@code src}), or null. */
    private static HostEvidence intelHit(ChannelKeys keys, int ci, String src, int n, IntelSet intel,
                                         double alertThreshold) {
        long dh = keys.dstHi(ci);
        long dl = keys.dstLo(ci);
        String name = keys.serverName(ci);
        String note = intel.matchAddress(dh, dl);
        String what = null;
        if (note == null && name != null) {
            note = intel.matchDomain(name);
            what = name;
        }
        if (note == null) {
            return null;
        }
        if (what == null) {
            what = IpAddress.format(dh, dl);
        }
        String dst = name != null ? name : IpAddress.withPort(what, keys.dstPort(ci)) + "/" + keys.proto(ci).label();
        return new HostEvidence(src, EvidenceType.THREAT_INTEL, INTEL_SCORE, INTEL_SCORE >= alertThreshold, dst, n,
                new HostEvidence.IntelHit(what, note, n));
    }

    /** Largest number of start times within any window of {@code window} µs (sorts {@code t}). */
    static int maxInWindow(long[] t, long window) {
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

    /** The address of the host's first channel (in channel order) to destination {@code key}. */
    private static String destinationText(ChannelKeys keys, int[] byHost, int from, int to, long key) {
        for (int k = from; k < to; k++) {
            int ci = byHost[k];
            if (dstKey(keys, ci) == key) {
                return IpAddress.format(keys.dstHi(ci), keys.dstLo(ci));
            }
        }
        return "one address";
    }
}
