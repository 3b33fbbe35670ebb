package org.beaconwatch.ml.eval;

/**
 * A point of a PR curve (x = recall, y = precision) or ROC curve (x = FPR, y = TPR).
 *
 * @param x         x coordinate
 * @param y         y coordinate
 * @param threshold the score threshold of the point
 */
public record CurvePoint(double x, double y, double threshold) {
}
