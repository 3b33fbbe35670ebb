/**
 * Honest evaluation: PR-AUC first (positives are rare, ROC-AUC flatters), ROC-AUC, precision,
 * recall and F1 at a threshold chosen on validation data only, confusion matrices, calibration
 * (reliability bins, Brier score), per-class figures, and a host triage table. Results are plain
 * records that serialise to JSON ({@link org.beaconwatch.ml.eval.EvaluationJson}).
 */
package org.beaconwatch.ml.eval;
