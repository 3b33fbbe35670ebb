package org.beaconwatch.report.stats;

import org.apache.commons.statistics.descriptive.Quantile;

/**
 * Outlier rules for one numeric feature.
 *
 * <p>Two complementary rules, both robust to the outliers they look for:
 * <ul>
 *   <li>Tukey's fences: outside [Q1 - 1.5 IQR, Q3 + 1.5 IQR] (J. W. Tukey, Exploratory Data
 *   Analysis, 1977). Quartiles use the Hyndman-Fan type 7 estimate (R's and NumPy's default),
 *   from Commons Statistics.</li>
 *   <li>Modified (robust) z-score {@code 0.6745 (x - median) / MAD} with |z| &gt; 3.5 flagged
 *   (B. Iglewicz and D. Hoaglin, How to Detect and Handle Outliers, ASQC 1993). When MAD is 0
 *   (more than half the values equal), the mean absolute deviation from the median scaled by
 *   1.253314 stands in for 1.4826 MAD, as is common practice; if that is 0 too no value is
 *   flagged.</li>
 * </ul>
 * NaN values are ignored.
 */
public final class RobustStats {
    /** The |robust z| above which a value is flagged. */
    public static final double ROBUST_Z_LIMIT = 3.5;

    private static final Quantile HF7 = Quantile.withDefaults().with(Quantile.EstimationMethod.HF7);

    /**
     * Summary of one feature.
     *
     * @param n        non-missing values
     * @param median   median
     * @param q1       first quartile
     * @param q3       third quartile
     * @param lowerFence Q1 - 1.5 IQR
     * @param upperFence Q3 + 1.5 IQR
     * @param mad      median absolute deviation from the median (unscaled)
     * @param zScale   the denominator of the robust z-score (MAD / 0.6745, or the fallback); 0 = none
     */
    public record Summary(int n, double median, double q1, double q3, double lowerFence, double upperFence,
                          double mad, double zScale) {
        /** Whether x lies outside Tukey's fences. */
        public boolean tukeyOutlier(double x) {
            return !Double.isNaN(x) && (x < lowerFence || x > upperFence);
        }

        /** The robust z-score of x (NaN for NaN, 0 when the scale is 0 and x is the median). */
        public double robustZ(double x) {
            if (Double.isNaN(x)) {
                return Double.NaN;
            }
            if (zScale == 0) {
                return x == median ? 0 : Math.copySign(Double.POSITIVE_INFINITY, x - median);
            }
            return (x - median) / zScale;
        }

        /** Whether |robust z| exceeds {@link #ROBUST_Z_LIMIT}; never when the scale is 0. */
        public boolean robustOutlier(double x) {
            return zScale > 0 && Math.abs(robustZ(x)) > ROBUST_Z_LIMIT;
        }
    }

    private RobustStats() {
    }

    /** Summarises the finite values of x; null when there are none. */
    public static Summary summarize(double[] x) {
        double[] a = EffectSizes.finiteSorted(x);
        if (a.length == 0) {
            return null;
        }
        double[] q = HF7.withCopy(false).evaluate(a, 0.25, 0.5, 0.75);
        double med = q[1];
        double iqr = q[2] - q[0];
        double[] dev = new double[a.length];
        double sumAbs = 0;
        for (int i = 0; i < a.length; i++) {
            dev[i] = Math.abs(a[i] - med);
            sumAbs += dev[i];
        }
        double mad = HF7.withCopy(false).evaluate(dev, 0.5);
        double scale;
        if (mad > 0) {
            scale = mad / 0.6745;
        } else {
            scale = 1.253314 * (sumAbs / a.length);
        }
        return new Summary(a.length, med, q[0], q[2], q[0] - 1.5 * iqr, q[2] + 1.5 * iqr, mad, scale);
    }

    /** Quantile p (Hyndman-Fan type 7) of the finite values of x; NaN when there are none. */
    public static double quantile(double[] x, double p) {
        double[] a = EffectSizes.finiteSorted(x);
        return a.length == 0 ? Double.NaN : HF7.withCopy(false).evaluate(a, p);
    }
}
