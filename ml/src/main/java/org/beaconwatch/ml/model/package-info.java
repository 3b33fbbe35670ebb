/**
 * Models: gradient-boosted trees (Tribuo XGBoost) and random forests (Tribuo CART ensembles) with
 * probability outputs, the Isolation Forest for the unsupervised view, the fused risk score, and
 * model files with provenance. Entry points: {@link org.beaconwatch.ml.model.ModelTrainer#train} and
 * {@link org.beaconwatch.ml.model.TrainedModel#score}.
 */
package org.beaconwatch.ml.model;
