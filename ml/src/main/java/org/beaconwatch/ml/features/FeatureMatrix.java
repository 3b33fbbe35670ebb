package org.beaconwatch.ml.features;

import java.util.List;

/**
 * A dense feature matrix: {@code values[row][feature]}, every value finite (missing values are
 * already imputed and flagged by indicator features).
 *
 * @param names  feature names, in column order
 * @param values rows of feature values
 */
// arrays by design: columnar data handed over without copies; never compared or hashed by value
@SuppressWarnings("ArrayRecordComponent")
public record FeatureMatrix(List<String> names, double[][] values) {

    public FeatureMatrix {
        names = List.copyOf(names);
    }

    public int rows() {
        return values.length;
    }

    /** The rows at {@code index}, in that order (rows are shared, not copied). */
    public FeatureMatrix select(int[] index) {
        double[][] out = new double[index.length][];
        for (int i = 0; i < index.length; i++) {
            out[i] = values[index[i]];
        }
        return new FeatureMatrix(names, out);
    }

    /** One column as an array. */
    public double[] column(int j) {
        double[] c = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            c[i] = values[i][j];
        }
        return c;
    }
}
