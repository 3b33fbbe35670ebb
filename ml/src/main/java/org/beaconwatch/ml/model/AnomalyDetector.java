package org.beaconwatch.ml.model;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The unsupervised view: how unusual a row's features are compared with the training rows,
 * ignoring labels, and the row's percentile among training scores (0..1, 1 = more unusual than
 * every training row).
 *
 * <p>Score: mean over features of the robust z-score {@code |x - median| / (1.4826 * MAD)},
 * capped at 10 per feature (a distance-to-median detector; the Isolation Forest replaces it when
 * available). Percentiles make the score comparable across feature sets for the fused risk.
 */
final class AnomalyDetector implements Serializable {
    private static final long serialVersionUID = 1L;
    private final double[] median;
    private final double[] scale;
    private final double[] trainScores;

    private AnomalyDetector(double[] median, double[] scale, double[] trainScores) {
        this.median = median;
        this.scale = scale;
        this.trainScores = trainScores;
    }

    static AnomalyDetector fit(double[][] x, int[] rows, long seed) {
        int f = x.length == 0 ? 0 : x[rows.length == 0 ? 0 : rows[0]].length;
        double[] med = new double[f];
        double[] sc = new double[f];
        double[] col = new double[rows.length];
        for (int j = 0; j < f; j++) {
            for (int i = 0; i < rows.length; i++) {
                col[i] = x[rows[i]][j];
            }
            med[j] = median(col);
            double[] dev = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                dev[i] = Math.abs(col[i] - med[j]);
            }
            double mad = 1.4826 * median(dev);
            if (mad == 0) {
                double mean = 0;
                for (double d : dev) {
                    mean += d;
                }
                mad = rows.length == 0 ? 0 : 1.2533 * mean / rows.length;
            }
            sc[j] = mad > 0 ? mad : 1;
        }
        AnomalyDetector d = new AnomalyDetector(med, sc, new double[0]);
        double[] ts = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            ts[i] = d.raw(x[rows[i]]);
        }
        Arrays.sort(ts);
        return new AnomalyDetector(med, sc, ts);
    }

    double raw(double[] row) {
        double s = 0;
        for (int j = 0; j < median.length; j++) {
            s += Math.min(10, Math.abs(row[j] - median[j]) / scale[j]);
        }
        return median.length == 0 ? 0 : s / median.length;
    }

    /** Share of training rows with a lower or equal raw score. */
    double percentile(double raw) {
        int lo = 0;
        int hi = trainScores.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (trainScores[mid] <= raw) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return trainScores.length == 0 ? 0 : (double) lo / trainScores.length;
    }

    /** Per-feature robust z of a row, for reasons. */
    double z(double[] row, int j) {
        return (row[j] - median[j]) / scale[j];
    }

    double median(int j) {
        return median[j];
    }

    private static double median(double[] v) {
        if (v.length == 0) {
            return 0;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
