package org.beaconwatch.score;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * (findings sorted by period, two pointers), so it costs O(n log n).
 */
final class PeerCohort {
    private PeerCohort() {
    }

    /** Applies the cohort factor in place; null entries are skipped. */
    static void apply(Finding[] out, DetectOptions o) {
        Map<String, List<Integer>> byHost = new HashMap<>();
        for (int i = 0; i < out.length; i++) {
            Finding f = out[i];
            if (f != null && f.type() == FindingType.BEACON && f.timingScore() >= ScoreWeights.COHORT_MIN_TIMING
                    && f.periodSeconds() > 0) {
                byHost.computeIfAbsent(f.src(), k -> new ArrayList<>()).add(i);
            }
        }
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
                double factor = ScoreWeights.cohort(cohort[k]);
                if (factor >= 1.0) {
                    continue;
                }
                int i = idx.get(k);
                out[i] = rescore(out[i], cohort[k], factor, o);
            }
        }
    }

    private static Finding rescore(Finding f, int cohort, double factor, DetectOptions o) {
        double score = Math.round(f.score() * factor * 10000) / 10000.0;
        Map<String, Double> features;
        if (f.features() instanceof FeatureMap fm) {
            features = fm.with("peer_cohort", cohort, "cohort_factor", factor, "score", score);
        } else { // findings rebuilt elsewhere (the Spark engine) carry a plain map: same keys, same values
            features = new java.util.LinkedHashMap<>(f.features());
            features.put("peer_cohort", (double) cohort);
            features.put("cohort_factor", factor);
            features.put("score", score);
        }
        return new Finding(f.rank(), Severity.of(score), score >= o.alertThreshold(), f.type(), f.id(),
                f.scores().withScore(score), f.evidence().withCohort(cohort, factor, features));
    }
}
