package org.beaconwatch.report.stats;

import java.util.List;

/**
 * Spearman's rank correlation: Pearson's correlation of the (average, for ties) ranks, so it
 * captures any monotone relation and is not dominated by heavy tails, which byte counts have
 * (C. Spearman, "The proof and measurement of association between two things", 1904).
 * Rows where either value is NaN are left out (pairwise deletion).
 */
public final class RankCorrelation {
    private RankCorrelation() {
    }

    /** Spearman's rho of x and y; NaN with fewer than 3 complete pairs or a constant side. */
    public static double spearman(double[] x, double[] y) {
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                n++;
            }
        }
        if (n < 3) {
            return Double.NaN;
        }
        double[] a = new double[n];
        double[] b = new double[n];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                a[k] = x[i];
                b[k] = y[i];
                k++;
            }
        }
        return pearson(ranks(a), ranks(b));
    }

    /**
     * Spearman's rho for every pair of columns (pairwise deletion); the diagonal is 1. Ranks of
     * columns without NaN are computed once and reused.
     */
    public static double[][] spearmanMatrix(List<double[]> columns) {
        int d = columns.size();
        double[][] cached = new double[d][];
        for (int i = 0; i < d; i++) {
            double[] c = columns.get(i);
            boolean complete = true;
            for (double v : c) {
                if (Double.isNaN(v)) {
                    complete = false;
                    break;
                }
            }
            cached[i] = complete && c.length >= 3 ? ranks(c) : null;
        }
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            m[i][i] = 1;
            for (int j = i + 1; j < d; j++) {
                double r = cached[i] != null && cached[j] != null ? pearson(cached[i], cached[j])
                        : spearman(columns.get(i), columns.get(j));
                m[i][j] = r;
                m[j][i] = r;
            }
        }
        return m;
    }

    /** Average ranks (1-based; ties share the mean of their positions). */
    public static double[] ranks(double[] v) {
        int n = v.length;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        sortByValue(idx, v);
        double[] r = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            double avg = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                r[idx[t]] = avg;
            }
            i = j + 1;
        }
        return r;
    }

    /** Stable bottom-up merge sort of indices by v[index], ascending, on primitive arrays (no boxing). */
    public static void sortByValue(int[] idx, double[] v) {
        int n = idx.length;
        int[] src = idx;
        int[] dst = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int a = lo;
                int b = mid;
                int k = lo;
                while (a < mid && b < hi) {
                    dst[k++] = v[src[b]] < v[src[a]] ? src[b++] : src[a++];
                }
                while (a < mid) {
                    dst[k++] = src[a++];
                }
                while (b < hi) {
                    dst[k++] = src[b++];
                }
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        if (src != idx) {
            System.arraycopy(src, 0, idx, 0, n);
        }
    }

    static double pearson(double[] a, double[] b) {
        int n = a.length;
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= n;
        mb /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            double da = a[i] - ma;
            double db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        if (saa == 0 || sbb == 0) {
            return Double.NaN;
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
