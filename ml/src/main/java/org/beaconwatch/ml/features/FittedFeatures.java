package org.beaconwatch.ml.features;

import java.util.List;
import org.beaconwatch.table.DataTable;

/**
 * Feature encoders fitted on training rows, saved inside a model file and applied unchanged to
 * any table with the same input columns.
 */
public interface FittedFeatures {

    /** Output feature names, in column order. */
    List<String> names();

    /** Input columns this needs (as named at training time). */
    List<String> inputColumns();

    /**
     * Computes the features of every row of {@code table}.
     *
     * @throws IllegalArgumentException naming the missing or mistyped input columns
     */
    FeatureMatrix transform(DataTable table);
}
