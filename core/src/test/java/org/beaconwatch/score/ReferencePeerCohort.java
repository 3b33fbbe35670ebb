package org.beaconwatch.score;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.beaconwatch.severity.Severity;

/**
 * Test-only reference: {@link PeerCohort} as it was before it read flat arrays recorded while
 * scoring (boxed per-host lists of findings, sorted by period, two pointers), kept unchanged but
 * for the name.
 */
final class ReferencePeerCohort {
    private ReferencePeerCohort() {
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
        int[] coTimed = new int[out.length];
        String[] partner = new String[out.length];
        if (starts != null) {
            coTimed(out, starts, coTimed, partner);
        }
        Map<String, List<Integer>> byHost = new HashMap<>();
        for (int i = 0; i < out.length; i++) {
            Finding f = out[i];
            if (f != null && f.type() == FindingType.BEACON && f.timingScore() >= ScoreWeights.COHORT_MIN_TIMING
                    && f.periodSeconds() > 0) {
                byHost.computeIfAbsent(f.src(), k -> new ArrayList<>()).add(i);
            }
        }
        int[] periodCohort = new int[out.length];
        for (List<Integer> idx : byHost.values()) {
            if (idx.size() <= ScoreWeights.COHORT_FREE) {
                continue;
            }
            idx.sort((a, b) -> Double.compare(out[a].periodSeconds(), out[b].periodSeconds()));
            int m = idx.size();
            double[] p = new double[m];
            for (int k = 0; k < m; k++) {
                p[k] = out[idx.get(k)].periodSeconds();
            }
            int lo = 0, hi = 0;
            int[] cohort = new int[m];
            for (int k = 0; k < m; k++) {
                while (p[lo] < p[k] * (1 - ScoreWeights.COHORT_PERIOD_TOLERANCE)) {
                    lo++;
                }
                while (hi + 1 < m && p[hi + 1] <= p[k] * (1 + ScoreWeights.COHORT_PERIOD_TOLERANCE)) {
                    hi++;
                }
                cohort[k] = hi - lo;
            }
            for (int k = 0; k < m; k++) {
                periodCohort[idx.get(k)] = cohort[k];
            }
        }
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null || (periodCohort[i] <= ScoreWeights.COHORT_FREE && coTimed[i] == 0)) {
                continue;
            }
            int extra = Math.max(periodCohort[i] - ScoreWeights.COHORT_FREE, coTimed[i]);
            double factor = ScoreWeights.cohort(extra + ScoreWeights.COHORT_FREE);
            out[i] = rescore(out[i], periodCohort[i], coTimed[i], partner[i], factor, o);
        }
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
