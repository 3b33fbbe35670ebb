package org.beaconwatch.ml.eval;

/**
 * One bin of a reliability diagram: rows whose predicted probability falls in [lo, hi).
 *
 * @param lo            bin start
 * @param hi            bin end
 * @param count         rows in the bin
 * @param meanPredicted mean predicted probability
 * @param observedRate  share of positives among them (a calibrated model has this ~ meanPredicted)
 */
public record ReliabilityBin(double lo, double hi, long count, double meanPredicted, double observedRate) {
}
