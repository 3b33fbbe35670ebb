package org.beaconwatch.ml.split;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;

/**
 * Time splits and forward-chaining time folds: training rows lie strictly before the test (or
 * validation) rows, and rows less than the gap before the cut are dropped, so no test row lies
 * within the gap of a training row. Rows without a time take no part.
 */
final class TimeSplits {
    /** Numeric columns that hold a row's time, in the order they are looked for. */
    static final String[] TIME_COLUMNS = {"ts", "timestamp", "time", "stime", "starttime"};

    private TimeSplits() {
    }

    /**
     * Cuts at the time below which about {@code 1 - testFraction} of the timed rows lie: the rows from
     * the cut on are the test part, the rows before {@code cut - gap} the training part.
     *
     * @throws UnusableSplitException without a numeric time column, 2 timed rows or 2 distinct times
     */
    static Split split(DataTable t, int[] rows, double testFraction, double gap) {
        double[] ts = requireColumn(t).values();
        double[] known = new double[rows.length];
        int n = 0;
        for (int r : rows) {
            if (!Double.isNaN(ts[r])) {
                known[n++] = ts[r];
            }
        }
        if (n < 2) {
            throw new UnusableSplitException("time split needs at least 2 rows with a time");
        }
        Arrays.sort(known, 0, n);
        double cut = known[Math.min(n - 1, (int) Math.floor(n * (1 - testFraction)))];
        if (cut == known[0]) {
            throw new UnusableSplitException("time split: too few distinct times to cut");
        }
        int[] train = new int[rows.length];
        int[] test = new int[rows.length];
        int a = 0;
        int b = 0;
        int dropped = 0;
        for (int r : rows) {
            double v = ts[r];
            if (Double.isNaN(v)) {
                dropped++;
            } else if (v >= cut) {
                test[b++] = r;
            } else if (v < cut - gap) {
                train[a++] = r;
            } else {
                dropped++;
            }
        }
        return new Split(Arrays.copyOf(train, a), Arrays.copyOf(test, b), String.format(Locale.ROOT,
                "time: train before %.3f, test from %.3f (gap %.0f s, %d rows dropped)", cut - gap, cut, gap, dropped));
    }

    /** The numeric time column; an {@link UnusableSplitException} naming the input's columns without one. */
    private static Column.Numeric requireColumn(DataTable t) {
        Column.Numeric tc = column(t);
        if (tc == null) {
            throw new UnusableSplitException("time split needs a numeric time column (ts); the input has: "
                    + String.join(", ", t.names()));
        }
        return tc;
    }

    /**
     * Forward-chaining time folds: the rows sorted by time are cut into k + 1 blocks, and fold f
     * validates on block f + 1 with everything before it as training rows, except the rows less than
     * {@code gap} seconds before the validation block's first time (dropped from that fold's training
     * part, like the outer time split's gap), so no validation row lies within the gap of a training row.
     *
     * @throws UnusableSplitException without a numeric time column
     */
    static List<Split> folds(DataTable t, int[] rows, int k, double gap) {
        double[] ts = requireColumn(t).values();
        int[] sorted = rows.clone();
        // rows are few enough here; a primitive insertion-free sort by time
        long[] keyed = new long[sorted.length];
        double[] tv = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            tv[i] = ts[sorted[i]];
        }
        Integer[] order = new Integer[sorted.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(tv[x], tv[y]));
        for (int i = 0; i < order.length; i++) {
            keyed[i] = sorted[order[i]];
        }
        int blocks = k + 1;
        List<Split> out = new ArrayList<>();
        int n = keyed.length;
        for (int f = 1; f < blocks; f++) {
            int lo = (int) ((long) n * f / blocks);
            int hi = (int) ((long) n * (f + 1) / blocks);
            double cut = tv[order[lo]];
            int[] tr = new int[lo];
            int a = 0;
            for (int i = 0; i < lo; i++) {
                if (tv[order[i]] < cut - gap) { // the outer split's gap, between training and validation too
                    tr[a++] = (int) keyed[i];
                }
            }
            int[] te = new int[hi - lo];
            for (int i = lo; i < hi; i++) {
                te[i - lo] = (int) keyed[i];
            }
            Arrays.sort(te);
            int[] trs = Arrays.copyOf(tr, a);
            Arrays.sort(trs);
            out.add(new Split(trs, te, "time fold " + f));
        }
        return out;
    }

    /** The first numeric column named in {@link #TIME_COLUMNS}, or null. */
    private static Column.Numeric column(DataTable t) {
        for (String n : TIME_COLUMNS) {
            var c = t.column(n);
            if (c.isPresent() && c.get() instanceof Column.Numeric numeric) {
                return numeric;
            }
        }
        return null;
    }
}
