package org.beaconwatch.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;
import org.beaconwatch.table.LabelClasses;

/**
 * A table split into classes by its label, shared by every section of the labelled exploration.
 *
 * <p>With a positive value: rows with that value against all others (rows with no value included).
 * Without: rows {@link LabelClasses#binaryClass} reads as malicious against every other labelled
 * row, background included; rows without a label are then counted but left out of the tests.
 * Feature columns are those with role {@link Column.Role#FEATURE}; identifiers (addresses, ids),
 * time and other label columns are described but never tested, so that e.g. a detailed label
 * cannot masquerade as a signal.
 */
final class LabelSplit {
    static final int POS = 0;
    static final int NEG = 1;
    static final int UNL = 2;

    final DataTable table;
    final ExploreOptions options;
    final int[] cls;
    final String[] labelText;
    final String[] classNames;
    final String labelName;

    LabelSplit(DataTable table, ExploreOptions options, String labelColumn, String positive) {
        this.table = table;
        this.options = options;
        Column label = table.column(labelColumn).orElseThrow(() -> new IllegalArgumentException(
                "no label column '" + labelColumn + "'; columns are " + String.join(", ", table.names())));
        this.labelName = label.name();
        int n = table.rows();
        labelText = new String[n];
        cls = new int[n];
        for (int i = 0; i < n; i++) {
            String v = label.isMissing(i) ? null : label.text(i);
            labelText[i] = v;
            if (positive != null && !positive.isEmpty()) {
                // "--positive VALUE": that value against everything else, rows without a value included
                // (a Stratosphere detailed label is unset for background and benign flows).
                cls[i] = LabelClasses.isPositive(v, positive) ? POS : NEG;
            } else if (LabelClasses.binaryClass(v) == null || LabelClasses.UNKNOWN.equals(LabelClasses.binaryClass(v))) {
                cls[i] = UNL;
            } else {
                cls[i] = LabelClasses.isPositive(v, null) ? POS : NEG;
            }
        }
        String pos = positive == null || positive.isEmpty() ? LabelClasses.MALICIOUS : label.name() + "=" + positive;
        classNames = new String[] {pos, "other", "unlabelled"};
    }

    String positiveName() {
        return classNames[POS];
    }

    String negativeName() {
        return classNames[NEG];
    }

    boolean isFeature(Column c) {
        return c.role() == Column.Role.FEATURE && !c.name().equals(labelName);
    }

    List<Column.Numeric> numericFeatures() {
        List<Column.Numeric> out = new ArrayList<>();
        for (Column c : table.columns()) {
            if (isFeature(c) && c instanceof Column.Numeric n && c.missingCount() < c.size()) {
                out.add(n);
            }
        }
        return out;
    }

    List<Column.Categorical> categoricalFeatures() {
        List<Column.Categorical> out = new ArrayList<>();
        for (Column c : table.columns()) {
            if (isFeature(c) && c instanceof Column.Categorical k && c.missingCount() < c.size()) {
                out.add(k);
            }
        }
        return out;
    }

    int[] classCounts() {
        int[] k = new int[3];
        for (int c : cls) {
            k[c]++;
        }
        return k;
    }

    /** Values of labelled rows: [positive rows, other rows], in row order. */
    double[][] splitByClass(double[] v) {
        int[] k = classCounts();
        double[][] out = {new double[k[POS]], new double[k[NEG]]};
        int[] at = new int[2];
        for (int i = 0; i < v.length; i++) {
            if (cls[i] != UNL) {
                out[cls[i]][at[cls[i]]++] = v[i];
            }
        }
        return out;
    }

    /** Counts per class name, for the classes present. */
    Map<String, Integer> byClass(int[] counts) {
        Map<String, Integer> m = new LinkedHashMap<>();
        int[] k = classCounts();
        for (int g = 0; g < 3; g++) {
            if (k[g] > 0) {
                m.put(classNames[g], counts[g]);
            }
        }
        return m;
    }

    /** The column naming the host of a row, or null. */
    Column hostColumn() {
        for (String h : new String[] {"host_id", "host", "src", "src_ip", "saddr"}) {
            var c = table.column(h);
            if (c.isPresent()) {
                return c.get();
            }
        }
        return null;
    }
}
