/**
 * Train/test splits that do not leak: by group (no host on both sides), by time (train strictly
 * before test, with an optional gap), by file or capture, and stratified; k-fold cross-validation
 * of the same kind on the training part. A plain random row split of data with hosts is refused
 * ({@link org.beaconwatch.ml.split.LeakySplitException}) unless explicitly allowed.
 */
package org.beaconwatch.ml.split;
