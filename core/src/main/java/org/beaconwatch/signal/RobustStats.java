package org.beaconwatch.signal;

import java.util.Arrays;

/**
 * Robust location and spread: median, quantiles, median absolute deviation (MAD), interquartile
 * range and Bowley's quartile skewness. Robust statistics are used throughout the scorers because
 * beacon timing and sizes carry outliers by nature (missed beats, occasional tasking): a few of
 * them must not move the estimate, which a mean and standard deviation would allow.
 * Source: Rousseeuw &amp; Croux, "Alternatives to the median absolute deviation", JASA 1993;
 * Bowley, "Elements of Statistics", 1901 (quartile skewness); used for beacons by RITA [1].
 *
 * <p>Methods taking an unsorted array sort a copy; {@code sorted*} methods expect ascending input.
 */
public final class RobustStats {
    private RobustStats() {
    }

    /** Quantile q in [0, 1] of ascending values[0..n) by linear interpolation (Hyndman-Fan type 7). */
    public static double sortedQuantile(double[] v, int n, double q) {
        return sortedQuantile(v, 0, n, q);
    }

    /** Quantile q in [0, 1] of ascending values[from..from + n), as {@link #sortedQuantile(double[], int, double)}. */
    public static double sortedQuantile(double[] v, int from, int n, double q) {
        if (n == 0) {
            return Double.NaN;
        }
        double pos = q * (n - 1);
        int i = (int) Math.floor(pos);
        if (i >= n - 1) {
            return v[from + n - 1];
        }
        double f = pos - i;
        return v[from + i] + f * (v[from + i + 1] - v[from + i]);
    }

    /** Median of ascending values[0..n). */
    public static double sortedMedian(double[] v, int n) {
        return sortedQuantile(v, n, 0.5);
    }

    /** Median of values[0..n) (copies). */
    public static double median(double[] v, int n) {
        double[] c = Arrays.copyOf(v, n);
        Arrays.sort(c);
        return sortedMedian(c, n);
    }

    /**
     * Median of values[0..n), equal to {@link #median} bit for bit for values without NaN and
     * negative zero, in expected linear time: the two middle order statistics are selected
     * (quickselect, insertion sort for short ranges) instead of sorting. Reorders values[0..n).
     */
    public static double selectMedian(double[] v, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        int i = (n - 1) / 2; // the index sortedQuantile(…, 0.5) reads first
        select(v, 0, n - 1, i);
        if (i >= n - 1) {
            return v[n - 1];
        }
        // after selection v[i + 1 ..] holds the larger values: the next order statistic is their minimum
        double next = v[i + 1];
        for (int k = i + 2; k < n; k++) {
            if (v[k] < next) {
                next = v[k];
            }
        }
        double pos = 0.5 * (n - 1);
        double f = pos - i;
        return v[i] + f * (next - v[i]);
    }

    /**
     * Unscaled median absolute deviation from {@code center} of values[0..n), equal to {@link #mad}
     * bit for bit for values without NaN, in expected linear time: the deviations go to
     * {@code work} (length at least n) and their median is selected ({@link #selectMedian}).
     */
    public static double selectMad(double[] v, int n, double center, double[] work) {
        for (int i = 0; i < n; i++) {
            work[i] = Math.abs(v[i] - center);
        }
        return selectMedian(work, n);
    }

    /** Reorders v[lo..hi] so that v[k] is the value sorting would put there, smaller ones before, larger after. */
    private static void select(double[] v, int lo, int hi, int k) {
        while (hi - lo > 16) {
            // median of three as pivot, Hoare partition
            int mid = (lo + hi) >>> 1;
            double a = v[lo], b = v[mid], c = v[hi];
            double pivot = a < b ? (b < c ? b : Math.max(a, c)) : (a < c ? a : Math.max(b, c));
            int i = lo, j = hi;
            while (i <= j) {
                while (v[i] < pivot) {
                    i++;
                }
                while (v[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = v[i];
                    v[i] = v[j];
                    v[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return; // j < k < i: v[k] equals the pivot and is in place
            }
        }
        for (int i = lo + 1; i <= hi; i++) {
            double x = v[i];
            int j = i - 1;
            while (j >= lo && v[j] > x) {
                v[j + 1] = v[j];
                j--;
            }
            v[j + 1] = x;
        }
    }

    /** Ranges up to this long are sorted by insertion ({@link #sort}). */
    static final int INSERTION_SORT_MAX = 40;

    /**
     * Sorts values[0..n) ascending, as {@link Arrays#sort(double[], int, int)} does for values
     * without NaN and negative zero: by insertion for short ranges (most channels have a few tens of
     * connections, where the library sort's passes for NaN and signed zeros cost more than the sort).
     */
    public static void sort(double[] v, int n) {
        if (n > INSERTION_SORT_MAX) {
            Arrays.sort(v, 0, n);
            return;
        }
        for (int i = 1; i < n; i++) {
            double x = v[i];
            int j = i - 1;
            while (j >= 0 && v[j] > x) {
                v[j + 1] = v[j];
                j--;
            }
            v[j + 1] = x;
        }
    }

    /** Unscaled median absolute deviation from {@code center} of values[0..n). */
    public static double mad(double[] v, int n, double center) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = Math.abs(v[i] - center);
        }
        Arrays.sort(d);
        return sortedMedian(d, n);
    }

    /**
     * Unscaled median absolute deviation from {@code center} of ascending values[0..n), equal to
     * {@link #mad} bit for bit, in linear time: the deviations below the centre (read backwards)
     * and above it (read forwards) are two ascending runs, merged into {@code work} (length at
     * least n) instead of sorted.
     */
    public static double sortedMad(double[] v, int n, double center, double[] work) {
        int split = 0;
        while (split < n && v[split] < center) {
            split++;
        }
        int lo = split - 1, hi = split;
        // the median reads the ascending deviations up to index (n - 1) / 2 + 1 only
        int needed = Math.min(n, (n - 1) / 2 + 2);
        for (int k = 0; k < needed; k++) {
            double a = lo >= 0 ? Math.abs(v[lo] - center) : 0;
            double b = hi < n ? Math.abs(v[hi] - center) : 0;
            if (hi >= n || (lo >= 0 && a <= b)) {
                work[k] = a;
                lo--;
            } else {
                work[k] = b;
                hi++;
            }
        }
        return sortedMedian(work, n);
    }

    /** Bowley skewness (Q1 + Q3 - 2 Q2) / (Q3 - Q1) in [-1, 1]; 0 when the IQR is 0. */
    public static double sortedBowley(double[] v, int n) {
        double q1 = sortedQuantile(v, n, 0.25), q2 = sortedQuantile(v, n, 0.5), q3 = sortedQuantile(v, n, 0.75);
        double iqr = q3 - q1;
        return iqr <= 0 ? 0.0 : (q1 + q3 - 2 * q2) / iqr;
    }

    /** Interquartile range of ascending values. */
    public static double sortedIqr(double[] v, int n) {
        return sortedQuantile(v, n, 0.75) - sortedQuantile(v, n, 0.25);
    }
}
