package org.beaconwatch.report.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Corrections of p-values for multiple testing.
 *
 * <p>The report runs one test per feature (and per missing column); among twenty features at
 * least one will look "significant" at 5 % by chance, so p-values are adjusted.
 * Holm's step-down method controls the family-wise error rate without Bonferroni's loss of power
 * (S. Holm, "A simple sequentially rejective multiple test procedure", Scand. J. Statistics 6, 1979);
 * Benjamini-Hochberg controls the false discovery rate (J. R. Statist. Soc. B 57, 1995).
 * NaN p-values (tests that could not be run) stay NaN and do not count towards m.
 */
public final class MultipleTesting {
    private MultipleTesting() {
    }

    /** Holm-adjusted p-values, in input order. */
    public static double[] holm(double[] p) {
        Integer[] order = order(p);
        int m = order.length;
        double[] out = new double[p.length];
        Arrays.fill(out, Double.NaN);
        double running = 0;
        for (int k = 0; k < m; k++) {
            int i = order[k];
            double adj = Math.min(1.0, (m - k) * p[i]);
            running = Math.max(running, adj);
            out[i] = running;
        }
        return out;
    }

    /** Benjamini-Hochberg adjusted p-values (q-values), in input order. */
    public static double[] benjaminiHochberg(double[] p) {
        Integer[] order = order(p);
        int m = order.length;
        double[] out = new double[p.length];
        Arrays.fill(out, Double.NaN);
        double running = 1.0;
        for (int k = m - 1; k >= 0; k--) {
            int i = order[k];
            double adj = Math.min(1.0, p[i] * m / (k + 1));
            running = Math.min(running, adj);
            out[i] = running;
        }
        return out;
    }

    /** Indices of the non-NaN p-values, ascending by p. */
    private static Integer[] order(double[] p) {
        int n = 0;
        for (double v : p) {
            if (!Double.isNaN(v)) {
                n++;
            }
        }
        Integer[] idx = new Integer[n];
        int k = 0;
        for (int i = 0; i < p.length; i++) {
            if (!Double.isNaN(p[i])) {
                idx[k++] = i;
            }
        }
        Arrays.sort(idx, Comparator.comparingDouble(i -> p[i]));
        return idx;
    }
}
