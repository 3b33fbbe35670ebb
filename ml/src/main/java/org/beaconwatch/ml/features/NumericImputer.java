package org.beaconwatch.ml.features;

import java.util.Arrays;

/** Replaces a missing number by the training median; the caller adds a missing-value indicator. */
final class NumericImputer {
    final double median;
    final boolean sawMissing;

    NumericImputer(double median, boolean sawMissing) {
        this.median = median;
        this.sawMissing = sawMissing;
    }

    static NumericImputer fit(double[] values, int[] train) {
        double[] v = new double[train.length];
        int n = 0;
        for (int r : train) {
            if (!Double.isNaN(values[r])) {
                v[n++] = values[r];
            }
        }
        if (n == 0) {
            return new NumericImputer(0, true);
        }
        Arrays.sort(v, 0, n);
        double med = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        return new NumericImputer(med, n < train.length);
    }

    double apply(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? median : v;
    }
}
