package org.beaconwatch.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.statistics.descriptive.Skewness;
import org.beaconwatch.report.stats.RobustStats;
import org.beaconwatch.table.Column;

/** Small column-level figures the labelled exploration's sections share. */
final class ColumnStats {
    /** Categories of a chi-square table; the rest are pooled as "other". */
    static final int CHI_CATEGORIES = 20;

    private ColumnStats() {
    }

    static int distinct(Column c) {
        if (c instanceof Column.Numeric n) {
            double[] v = n.values().clone();
            Arrays.sort(v);
            int d = 0;
            for (int i = 0; i < v.length; i++) {
                if (!Double.isNaN(v[i]) && (i == 0 || v[i] != v[i - 1])) {
                    d++;
                }
            }
            return d;
        }
        Set<String> s = new HashSet<>();
        for (String v : ((Column.Categorical) c).values()) {
            if (v != null) {
                s.add(v);
            }
        }
        return s.size();
    }

    static double skewness(double[] v) {
        double[] f = finite(v);
        if (f.length < 3) {
            return Double.NaN;
        }
        return Skewness.of(f).getAsDouble();
    }

    /** Non-negative, many distinct values, and a long right tail: plot on log10(1 + x). */
    static boolean heavyTailed(Column.Numeric c) {
        double[] f = finite(c.values());
        if (f.length < 3) {
            return false;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : f) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (min < 0 || max <= 0 || distinct(c) <= 10) {
            return false;
        }
        double q3 = RobustStats.quantile(f, 0.75);
        double sk = Skewness.of(f).getAsDouble();
        return sk > 2 || max > 50 * Math.max(q3, 1e-9);
    }

    static double[] finite(double[] v) {
        double[] out = new double[v.length];
        int k = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                out[k++] = x;
            }
        }
        return Arrays.copyOf(out, k);
    }

    /** Values where {@code flag} is set, and the others. */
    static double[][] splitBy(double[] v, boolean[] flag) {
        int a = 0;
        for (boolean f : flag) {
            a += f ? 1 : 0;
        }
        double[] x = new double[a];
        double[] y = new double[v.length - a];
        int i1 = 0;
        int i2 = 0;
        for (int i = 0; i < v.length; i++) {
            if (flag[i]) {
                x[i1++] = v[i];
            } else {
                y[i2++] = v[i];
            }
        }
        return new double[][] {x, y};
    }

    /** Top categories (plus "other", "missing") x {flag, not flag}. */
    static long[][] contingency(String[] v, boolean[] flag) {
        Map<String, long[]> counts = new HashMap<>();
        for (int i = 0; i < v.length; i++) {
            String key = v[i] == null ? "\u0000missing" : v[i];
            counts.computeIfAbsent(key, x -> new long[2])[flag[i] ? 0 : 1]++;
        }
        List<Map.Entry<String, long[]>> es = new ArrayList<>(counts.entrySet());
        es.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -(e.getValue()[0] + e.getValue()[1]))
                .thenComparing(Map.Entry::getKey));
        int rows = Math.min(es.size(), CHI_CATEGORIES + 1);
        long[][] t = new long[rows][2];
        for (int i = 0; i < es.size(); i++) {
            int r = Math.min(i, CHI_CATEGORIES);
            t[r][0] += es.get(i).getValue()[0];
            t[r][1] += es.get(i).getValue()[1];
        }
        return t;
    }
}
