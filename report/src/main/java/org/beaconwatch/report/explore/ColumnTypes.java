package org.beaconwatch.report.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;

/**
 * How each column of an unlabelled table is analysed: numeric measurements (bytes, packets,
 * durations), categories (protocols, services, states, and ports: a port names a service, its size
 * means nothing), identifiers (addresses, uids: counted, never correlated) and time.
 */
final class ColumnTypes {
    private ColumnTypes() {
    }

    static boolean isPort(String name) {
        String k = DataTable.key(name);
        return k.endsWith("port") || k.equals("idorigp") || k.equals("idrespp") || k.equals("sport")
                || k.equals("dport");
    }

    static boolean isTime(Column c) {
        return c.role() == Column.Role.TIME;
    }

    /** Numeric measurement columns (not time, not ports, not identifiers, not labels). */
    static List<Column.Numeric> numeric(DataTable t) {
        List<Column.Numeric> out = new ArrayList<>();
        for (Column c : t.columns()) {
            if (c instanceof Column.Numeric n && c.role() == Column.Role.FEATURE && !isPort(c.name())) {
                out.add(n);
            }
        }
        return out;
    }

    /** Categorical feature columns, ports included (as text). */
    static List<Column.Categorical> categorical(DataTable t) {
        List<Column.Categorical> out = new ArrayList<>();
        for (Column c : t.columns()) {
            if (c.role() != Column.Role.FEATURE && c.role() != Column.Role.LABEL) {
                continue;
            }
            if (c instanceof Column.Categorical k) {
                out.add(k);
            } else if (isPort(c.name())) {
                out.add(asCategorical(c));
            }
        }
        return out;
    }

    /** A column as text categories (numbers without a fraction print as integers). */
    static Column.Categorical asCategorical(Column c) {
        if (c instanceof Column.Categorical k) {
            return k;
        }
        double[] v = ((Column.Numeric) c).values();
        String[] s = new String[v.length];
        for (int i = 0; i < v.length; i++) {
            s[i] = Double.isNaN(v[i]) ? null : v[i] == Math.rint(v[i]) ? Long.toString((long) v[i]) : Double.toString(v[i]);
        }
        return new Column.Categorical(c.name(), c.role(), s);
    }

    /** Finite values, sorted. */
    static double[] finiteSorted(double[] v) {
        double[] f = new double[v.length];
        int n = 0;
        for (double x : v) {
            if (Double.isFinite(x)) {
                f[n++] = x;
            }
        }
        f = Arrays.copyOf(f, n);
        Arrays.sort(f);
        return f;
    }

    /** Quantile of sorted values, linear interpolation (type 7). */
    static double quantile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * Heavy-tailed: non-negative, more than 10 distinct values, and the maximum beyond 50 times the
     * upper quartile or a skewness above 2. Such columns are drawn and fenced on a log scale.
     */
    static boolean heavyTailed(double[] sorted) {
        int n = sorted.length;
        if (n < 3 || sorted[0] < 0 || sorted[n - 1] <= 0) {
            return false;
        }
        int distinct = 1;
        for (int i = 1; i < n && distinct <= 10; i++) {
            if (sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        if (distinct <= 10) {
            return false;
        }
        double mean = 0;
        for (double x : sorted) {
            mean += x;
        }
        mean /= n;
        double m2 = 0, m3 = 0;
        for (double x : sorted) {
            double d = x - mean;
            m2 += d * d;
            m3 += d * d * d;
        }
        m2 /= n;
        m3 /= n;
        double skew = m2 > 0 ? m3 / Math.pow(m2, 1.5) : 0;
        return skew > 2 || sorted[n - 1] > 50 * Math.max(quantile(sorted, 0.75), 1e-9);
    }
}
