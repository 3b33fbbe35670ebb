package org.beaconwatch.ml.features;

import java.util.HashMap;
import java.util.Map;

/**
 * Smoothed target rate of a categorical value (the "m-estimate" of Micci-Barreca, "A
 * preprocessing scheme for high-cardinality categorical attributes", SIGKDD Explorations 2001):
 * {@code (positives + m * prior) / (count + m)}. Rare values shrink toward the training prior, so
 * one lucky row cannot make a process name look certainly malicious; unseen and missing values
 * get the prior. Fitted on training rows only.
 */
final class TargetRate {
    static final double SMOOTHING = 20;

    private final Map<String, Double> rate;
    private final Map<String, Integer> count;
    private final double prior;
    private final int total;

    private TargetRate(Map<String, Double> rate, Map<String, Integer> count, double prior, int total) {
        this.rate = rate;
        this.count = count;
        this.prior = prior;
        this.total = total;
    }

    static TargetRate fit(String[] values, int[] train, boolean[] positive) {
        Map<String, int[]> stats = new HashMap<>();
        int pos = 0;
        for (int r : train) {
            if (positive[r]) {
                pos++;
            }
            String v = values[r];
            if (v == null) {
                continue;
            }
            int[] s = stats.computeIfAbsent(v, k -> new int[2]);
            s[0]++;
            if (positive[r]) {
                s[1]++;
            }
        }
        double prior = train.length == 0 ? 0 : (pos + 1.0) / (train.length + 2.0);
        Map<String, Double> rate = new HashMap<>();
        Map<String, Integer> count = new HashMap<>();
        for (var e : stats.entrySet()) {
            int[] s = e.getValue();
            rate.put(e.getKey(), (s[1] + SMOOTHING * prior) / (s[0] + SMOOTHING));
            count.put(e.getKey(), s[0]);
        }
        return new TargetRate(rate, count, prior, train.length);
    }

    /** A target rate read back from a model file. */
    static TargetRate of(Map<String, Double> rate, Map<String, Integer> count, double prior, int total) {
        return new TargetRate(new HashMap<>(rate), new HashMap<>(count), prior, total);
    }

    Map<String, Double> rates() {
        return rate;
    }

    Map<String, Integer> counts() {
        return count;
    }

    double prior() {
        return prior;
    }

    int total() {
        return total;
    }

    /** Smoothed rate of positives among training rows with this value. */
    double rate(String v) {
        if (v == null) {
            return prior;
        }
        Double r = rate.get(v);
        return r == null ? prior : r;
    }

    /**
     * Rarity: {@code -ln((count + 1) / (total + 2))}, the surprise of seeing this value in the
     * training data (high = rare or never seen).
     */
    double rarity(String v) {
        Integer c = v == null ? null : count.get(v);
        return -Math.log(((c == null ? 0 : c) + 1.0) / (total + 2.0));
    }
}
