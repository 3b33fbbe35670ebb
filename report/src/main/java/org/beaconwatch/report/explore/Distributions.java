package org.beaconwatch.report.explore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.beaconwatch.table.Column;

/**
 * Distribution of every column: for numeric columns the moments, quartiles, 1st/99th percentiles,
 * Tukey fences (on log10(1 + x) for heavy-tailed columns, where fences on the raw scale would call
 * half the tail an outlier) and robust z-scores (|x − median| / (1.4826·MAD) &gt; 3.5, Iglewicz and
 * Hoaglin); for categorical ones (ports included) the most frequent values.
 */
public final class Distributions {
    /** Categories listed per column. */
    static final int TOP = 10;
    /** Robust z beyond which a value is an outlier (Iglewicz and Hoaglin 1993). */
    static final double ROBUST_Z = 3.5;
    /** Histogram bins. */
    static final int BINS = 30;

    private Distributions() {
    }

    /**
     * Summary statistics of one numeric column.
     *
     * @param name            column
     * @param description     Zeek field description, or ""
     * @param n               values present
     * @param missing         values missing
     * @param mean            mean
     * @param sd              standard deviation
     * @param min             minimum
     * @param p01             1st percentile
     * @param q1              lower quartile
     * @param median          median
     * @param q3              upper quartile
     * @param p99             99th percentile
     * @param max             maximum
     * @param logScale        heavy-tailed: drawn and fenced on log10(1 + x)
     * @param lowerFence      Tukey lower fence (raw units)
     * @param upperFence      Tukey upper fence (raw units)
     * @param tukeyOutliers   values outside the fences
     * @param robustOutliers  values with robust |z| &gt; 3.5
     * @param edges           histogram edges (raw units; log-spaced when logScale)
     * @param counts          histogram counts
     */
    // arrays by design: columnar data handed over without copies; never compared or hashed by value
    @SuppressWarnings("ArrayRecordComponent")
    public record Numeric(String name, String description, long n, long missing, double mean, double sd, double min,
                   double p01, double q1, double median, double q3, double p99, double max, boolean logScale,
                   double lowerFence, double upperFence, long tukeyOutliers, long robustOutliers, double[] edges,
                   long[] counts) {
    }

    /** A value and how often it occurs. */
    public record Share(String value, long count, double fraction) {
    }

    /** A categorical column: distinct values and the most frequent ones. */
    public record Categorical(String name, String description, long n, long missing, int distinct, List<Share> top,
                       long others) {
    }

    static Numeric numeric(Column.Numeric c) {
        double[] s = ColumnTypes.finiteSorted(c.values());
        long missing = (long) c.values().length - s.length;
        if (s.length == 0) {
            return new Numeric(c.name(), ZeekFields.describe(c.name()), 0, missing, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, false,
                    Double.NaN, Double.NaN, 0, 0, new double[0], new long[0]);
        }
        double mean = 0;
        for (double x : s) {
            mean += x;
        }
        mean /= s.length;
        double ss = 0;
        for (double x : s) {
            ss += (x - mean) * (x - mean);
        }
        double sd = s.length > 1 ? Math.sqrt(ss / (s.length - 1)) : 0;
        boolean log = ColumnTypes.heavyTailed(s);
        double q1 = ColumnTypes.quantile(s, 0.25), med = ColumnTypes.quantile(s, 0.5), q3 = ColumnTypes.quantile(s, 0.75);
        double lq1 = log ? Math.log10(1 + q1) : q1, lq3 = log ? Math.log10(1 + q3) : q3;
        double iqr = lq3 - lq1;
        double lf = lq1 - 1.5 * iqr, uf = lq3 + 1.5 * iqr;
        double lowerFence = log ? Math.pow(10, lf) - 1 : lf, upperFence = log ? Math.pow(10, uf) - 1 : uf;
        long tukey = 0;
        for (double x : s) {
            if (x < lowerFence || x > upperFence) {
                tukey++;
            }
        }
        double[] dev = new double[s.length];
        double lmed = log ? Math.log10(1 + med) : med;
        for (int i = 0; i < s.length; i++) {
            dev[i] = Math.abs((log ? Math.log10(1 + s[i]) : s[i]) - lmed);
        }
        java.util.Arrays.sort(dev);
        double mad = 1.4826 * ColumnTypes.quantile(dev, 0.5);
        long robust = 0;
        if (mad > 0) {
            for (double x : s) {
                if (Math.abs((log ? Math.log10(1 + x) : x) - lmed) / mad > ROBUST_Z) {
                    robust++;
                }
            }
        }
        double lo = s[0], hi = s[s.length - 1];
        double[] edges = new double[BINS + 1];
        long[] counts = new long[BINS];
        double a = log ? Math.log10(1 + lo) : lo, b = log ? Math.log10(1 + hi) : hi;
        if (b <= a) {
            b = a + 1;
        }
        for (int k = 0; k <= BINS; k++) {
            double e = a + (b - a) * k / BINS;
            edges[k] = log ? Math.pow(10, e) - 1 : e;
        }
        for (double x : s) {
            double v = log ? Math.log10(1 + x) : x;
            int k = (int) ((v - a) / (b - a) * BINS);
            counts[Math.max(0, Math.min(BINS - 1, k))]++;
        }
        return new Numeric(c.name(), ZeekFields.describe(c.name()), s.length, missing, mean, sd, lo,
                ColumnTypes.quantile(s, 0.01), q1, med, q3, ColumnTypes.quantile(s, 0.99), hi, log, lowerFence,
                upperFence, tukey, robust, edges, counts);
    }

    static Categorical categorical(Column.Categorical c) {
        Map<String, long[]> counts = new HashMap<>();
        long missing = 0;
        for (String v : c.values()) {
            if (v == null || v.isEmpty() || v.equals("-")) {
                missing++;
            } else {
                counts.computeIfAbsent(v, k -> new long[1])[0]++;
            }
        }
        long n = c.values().length - missing;
        List<Map.Entry<String, long[]>> es = new ArrayList<>(counts.entrySet());
        es.sort((x, y) -> {
            int k = Long.compare(y.getValue()[0], x.getValue()[0]);
            return k != 0 ? k : x.getKey().compareTo(y.getKey());
        });
        List<Share> top = new ArrayList<>();
        long shown = 0;
        for (int i = 0; i < Math.min(TOP, es.size()); i++) {
            long k = es.get(i).getValue()[0];
            top.add(new Share(es.get(i).getKey(), k, n == 0 ? 0 : (double) k / n));
            shown += k;
        }
        return new Categorical(c.name(), ZeekFields.describe(c.name()), n, missing, counts.size(), top, n - shown);
    }
}
