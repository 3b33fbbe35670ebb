package org.beaconwatch.score;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.beaconwatch.severity.Severity;

/**
 * Peer cohort: what separates a single host's benign periodic software from C2 in the captures we
 * have. In CTU-Normal-7 every false alarm was one of a dozen channels of the same host, each to a
 * different peer on a random high port, all on the same beat (60 s P2P retries and keep-alives,
 * 71 s tracker/peer exchanges). A C2 implant beacons to one server (NjRAT, Mirai IRC, the RITA
 * proxy beacon, the Slips curl beacon), and the simulator's beacons have no same-period companions.
 *
 * <p>For each periodic beacon finding (timing ≥ {@link ScoreWeights#COHORT_MIN_TIMING}), the cohort
 * is the number of the host's other periodic beacon findings whose period is within
 * ±{@link ScoreWeights#COHORT_PERIOD_TOLERANCE} of its own, towards other destinations. The score is
 * multiplied by {@link ScoreWeights#cohort(int)}: one companion is free, each further one costs
 * more (2 → 0.5, 3 → 0.33, 7 → 0.14). Runs after all channels are scored, in one pass per host
 * (its periods sorted, two binary searches per finding), so it costs O(n log n).
 *
 * <p>Co-timed companions ({@link ScoreWeights#CO_TIMED_WINDOW}): on CTU-50 day 010 a benign client
 * polls one AWS address every 5 min and, on every sixth of those beats, within half a second, a
 * second AWS service: two periodic channels started by one timer. Two channels of one host to
 * different servers where the slower one's period is a multiple k ≥ 2 of the other's (within
 * ±{@link ScoreWeights#COHORT_PERIOD_TOLERANCE}·k) and it starts together with beats of the faster
 * one far more often than chance are one application's harmonic schedule ("every k-th tick also
 * sync"), and such a companion is never free. Co-timing alone is not enough: the Slips test5
 * malware contacts two servers on every one-minute beat and six more every 95 s, interleaved
 * with its 62 s beat (ratio 1.5), and keeps its score. Checked with the connection start
 * times of the channels scoring at least {@link ScoreWeights#CO_TIMED_MIN_SCORE} (pairs within a
 * host, merged in O(n) each); DNS channels (a beacon may resolve its server before every beat) and
 * other ports of the same server are not companions. Without start times (findings rebuilt from
 * another engine) only the period cohort applies.
 */
final class PeerCohort {
    private PeerCohort() {
    }

    /** Applies the cohort factor in place; null entries are skipped. */
    static void apply(Finding[] out, DetectOptions o) {
        apply(out, null, o);
    }

    /**
     * Applies the cohort factor in place, with co-timed companions where {@code starts} holds the
     * sorted connection start times (µs) of a finding's channel (null entries: not checked).
     */
    static void apply(Finding[] out, long[][] starts, DetectOptions o) {
        double[] period = new double[out.length];
        int[] hostOf = new int[out.length];
        Map<String, Integer> hosts = new HashMap<>();
        for (int i = 0; i < out.length; i++) {
            period[i] = memberPeriod(out[i]);
            if (period[i] > 0) {
                hostOf[i] = hosts.computeIfAbsent(out[i].src(), k -> hosts.size());
            }
        }
        apply(out, starts, o, i -> hostOf[i], hosts.size(), period);
    }

    /**
     * The period (s) by which finding {@code f} joins its host's period cohort: a periodic beacon's
     * (timing at least {@link ScoreWeights#COHORT_MIN_TIMING}); 0 for any other finding or null.
     */
    static double memberPeriod(Finding f) {
        return f != null && f.type() == FindingType.BEACON && f.timingScore() >= ScoreWeights.COHORT_MIN_TIMING
                && f.periodSeconds() > 0 ? f.periodSeconds() : 0;
    }

