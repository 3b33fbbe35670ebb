package org.beaconwatch.ml.model;

/**
 * The fused risk score an analyst sorts by.
 *
 * <p>What: a noisy-OR of three pieces of evidence, each in [0, 1]:
 * {@code risk = 1 - (1 - p) * (1 - W_ANOMALY * tail(a)) * (1 - W_BEACON * b)}, where {@code p} is the
 * supervised probability of "malicious", {@code a} the anomaly percentile among training rows with
 * {@code tail(a) = clamp((a - 0.99) / 0.01, 0, 1)} (only the top 1 % most unusual rows count), and
 * {@code b} the detection engine's beacon score when the input carries one (per-channel data).
 * Without a supervised model (Isolation Forest) {@code p} is the anomaly percentile itself.
 *
 * <p>Why: the supervised model is the best evidence for attacks like those it was trained on;
 * the anomaly tail catches rows unlike anything in training (new families), and the beacon score
 * carries the timing evidence of the rule-based detector. Noisy-OR keeps the result in [0, 1],
 * monotone in each input, and equal to {@code p} when the other evidence is absent, so the
 * supervised probability's ranking is disturbed only by strong extra evidence. The weights
 * (0.3 and 0.8) are judgement, not fitted: the evaluation reports PR-AUC for the risk and for each
 * input separately so their effect is visible. Source: noisy-OR evidence combination (Pearl,
 * "Probabilistic Reasoning in Intelligent Systems", 1988, ch. 4).
 */
public final class FusedRisk {
    /** Weight of the anomaly tail. */
    public static final double W_ANOMALY = 0.3;
    /** Weight of the beacon score. */
    public static final double W_BEACON = 0.8;

    private FusedRisk() {
    }

    /**
     * Fuses the available signals into one risk in [0, 1].
     *
     * @param probability supervised probability, or NaN for none
     * @param anomalyPct  anomaly percentile in [0, 1], or NaN for none
     * @param beacon      beacon score in [0, 1], or NaN for none
     */
    public static double fuse(double probability, double anomalyPct, double beacon) {
        double p = Double.isNaN(probability) ? (Double.isNaN(anomalyPct) ? 0 : anomalyPct) : probability;
        double a = Double.isNaN(probability) || Double.isNaN(anomalyPct) ? 0
                : Math.max(0, Math.min(1, (anomalyPct - 0.99) / 0.01));
        double b = Double.isNaN(beacon) ? 0 : Math.max(0, Math.min(1, beacon));
        return 1 - (1 - clamp(p)) * (1 - W_ANOMALY * a) * (1 - W_BEACON * b);
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
