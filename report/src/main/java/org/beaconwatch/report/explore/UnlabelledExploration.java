package org.beaconwatch.report.explore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.beaconwatch.report.ExploreResult.InputFile;
import org.beaconwatch.report.Fmt;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;

/**
 * Exploration of an unlabelled log (a Zeek conn.log with no label column): overview, missing
 * values, distributions with outliers, associations of numeric and categorical columns, groups,
 * activity over time and top talkers. Computes records only; {@link UnlabelledReport} presents them.
 */
public final class UnlabelledExploration {
    /** Extreme rows listed. */
    static final int EXTREMES = 15;

    private UnlabelledExploration() {
    }

    /**
     * Explores {@code table} ({@code rowsRead} rows in the input; fewer in the table when sampled).
     *
     * @param by      columns to group by (each must exist)
     * @throws IllegalArgumentException naming a --by column that does not exist
     */
    public static UnlabelledResult explore(DataTable table, long rowsRead, boolean sampled, long seed, List<String> by,
                                           List<InputFile> inputs, String tool, String options) {
        return explore(table, rowsRead, sampled, seed, by, inputs, tool, options, null);
    }

    /**
     * As above, with the statistics of every row ({@code full}, from {@link FullScan}) when {@code table} is a
     * sample of a larger input: the page then shows exact and sketched figures of the whole input beside the
     * sample's, and activity and talkers come from every row.
     */
    public static UnlabelledResult explore(DataTable table, long rowsRead, boolean sampled, long seed, List<String> by,
                                           List<InputFile> inputs, String tool, String options, FullScan.Result full) {
        List<Column.Numeric> numeric = ColumnTypes.numeric(table);
        List<Column.Categorical> categorical = ColumnTypes.categorical(table);
        List<Distributions.Numeric> num = new ArrayList<>();
        Map<String, Boolean> log = new HashMap<>();
        for (Column.Numeric c : numeric) {
            Distributions.Numeric d = Distributions.numeric(c);
            num.add(d);
            log.put(c.name(), d.logScale());
        }
        List<Distributions.Categorical> cat = new ArrayList<>();
        for (Column.Categorical c : categorical) {
            cat.add(Distributions.categorical(c));
        }
        List<Groups.Grouping> groupings = new ArrayList<>();
        for (String b : by) {
            Optional<Column> c = table.column(b);
            if (c.isEmpty()) {
                throw new IllegalArgumentException("no column '" + b + "' to group by; columns are "
                        + String.join(", ", table.names()));
            }
            List<Boolean> logs = new ArrayList<>();
            for (Column.Numeric n : numeric) {
                logs.add(log.get(n.name()));
            }
            groupings.add(Groups.of(ColumnTypes.asCategorical(c.get()), numeric, logs));
        }
        Column.Numeric ts = null;
        for (Column c : table.columns()) {
            if (ColumnTypes.isTime(c) && c instanceof Column.Numeric n) {
                ts = n;
            }
        }
        double[] bytes = bytes(table);
        Activity.Timeline activity = full != null ? full.activity() : ts == null ? null : Activity.timeline(ts, bytes);
        Optional<Column> src = table.column("src");
        Activity.Talkers talkers = full != null ? full.talkers() : src.isEmpty() ? null
                : Activity.talkers(src.get(), table.column("dst").orElse(null), bytes);
        UnlabelledResult.Overview overview = overview(table, rowsRead, sampled, seed, ts);
        return new UnlabelledResult(tool, inputs, options, overview, num, cat, extremes(table, numeric, num),
                Associations.of(numeric, categorical, log), groupings, activity, talkers, full);
    }

    /** Payload bytes in both directions per row (orig_bytes + resp_bytes), or null without them. */
    private static double[] bytes(DataTable t) {
        Optional<Column> o = t.column("orig_bytes"), r = t.column("resp_bytes");
        if (o.isEmpty() || !(o.get() instanceof Column.Numeric on)) {
            return null;
        }
        double[] out = on.values().clone();
        if (r.isPresent() && r.get() instanceof Column.Numeric rn) {
            for (int i = 0; i < out.length; i++) {
                double a = Double.isFinite(out[i]) ? out[i] : 0, b = Double.isFinite(rn.values()[i]) ? rn.values()[i] : 0;
                out[i] = a + b;
            }
        }
        return out;
    }

