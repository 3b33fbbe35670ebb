package org.beaconwatch.ml.model;

import java.util.List;

/**
 * The held-out test figures of a model, kept in its provenance so that whoever scores with it later
 * (the analyst page of {@code score --html}) can say how well it did when it was trained.
 *
 * @param evaluated   what the test part was (split description)
 * @param rows        test rows
 * @param positives   positive test rows
 * @param prAuc       PR-AUC of the risk on the test part
 * @param chancePrAuc PR-AUC of a random score
 * @param rocAuc      ROC-AUC
 * @param precision   precision at the model's threshold
 * @param recall      recall at the model's threshold
 * @param f1          F1 at the model's threshold
 * @param brier       Brier score of the calibrated probability (NaN without one)
 * @param topFeatures the most important features, strongest first ("name (gain 0.41)")
 */
public record TestFigures(String evaluated, long rows, long positives, double prAuc, double chancePrAuc, double rocAuc,
                          double precision, double recall, double f1, double brier, List<String> topFeatures) {
}