    /**
     * As {@link #apply(Finding[], long[][], DetectOptions)}, given each finding's {@link #memberPeriod}
     * and host: {@code hostOf} of index i (0 to {@code hosts} - 1, one per source address, asked where
     * the period is positive). A scorer records these while each finding is at hand, so the pass over
     * all findings reads flat arrays instead of every finding's objects.
     */
    static void apply(Finding[] out, long[][] starts, DetectOptions o, IntUnaryOperator hostOf, int hosts,
                      double[] period) {
        int[] coTimed = new int[out.length];
        String[] partner = new String[out.length];
        if (starts != null) {
            coTimed(out, starts, coTimed, partner);
        }
        int[] periodCohort = periodCohorts(period, hostOf, hosts);
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null || (periodCohort[i] <= ScoreWeights.COHORT_FREE && coTimed[i] == 0)) {
                continue;
            }
            int extra = Math.max(periodCohort[i] - ScoreWeights.COHORT_FREE, coTimed[i]);
            double factor = ScoreWeights.cohort(extra + ScoreWeights.COHORT_FREE);
            out[i] = rescore(out[i], periodCohort[i], coTimed[i], partner[i], factor, o);
        }
    }

    /**
     * Per index, the number of the same host's other members whose period is within the tolerance
     * of its own: with the host's periods sorted, those at least p·(1 − tol) and at most p·(1 + tol),
     * less itself (two binary searches; the count depends on the period's value only).
     */
    private static int[] periodCohorts(double[] period, IntUnaryOperator hostOf, int hosts) {
        int n = period.length;
        int[] start = new int[hosts + 1];
        for (int i = 0; i < n; i++) {
            if (period[i] > 0) {
                start[hostOf.applyAsInt(i) + 1]++;
            }
        }
        for (int h = 0; h < hosts; h++) {
            start[h + 1] += start[h];
        }
        int[] next = java.util.Arrays.copyOf(start, hosts);
        int[] members = new int[start[hosts]];
        for (int i = 0; i < n; i++) {
            if (period[i] > 0) {
                members[next[hostOf.applyAsInt(i)]++] = i;
            }
        }
        int[] cohort = new int[n];
        double[] p = new double[0];
        for (int h = 0; h < hosts; h++) {
            int from = start[h], m = start[h + 1] - from;
            if (m <= ScoreWeights.COHORT_FREE) {
                continue;
            }
            if (p.length < m) {
                p = new double[Math.max(m, 2 * p.length)];
            }
            for (int k = 0; k < m; k++) {
                p[k] = period[members[from + k]];
            }
            java.util.Arrays.sort(p, 0, m);
            for (int k = 0; k < m; k++) {
                int i = members[from + k];
                double pi = period[i];
                int lo = countBelow(p, m, pi * (1 - ScoreWeights.COHORT_PERIOD_TOLERANCE));
                int hi = countAtMost(p, m, pi * (1 + ScoreWeights.COHORT_PERIOD_TOLERANCE)) - 1;
                cohort[i] = hi - lo;
            }
        }
        return cohort;
    }

    /** Values of ascending p[0..m) below x. */
    private static int countBelow(double[] p, int m, double x) {
        int lo = 0, hi = m;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (p[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Values of ascending p[0..m) at most x. */
    private static int countAtMost(double[] p, int m, double x) {
        int lo = 0, hi = m;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (p[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static boolean candidate(Finding f, long[] t) {
        return f != null && t != null && f.type() == FindingType.BEACON && !dns(f.dstPort())
                && f.score() >= ScoreWeights.CO_TIMED_MIN_SCORE;
    }

    private static boolean dns(int port) {
        return port == 53 || port == 853 || port == 5353;
    }

    /** Counts each candidate's co-timed companions (pairs within one host). */
    private static void coTimed(Finding[] out, long[][] starts, int[] count, String[] partner) {
        Map<String, List<Integer>> byHost = new HashMap<>();
        for (int i = 0; i < out.length; i++) {
            if (i < starts.length && candidate(out[i], starts[i])) {
                byHost.computeIfAbsent(out[i].src(), k -> new ArrayList<>()).add(i);
            }
        }
        for (List<Integer> idx : byHost.values()) {
            for (int x = 0; x < idx.size(); x++) {
                for (int y = x + 1; y < idx.size(); y++) {
                    int a = idx.get(x), b = idx.get(y);
                    if (sameServer(out[a], out[b])) {
                        continue;
                    }
                    // nested schedules only: the slower channel starts with beats of the faster
                    int slow = out[a].periodSeconds() >= out[b].periodSeconds() ? a : b;
                    int fast = slow == a ? b : a;
                    if (harmonic(out[slow].periodSeconds(), out[fast].periodSeconds())
                            && together(starts[slow], starts[fast])) {
                        count[a]++;
                        count[b]++;
                        partner[a] = partner[a] == null ? server(out[b]) : partner[a];
                        partner[b] = partner[b] == null ? server(out[a]) : partner[b];
                    }
                }
            }
        }
    }

    /** Whether the slower period is k times the faster one (k ≥ 2, within the cohort tolerance). */
    static boolean harmonic(double slow, double fast) {
        if (fast <= 0) {
            return false;
        }
        double ratio = slow / fast;
        long k = Math.round(ratio);
        return k >= 2 && Math.abs(ratio - k) <= ScoreWeights.COHORT_PERIOD_TOLERANCE * k;
    }

    private static boolean sameServer(Finding a, Finding b) {
        return (a.dst().equals(b.dst()) && !"-".equals(a.dst()))
                || (a.serverName() != null && a.serverName().equals(b.serverName()));
    }

    private static String server(Finding f) {
        return f.serverName() != null ? f.serverName() : f.dst();
    }

    /**
     * Whether most of {@code a}'s connections start within the window of one of {@code b}'s, and
     * far more often than chance (b's connections cover 2·window·n_b / span_b of the time).
     */
    static boolean together(long[] a, long[] b) {
        if (a.length < 3 || b.length < 3) {
            return false;
        }
        long w = ScoreWeights.CO_TIMED_WINDOW;
        int hit = 0;
        int j = 0;
        for (long t : a) {
            while (j < b.length && b[j] < t - w) {
                j++;
            }
            if (j < b.length && b[j] <= t + w) {
                hit++;
            }
        }
        double share = (double) hit / a.length;
        double spanB = Math.max(1.0, (double) (b[b.length - 1] - b[0]));
        double chance = Math.min(1.0, 2.0 * w * b.length / spanB);
        return share >= ScoreWeights.CO_TIMED_SHARE && share >= ScoreWeights.CO_TIMED_LIFT * chance;
    }

    private static Finding rescore(Finding f, int cohort, int coTimed, String partner, double factor,
                                   DetectOptions o) {
        double score = Math.round(f.score() * factor * 10000) / 10000.0;
        Map<String, Double> features;
        if (f.features() instanceof FeatureMap fm) {
            features = fm.with("peer_cohort", cohort, "co_timed", coTimed, "cohort_factor", factor, "score", score);
        } else { // findings rebuilt elsewhere (the Spark engine) carry a plain map: same keys, same values
            features = new java.util.LinkedHashMap<>(f.features());
            features.put("peer_cohort", (double) cohort);
            features.put("co_timed", (double) coTimed);
            features.put("cohort_factor", factor);
            features.put("score", score);
        }
        return new Finding(f.rank(), Severity.of(score), score >= o.alertThreshold(), f.type(), f.id(),
                f.scores().withScore(score), f.evidence().withCohort(cohort, coTimed, partner, factor, features));
    }
}
