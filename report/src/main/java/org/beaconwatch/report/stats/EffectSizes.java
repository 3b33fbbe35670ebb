package org.beaconwatch.report.stats;

import java.util.Arrays;

/**
 * Effect sizes: how large a difference is, as opposed to how surely it is non-zero.
 *
 * <p>With tens of thousands of rows almost every difference is "significant", so the report shows
 * an effect size beside every p-value.
 * <ul>
 *   <li>Cliff's delta {@code d = P(X > Y) - P(X < Y)} for a numeric feature in two groups, in
 *   [-1, 1]; it equals the rank-biserial correlation of the Mann-Whitney U test,
 *   {@code d = 2U/(nm) - 1}. Magnitude thresholds |d| &lt; 0.147 negligible, &lt; 0.33 small,
 *   &lt; 0.474 medium, else large (Romano et al., 2006). Source: N. Cliff, "Dominance statistics:
 *   ordinal analyses to answer ordinal questions", Psychological Bulletin 114(3), 1993.</li>
 *   <li>Cramer's V {@code sqrt(chi2 / (N (min(r, c) - 1)))} for a contingency table, in [0, 1]
 *   (H. Cramer, Mathematical Methods of Statistics, 1946). Thresholds for the 2-column tables used
 *   here: &lt; 0.1 negligible, &lt; 0.3 small, &lt; 0.5 medium, else large (Cohen, 1988).</li>
 * </ul>
 */
public final class EffectSizes {
    private EffectSizes() {
    }

    /**
     * Cliff's delta of x against y: P(X &gt; Y) - P(X &lt; Y) over all pairs, in O((n+m) log(n+m)).
     * NaN values are ignored; NaN when either group is empty.
     */
    public static double cliffsDelta(double[] x, double[] y) {
        double[] a = finiteSorted(x);
        double[] b = finiteSorted(y);
        if (a.length == 0 || b.length == 0) {
            return Double.NaN;
        }
        // For each a[i]: count of b below and above, by two pointers over sorted arrays.
        long greater = 0;
        long less = 0;
        int lo = 0; // b[0..lo) < a[i]
        int hi = 0; // b[0..hi) <= a[i]
        for (double v : a) {
            while (lo < b.length && b[lo] < v) {
                lo++;
            }
            if (hi < lo) {
                hi = lo;
            }
            while (hi < b.length && b[hi] <= v) {
                hi++;
            }
            greater += lo;
            less += b.length - hi;
        }
        return (double) (greater - less) / ((double) a.length * b.length);
    }

    /** Plain O(nm) Cliff's delta, the obviously correct reference for tests. */
    static double cliffsDeltaNaive(double[] x, double[] y) {
        long g = 0;
        long l = 0;
        for (double a : x) {
            for (double b : y) {
                if (a > b) {
                    g++;
                } else if (a < b) {
                    l++;
                }
            }
        }
        return (double) (g - l) / ((double) x.length * y.length);
    }

    /** Magnitude word for Cliff's delta (Romano et al., 2006). */
    public static String cliffsMagnitude(double d) {
        double a = Math.abs(d);
        if (Double.isNaN(a)) {
            return "n/a";
        }
        return a < 0.147 ? "negligible" : a < 0.33 ? "small" : a < 0.474 ? "medium" : "large";
    }

    /**
     * Cramer's V of a contingency table (rows x columns of counts); rows and columns that are all
     * zero are dropped first. NaN when fewer than two non-empty rows or columns remain.
     */
    public static double cramersV(long[][] table) {
        long[][] t = dropEmpty(table);
        if (t.length < 2 || t[0].length < 2) {
            return Double.NaN;
        }
        double chi2 = chiSquare(t);
        long n = 0;
        for (long[] r : t) {
            for (long v : r) {
                n += v;
            }
        }
        int k = Math.min(t.length, t[0].length) - 1;
        return Math.sqrt(chi2 / ((double) n * k));
    }

    /** Magnitude word for Cramer's V with one degree of freedom on the smaller side (Cohen, 1988). */
    public static String cramersMagnitude(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return v < 0.1 ? "negligible" : v < 0.3 ? "small" : v < 0.5 ? "medium" : "large";
    }

    /** Pearson's chi-square statistic of a table without empty rows or columns. */
    static double chiSquare(long[][] t) {
        int r = t.length;
        int c = t[0].length;
        double[] rs = new double[r];
        double[] cs = new double[c];
        double n = 0;
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                rs[i] += t[i][j];
                cs[j] += t[i][j];
                n += t[i][j];
            }
        }
        double chi2 = 0;
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                double e = rs[i] * cs[j] / n;
                double d = t[i][j] - e;
                chi2 += d * d / e;
            }
        }
        return chi2;
    }

    /** Removes all-zero rows and columns. */
    public static long[][] dropEmpty(long[][] table) {
        int r = table.length;
        int c = r == 0 ? 0 : table[0].length;
        boolean[] keepRow = new boolean[r];
        boolean[] keepCol = new boolean[c];
        int nr = 0;
        int nc = 0;
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                if (table[i][j] != 0) {
                    keepRow[i] = true;
                    keepCol[j] = true;
                }
            }
        }
        for (boolean b : keepRow) {
            nr += b ? 1 : 0;
        }
        for (boolean b : keepCol) {
            nc += b ? 1 : 0;
        }
        long[][] out = new long[nr][nc];
        int oi = 0;
        for (int i = 0; i < r; i++) {
            if (!keepRow[i]) {
                continue;
            }
            int oj = 0;
            for (int j = 0; j < c; j++) {
                if (keepCol[j]) {
                    out[oi][oj++] = table[i][j];
                }
            }
            oi++;
        }
        return out;
    }

    static double[] finiteSorted(double[] x) {
        double[] a = new double[x.length];
        int k = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                a[k++] = v;
            }
        }
        a = Arrays.copyOf(a, k);
        Arrays.sort(a);
        return a;
    }
}