    private static UnlabelledResult.Overview overview(DataTable t, long rowsRead, boolean sampled, long seed,
                                                      Column.Numeric ts) {
        List<UnlabelledResult.ColumnInfo> cols = new ArrayList<>();
        for (Column c : t.columns()) {
            long missing = 0;
            Set<String> distinct = new HashSet<>();
            String example = "";
            for (int r = 0; r < c.size(); r++) {
                if (c.isMissing(r)) {
                    missing++;
                } else {
                    if (distinct.size() < 1_000_000) {
                        distinct.add(c.text(r));
                    }
                    if (example.isEmpty()) {
                        example = c.text(r);
                    }
                }
            }
            String kind = ColumnTypes.isTime(c) ? "time"
                    : c.role() == Column.Role.IDENTIFIER ? "identifier"
                    : c.role() == Column.Role.LABEL ? "label"
                    : c instanceof Column.Categorical || ColumnTypes.isPort(c.name()) ? "categorical" : "numeric";
            cols.add(new UnlabelledResult.ColumnInfo(c.name(), kind, distinct.size(), missing,
                    c.size() == 0 ? 0 : (double) missing / c.size(), example, ZeekFields.describe(c.name())));
        }
        String start = null, end = null;
        if (ts != null) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (double v : ts.values()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            if (hi >= lo) {
                start = Instant.ofEpochSecond((long) Math.floor(lo)).toString();
                end = Instant.ofEpochSecond((long) Math.floor(hi)).toString();
            }
        }
        String sentence = (sampled ? "A seeded uniform sample of " + Fmt.num(t.rows()) + " of " + Fmt.num((double) rowsRead)
                + " rows (seed " + seed + ")" : "All " + Fmt.num(t.rows()) + " rows") + " and " + t.columns().size()
                + " columns" + (start == null ? "" : ", from " + start + " to " + end) + "; no label column, so the "
                + "report describes the traffic rather than testing it against a label.";
        return new UnlabelledResult.Overview(t.rows(), rowsRead, sampled, seed, start, end, cols, sentence);
    }

    /** Rows with the largest robust z in any numeric column (log scale for heavy-tailed columns). */
    private static List<UnlabelledResult.Extreme> extremes(DataTable t, List<Column.Numeric> numeric,
                                                           List<Distributions.Numeric> dist) {
        int n = t.rows();
        double[] best = new double[n];
        int[] col = new int[n];
        java.util.Arrays.fill(col, -1);
        for (int j = 0; j < numeric.size(); j++) {
            Distributions.Numeric d = dist.get(j);
            if (d.n() < 10) {
                continue;
            }
            boolean log = d.logScale();
            double med = log ? Math.log10(1 + d.median()) : d.median();
            double[] v = numeric.get(j).values();
            double[] dev = new double[n];
            int k = 0;
            for (double x : v) {
                if (Double.isFinite(x)) {
                    dev[k++] = Math.abs((log ? Math.log10(1 + Math.max(0, x)) : x) - med);
                }
            }
            double[] s = java.util.Arrays.copyOf(dev, k);
            java.util.Arrays.sort(s);
            double mad = 1.4826 * ColumnTypes.quantile(s, 0.5);
            if (!(mad > 0)) {
                continue;
            }
            for (int r = 0; r < n; r++) {
                if (Double.isFinite(v[r])) {
                    double z = ((log ? Math.log10(1 + Math.max(0, v[r])) : v[r]) - med) / mad;
                    if (Math.abs(z) > Math.abs(best[r])) {
                        best[r] = z;
                        col[r] = j;
                    }
                }
            }
        }
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> {
            int c = Double.compare(Math.abs(best[b]), Math.abs(best[a]));
            return c != 0 ? c : Integer.compare(a, b);
        });
        Optional<Column> src = t.column("src"), dst = t.column("dst");
        List<UnlabelledResult.Extreme> out = new ArrayList<>();
        for (int i = 0; i < Math.min(EXTREMES, n); i++) {
            int r = idx[i];
            if (col[r] < 0 || Math.abs(best[r]) <= Distributions.ROBUST_Z) {
                break;
            }
            out.add(new UnlabelledResult.Extreme(r, src.map(c -> c.isMissing(r) ? "" : c.text(r)).orElse(""),
                    dst.map(c -> c.isMissing(r) ? "" : c.text(r)).orElse(""), numeric.get(col[r]).name(),
                    numeric.get(col[r]).values()[r], best[r]));
        }
        return out;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
