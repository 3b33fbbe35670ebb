/**
 * Unsupervised anomaly scoring: a seeded {@link org.beaconwatch.ml.anomaly.IsolationForest}
 * written here (no permissively licensed Java implementation resolves from Maven Central).
 */
package org.beaconwatch.ml.anomaly;
