package org.beaconwatch.ml.features;

import org.beaconwatch.table.DataTable;

/**
 * A recipe for features. {@link #fit} learns whatever it needs (modes, target rates, medians)
 * from the training rows only; the returned {@link FittedFeatures} is then applied unchanged to
 * validation, test and new data, so nothing is learned from rows a model is judged on.
 */
public interface FeatureSet {

    /** Short name, as given to {@code --features}. */
    String name();

    /**
     * Learns the feature encoders.
     *
     * @param table    the whole input table
     * @param train    indices of the training rows: the only rows whose values or labels are used
     * @param positive per row of {@code table}, whether its label is positive (read only at {@code train})
     * @throws IllegalArgumentException when the table lacks a column this feature set needs
     */
    FittedFeatures fit(DataTable table, int[] train, boolean[] positive);
}
