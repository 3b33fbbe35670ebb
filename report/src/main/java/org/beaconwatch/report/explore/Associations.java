package org.beaconwatch.report.explore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.beaconwatch.report.stats.EffectSizes;
import org.beaconwatch.report.stats.RankCorrelation;
import org.beaconwatch.table.Column;

/**
 * How columns go together, for every kind of pair: Spearman's rank correlation between numeric
 * columns (robust to heavy tails, no log needed), Cramér's V between categorical columns (their
 * most frequent {@link #CATEGORIES} values, the rest pooled), and the correlation ratio η between a
 * categorical and a numeric column (the share of the numeric column's variance, on log10(1 + x) for
 * heavy-tailed columns, explained by the categories; η² = between-group / total sum of squares).
 * All three are in [0, 1] in size (Spearman keeps its sign), so one table ranks every pair.
 */
public final class Associations {
    /** Categories kept per column; the rest are pooled as "other". */
    static final int CATEGORIES = 20;
    /** Pairs listed. */
    static final int TOP_PAIRS = 15;

    private Associations() {
    }

    /** One pair of columns. */
    public record Pair(String a, String b, String measure, double value) {
    }

    /**
     * Rank correlations between the numeric columns.
     *
     * @param numericNames  columns of the Spearman matrix
     * @param spearman      the matrix
     * @param pairs         the strongest pairs of every kind, by |value|
     */
    // arrays by design: columnar data handed over without copies; never compared or hashed by value
    @SuppressWarnings("ArrayRecordComponent")
    public record Result(List<String> numericNames, double[][] spearman, List<Pair> pairs) {
    }

    static Result of(List<Column.Numeric> numeric, List<Column.Categorical> categorical,
                     Map<String, Boolean> logScale) {
        List<double[]> cols = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Column.Numeric c : numeric) {
            cols.add(c.values());
            names.add(c.name());
        }
        double[][] rho = cols.isEmpty() ? new double[0][0] : RankCorrelation.spearmanMatrix(cols);
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                if (!Double.isNaN(rho[i][j])) {
                    pairs.add(new Pair(names.get(i), names.get(j), "Spearman \u03c1", rho[i][j]));
                }
            }
        }
        List<int[]> codes = new ArrayList<>();
        List<Integer> levels = new ArrayList<>();
        for (Column.Categorical c : categorical) {
            int[] code = new int[c.values().length];
            levels.add(encode(c.values(), code));
            codes.add(code);
        }
        for (int i = 0; i < categorical.size(); i++) {
            for (int j = i + 1; j < categorical.size(); j++) {
                long[][] t = new long[levels.get(i)][levels.get(j)];
                int[] a = codes.get(i), b = codes.get(j);
                for (int r = 0; r < a.length; r++) {
                    if (a[r] >= 0 && b[r] >= 0) {
                        t[a[r]][b[r]]++;
                    }
                }
                double v = EffectSizes.cramersV(EffectSizes.dropEmpty(t));
                if (!Double.isNaN(v)) {
                    pairs.add(new Pair(categorical.get(i).name(), categorical.get(j).name(), "Cram\u00e9r's V", v));
                }
            }
        }
        for (int i = 0; i < categorical.size(); i++) {
            for (Column.Numeric c : numeric) {
                double eta = correlationRatio(codes.get(i), levels.get(i), c.values(),
                        Boolean.TRUE.equals(logScale.get(c.name())));
                if (!Double.isNaN(eta)) {
                    pairs.add(new Pair(categorical.get(i).name(), c.name(), "correlation ratio \u03b7", eta));
                }
            }
        }
        pairs.sort((x, y) -> Double.compare(Math.abs(y.value()), Math.abs(x.value())));
        return new Result(names, rho, pairs.subList(0, Math.min(TOP_PAIRS, pairs.size())));
    }

    /** Codes the {@link #CATEGORIES} most frequent values 0..k-1, the rest k (when any); missing -1. */
    static int encode(String[] v, int[] out) {
        Map<String, Integer> count = new HashMap<>();
        for (String s : v) {
            if (s != null && !s.isEmpty()) {
                count.merge(s, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> es = new ArrayList<>(count.entrySet());
        es.sort((x, y) -> {
            int c = Integer.compare(y.getValue(), x.getValue());
            return c != 0 ? c : x.getKey().compareTo(y.getKey());
        });
        Map<String, Integer> code = new HashMap<>();
        for (int i = 0; i < Math.min(CATEGORIES, es.size()); i++) {
            code.put(es.get(i).getKey(), i);
        }
        int other = code.size();
        boolean hasOther = false;
        for (int r = 0; r < v.length; r++) {
            String s = v[r];
            if (s == null || s.isEmpty()) {
                out[r] = -1;
            } else {
                Integer c = code.get(s);
                out[r] = c != null ? c : other;
                hasOther |= c == null;
            }
        }
        return other + (hasOther ? 1 : 0);
    }

    /** η = sqrt(between-group SS / total SS) over rows where both are present; NaN without variance. */
    static double correlationRatio(int[] group, int levels, double[] x, boolean log) {
        double[] sum = new double[levels];
        long[] n = new long[levels];
        double total = 0;
        long all = 0;
        for (int r = 0; r < x.length; r++) {
            if (group[r] < 0 || !Double.isFinite(x[r])) {
                continue;
            }
            double v = log ? Math.log10(1 + Math.max(0, x[r])) : x[r];
            sum[group[r]] += v;
            n[group[r]]++;
            total += v;
            all++;
        }
        if (all < 3) {
            return Double.NaN;
        }
        double mean = total / all;
        double ssTotal = 0;
        for (int r = 0; r < x.length; r++) {
            if (group[r] < 0 || !Double.isFinite(x[r])) {
                continue;
            }
            double v = log ? Math.log10(1 + Math.max(0, x[r])) : x[r];
            ssTotal += (v - mean) * (v - mean);
        }
        if (ssTotal <= 0) {
            return Double.NaN;
        }
        double ssBetween = 0;
        for (int g = 0; g < levels; g++) {
            if (n[g] > 0) {
                double m = sum[g] / n[g];
                ssBetween += n[g] * (m - mean) * (m - mean);
            }
        }
        return Math.sqrt(Math.min(1, ssBetween / ssTotal));
    }
}
