package org.beaconwatch.ml.model;

import java.util.List;

/**
 * A model's output for every row of a table.
 *
 * @param probability    supervised probability of "malicious" (null for the Isolation Forest)
 * @param anomaly        anomaly percentile among training rows, 0..1
 * @param risk           fused risk ({@link FusedRisk})
 * @param alert          risk at or above the model's threshold
 * @param classes        classes of the model
 * @param classProb      per row, probability per class (null for the Isolation Forest)
 * @param predictedClass per row, the most probable class (null for the Isolation Forest)
 * @param reasons        per row, up to three reasons "feature=value (+effect)", empty when not explained
 */
// arrays by design: columnar data handed over without copies; never compared or hashed by value
@SuppressWarnings("ArrayRecordComponent")
public record ScoredRows(double[] probability, double[] anomaly, double[] risk, boolean[] alert, List<String> classes,
                         double[][] classProb, String[] predictedClass, String[] reasons) {
}
