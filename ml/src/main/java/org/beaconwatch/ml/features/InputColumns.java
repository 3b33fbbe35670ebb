package org.beaconwatch.ml.features;

import java.util.ArrayList;
import java.util.List;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;

/** Finds input columns by name or alias and reads them as numbers or as text. */
final class InputColumns {
    private InputColumns() {
    }

    /** The first column present among {@code aliases}, or null. */
    static Column find(DataTable t, String... aliases) {
        for (String a : aliases) {
            var c = t.column(a);
            if (c.isPresent()) {
                return c.get();
            }
        }
        return null;
    }

    /** Like {@link #find} but fails with a message naming what is missing. */
    static Column require(DataTable t, String what, String... aliases) {
        Column c = find(t, aliases);
        if (c == null) {
            throw new IllegalArgumentException("input lacks the column " + what + " (looked for "
                    + String.join(", ", aliases) + "); it has: " + String.join(", ", t.names()));
        }
        return c;
    }

    /** The column as numbers (NaN = missing; categorical cells that do not parse are missing). */
    static double[] numbers(Column c) {
        if (c instanceof Column.Numeric n) {
            return n.values();
        }
        String[] v = ((Column.Categorical) c).values();
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = parse(v[i]);
        }
        return d;
    }

    /** Whether most non-missing cells of a categorical column fail to parse as numbers. */
    static boolean isText(Column c) {
        if (c instanceof Column.Numeric) {
            return false;
        }
        String[] v = ((Column.Categorical) c).values();
        int bad = 0;
        int seen = 0;
        for (int i = 0; i < v.length && seen < 1000; i++) {
            if (v[i] != null) {
                seen++;
                if (Double.isNaN(parse(v[i]))) {
                    bad++;
                }
            }
        }
        return bad > 0;
    }

    /** The column as text (null = missing). */
    static String[] texts(Column c) {
        if (c instanceof Column.Categorical k) {
            return k.values();
        }
        String[] out = new String[c.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.isMissing(i) ? null : c.text(i);
        }
        return out;
    }

    static double parse(String s) {
        if (s == null) {
            return Double.NaN;
        }
        String v = s.trim();
        if (v.isEmpty() || v.equals("-")) {
            return Double.NaN;
        }
        if (v.equalsIgnoreCase("true")) {
            return 1;
        }
        if (v.equalsIgnoreCase("false")) {
            return 0;
        }
        try {
            double d = Double.parseDouble(v);
            return Double.isFinite(d) ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Checks the table has all {@code columns}; throws one message listing every missing one. */
    static void checkPresent(DataTable t, List<String> columns, List<String> featureNames) {
        List<String> missing = new ArrayList<>();
        for (String c : columns) {
            if (t.column(c).isEmpty()) {
                missing.add(c);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the model needs input column(s) " + missing
                    + " that this input lacks (input has " + t.names() + "); the model was trained on features "
                    + featureNames + ". Score data with the same columns as the training data.");
        }
    }
}
