package org.beaconwatch.report.explore;

import java.util.ArrayList;
import java.util.List;
import org.beaconwatch.table.Column;

/**
 * The table split by one column's values ({@code --by service,conn_state}): per group (the most
 * frequent {@link #GROUPS} values, the rest as "other") its size and the five-number summary of
 * each numeric column, for box plots and summary tables per group.
 */
public final class Groups {
    /** Groups shown per column. */
    static final int GROUPS = 10;

    private Groups() {
    }

    /** Box-plot numbers of one numeric column in one group. */
    public record Box(long n, double min, double q1, double median, double q3, double max, double p05, double p95) {
    }

    /** One group: its value, size and one box per numeric column (same order as the grouping's columns). */
    public record Group(String value, long n, double fraction, List<Box> boxes) {
    }

    /**
     * The rows grouped by one column.
     *
     * @param by       grouping column
     * @param columns  numeric columns summarised
     * @param logScale per column, drawn on a log scale
     * @param groups   groups, largest first ("other" last)
     */
    public record Grouping(String by, List<String> columns, List<Boolean> logScale, List<Group> groups) {
    }

    static Grouping of(Column.Categorical by, List<Column.Numeric> numeric, List<Boolean> logScale) {
        String[] v = by.values();
        int[] code = new int[v.length];
        int levels = encodeTop(v, code);
        String[] names = new String[levels];
        for (int r = 0; r < v.length; r++) {
            if (code[r] >= 0 && names[code[r]] == null) {
                names[code[r]] = code[r] == GROUPS ? "(other)" : v[r] == null || v[r].isEmpty() ? "-" : v[r];
            }
        }
        if (levels > GROUPS) {
            names[GROUPS] = "(other)";
        }
        long[] sizes = new long[levels];
        long all = 0;
        for (int c : code) {
            if (c >= 0) {
                sizes[c]++;
                all++;
            }
        }
        List<Group> groups = new ArrayList<>();
        for (int g = 0; g < levels; g++) {
            List<Box> boxes = new ArrayList<>();
            for (Column.Numeric col : numeric) {
                double[] x = new double[(int) sizes[g]];
                int k = 0;
                for (int r = 0; r < code.length; r++) {
                    if (code[r] == g) {
                        x[k++] = col.values()[r];
                    }
                }
                double[] s = ColumnTypes.finiteSorted(x);
                boxes.add(s.length == 0 ? new Box(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN)
                        : new Box(s.length, s[0], ColumnTypes.quantile(s, 0.25), ColumnTypes.quantile(s, 0.5),
                                ColumnTypes.quantile(s, 0.75), s[s.length - 1], ColumnTypes.quantile(s, 0.05),
                                ColumnTypes.quantile(s, 0.95)));
            }
            groups.add(new Group(names[g] == null ? "(none)" : names[g], sizes[g], all == 0 ? 0 : (double) sizes[g] / all,
                    boxes));
        }
        List<String> cols = new ArrayList<>();
        for (Column.Numeric c : numeric) {
            cols.add(c.name());
        }
        return new Grouping(by.name(), cols, logScale, groups);
    }

    /** Codes the {@link #GROUPS} most frequent values 0.., every other value GROUPS; missing as "-". */
    private static int encodeTop(String[] v, int[] out) {
        String[] filled = new String[v.length];
        for (int i = 0; i < v.length; i++) {
            filled[i] = v[i] == null || v[i].isEmpty() ? "-" : v[i];
        }
        java.util.Map<String, Integer> count = new java.util.HashMap<>();
        for (String s : filled) {
            count.merge(s, 1, Integer::sum);
        }
        List<java.util.Map.Entry<String, Integer>> es = new ArrayList<>(count.entrySet());
        es.sort((x, y) -> {
            int c = Integer.compare(y.getValue(), x.getValue());
            return c != 0 ? c : x.getKey().compareTo(y.getKey());
        });
        java.util.Map<String, Integer> code = new java.util.HashMap<>();
        for (int i = 0; i < Math.min(GROUPS, es.size()); i++) {
            code.put(es.get(i).getKey(), i);
        }
        for (int r = 0; r < v.length; r++) {
            Integer c = code.get(filled[r]);
            out[r] = c != null ? c : GROUPS;
        }
        return es.size() > GROUPS ? GROUPS + 1 : es.size();
    }
}
