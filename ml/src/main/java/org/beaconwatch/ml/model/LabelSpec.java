package org.beaconwatch.ml.model;

import java.util.List;
import java.util.TreeSet;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;
import org.beaconwatch.table.LabelClasses;

/**
 * How labels are read.
 *
 * @param column             label column
 * @param positive           label value that counts as positive (null: anything malicious by
 *                           {@link LabelClasses#binaryClass})
 * @param multiclass         CTU classes (cc, spam, ddos, scan, malicious, normal) instead of binary;
 *                           the detailed label, when the table has one, refines the class
 * @param backgroundAsBenign count unlabelled background traffic as benign instead of dropping it
 */
public record LabelSpec(String column, String positive, boolean multiclass, boolean backgroundAsBenign) {

    /** Binary negative class name. */
    public static final String BENIGN = LabelClasses.BENIGN;
    /** Multiclass negative class name. */
    public static final String NORMAL = "normal";

    /** The class the model calls harmless. */
    public String negativeClass() {
        return multiclass ? NORMAL : BENIGN;
    }

    /**
     * Reads the labels of {@code t}.
     *
     * @throws IllegalArgumentException when the column is missing or there are not two classes
     */
    public Labels read(DataTable t) {
        Column c = t.column(column).orElseThrow(() -> new IllegalArgumentException(
                "label column '" + column + "' is not in the input; it has: " + String.join(", ", t.names())));
        Column detailed = null;
        if (multiclass && !DataTable.key(column).equals("detailedlabel")) {
            detailed = t.column("detailed_label").orElse(null);
        }
        int n = t.rows();
        String[] cls = new String[n];
        boolean[] pos = new boolean[n];
        int dropped = 0;
        TreeSet<String> classes = new TreeSet<>();
        java.util.Map<String, Long> excluded = new java.util.TreeMap<>();
        for (int r = 0; r < n; r++) {
            String v = c.isMissing(r) ? null : c.text(r);
            String k = classOf(v, detailed == null || detailed.isMissing(r) ? null : detailed.text(r));
            if (k == null) {
                dropped++;
                excluded.merge(whyExcluded(v), 1L, Long::sum);
                continue;
            }
            cls[r] = k;
            pos[r] = !k.equals(negativeClass());
            classes.add(k);
        }
        return new Labels(cls, pos, dropped, List.copyOf(classes), java.util.Collections.unmodifiableMap(excluded));
    }

    private static String whyExcluded(String v) {
        String bin = LabelClasses.binaryClass(v);
        if (bin == null) {
            return "no label";
        }
        if (bin.equals(LabelClasses.UNKNOWN)) {
            return "label value '" + v.trim() + "' (unknown class; name it with --positive to count it)";
        }
        return "background (unlabelled traffic)";
    }

    private String classOf(String v, String detail) {
        if (v == null) {
            return null;
        }
        String bin = LabelClasses.binaryClass(v);
        if (bin == null) {
            return null;
        }
        if (bin.equals(LabelClasses.UNKNOWN)) {
            // neither class: left out unless the user names it as the positive value
            if (positive == null || positive.isEmpty() || !LabelClasses.isPositive(v, positive)) {
                return null;
            }
            return LabelClasses.MALICIOUS;
        }
        if (bin.equals(LabelClasses.BACKGROUND)) {
            if (!backgroundAsBenign) {
                return null;
            }
            return negativeClass();
        }
        if (positive != null && !positive.isEmpty()) {
            boolean p = LabelClasses.isPositive(v, positive);
            if (!multiclass) {
                return p ? LabelClasses.MALICIOUS : BENIGN;
            }
            if (!p) {
                return NORMAL;
            }
        }
        if (!multiclass) {
            return bin;
        }
        String text = detail == null ? v : v + " " + detail;
        String k = LabelClasses.ctuClass(text);
        return k == null || k.equals(LabelClasses.BACKGROUND) ? NORMAL : k;
    }

    /**
     * Labels of a table.
     *
     * @param classOf  per row, its class (null = unusable: missing, or background when dropped)
     * @param positive per row, whether it is positive
     * @param dropped  unusable rows
     * @param classes  classes present, sorted
     * @param excluded unusable rows by reason (no label, background, an unknown-class value)
     */
    public record Labels(String[] classOf, boolean[] positive, int dropped, List<String> classes,
                         java.util.Map<String, Long> excluded) {
        /** Indices of the usable rows. */
        public int[] usableRows() {
            int[] r = new int[classOf.length];
            int k = 0;
            for (int i = 0; i < classOf.length; i++) {
                if (classOf[i] != null) {
                    r[k++] = i;
                }
            }
            return java.util.Arrays.copyOf(r, k);
        }
    }
}
