/**
 * Machine-learning models for Beaconwatch: feature sets ({@code features}), leakage-free splits
 * ({@code split}), Tribuo-backed classifiers and the fused risk score ({@code model}), and honest
 * evaluation ({@code eval}). Entry points: {@link org.beaconwatch.ml.model.ModelTrainer},
 * {@link org.beaconwatch.ml.model.TrainedModel} and {@link org.beaconwatch.ml.eval.Evaluator}.
 */
package org.beaconwatch.ml;
