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
 * @param multiclass         more than two classes (the scheme says which)
 * @param backgroundAsBenign count unlabelled background traffic as benign instead of dropping it
 * @param scheme             {@code binary}; {@code ctu}: CTU classes (cc, spam, ddos, scan, malicious,
 *                           normal), refined by the detailed label when the table has one; {@code label}:
 *                           the raw label values, benign ones as {@code normal}, values with fewer than
 *                           {@link #MIN_CLASS_ROWS} rows grouped as {@code other}; {@code kdd}: the
 *                           four KDD'99 attack categories DoS, Probe, R2L, U2R from attack names, unknown
 *                           names as {@code other}. Null (files written before schemes): ctu when
 *                           multiclass, else binary
 * @param kept               {@code label} scheme: the raw values kept as classes, fixed at training
 *                           (null while training: chosen from the counts)
 */
public record LabelSpec(String column, String positive, boolean multiclass, boolean backgroundAsBenign, String scheme,
                        List<String> kept) {

    /** Binary or CTU classes. */
    public LabelSpec(String column, String positive, boolean multiclass, boolean backgroundAsBenign) {
        this(column, positive, multiclass, backgroundAsBenign, multiclass ? CTU : BINARY, null);
    }

    /** Scheme names. */
    public static final String BINARY = "binary";
    public static final String CTU = "ctu";
    public static final String LABEL = "label";
    public static final String KDD = "kdd";
    /** Class of rare raw values ({@code label}) and unknown attack names ({@code kdd}). */
    public static final String OTHER = "other";
    /**
     * {@code --classes label}: a raw value needs this many labelled rows in the training input to be
     * a class of its own; rarer values are grouped as {@code other}. Fewer rows than this leave a
     * handful per test part and per fold: too few for a PR-AUC that means anything.
     */
    public static final int MIN_CLASS_ROWS = 20;

    /** KDD'99 attack names by category (Lippmann et al., DARPA 1998/1999 evaluations; NSL-KDD uses the same). */
    static final java.util.Map<String, String> KDD_CATEGORY = kddCategories();

    private static java.util.Map<String, String> kddCategories() {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        for (String a : new String[] {"back", "land", "neptune", "pod", "smurf", "teardrop", "apache2", "mailbomb",
            "processtable", "udpstorm"}) {
            m.put(a, "DoS");
        }
        for (String a : new String[] {"ipsweep", "nmap", "portsweep", "satan", "mscan", "saint"}) {
            m.put(a, "Probe");
        }
        for (String a : new String[] {"ftp_write", "guess_passwd", "imap", "multihop", "phf", "spy", "warezclient",
            "warezmaster", "named", "sendmail", "snmpgetattack", "snmpguess", "xlock", "xsnoop", "worm"}) {
            m.put(a, "R2L");
        }
        for (String a : new String[] {"buffer_overflow", "loadmodule", "perl", "rootkit", "ps", "sqlattack", "xterm",
            "httptunnel"}) {
            m.put(a, "U2R");
        }
        return java.util.Map.copyOf(m);
    }

    /** The scheme, also for files written before schemes existed. */
    public String schemeName() {
        return scheme != null ? scheme : multiclass ? CTU : BINARY;
    }

    /** A copy with the raw values kept as classes fixed. */
    public LabelSpec withKept(List<String> k) {
        return new LabelSpec(column, positive, multiclass, backgroundAsBenign, scheme, k == null ? null : List.copyOf(k));
    }

    /** A copy reading another column. */
    public LabelSpec withColumn(String c) {
        return new LabelSpec(c, positive, multiclass, backgroundAsBenign, scheme, kept);
    }

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
        if (multiclass && schemeName().equals(CTU) && !DataTable.key(column).equals("detailedlabel")) {
            detailed = t.column("detailed_label").orElse(null);
        }
        int n = t.rows();
        String[] cls = new String[n];
        boolean[] pos = new boolean[n];
        int dropped = 0;
        TreeSet<String> classes = new TreeSet<>();
        java.util.Map<String, Long> excluded = new java.util.TreeMap<>();
        java.util.Set<String> keep = null;
        List<String> keptOut = null;
        if (schemeName().equals(LABEL)) {
            if (kept != null) {
                keep = new java.util.HashSet<>(kept);
            } else {
                java.util.Map<String, Integer> counts = new java.util.HashMap<>();
                for (int r = 0; r < n; r++) {
                    String k = classOf(c.isMissing(r) ? null : c.text(r), null, null);
                    if (k != null) {
                        counts.merge(k, 1, Integer::sum);
                    }
                }
                keep = new java.util.TreeSet<>();
                for (var e : counts.entrySet()) {
                    if (e.getValue() >= MIN_CLASS_ROWS || e.getKey().equals(NORMAL)) {
                        keep.add(e.getKey());
                    }
                }
            }
            keptOut = List.copyOf(new TreeSet<>(keep));
        }
        for (int r = 0; r < n; r++) {
            String v = c.isMissing(r) ? null : c.text(r);
            String k = classOf(v, detailed == null || detailed.isMissing(r) ? null : detailed.text(r), keep);
            if (k == null) {
                dropped++;
                excluded.merge(whyExcluded(v), 1L, Long::sum);
                continue;
            }
            cls[r] = k;
            pos[r] = !k.equals(negativeClass());
            classes.add(k);
        }
        return new Labels(cls, pos, dropped, List.copyOf(classes), java.util.Collections.unmodifiableMap(excluded),
                keptOut);
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

    private String classOf(String v, String detail, java.util.Set<String> keep) {
        if (v == null) {
            return null;
        }
        String bin = LabelClasses.binaryClass(v);
        if (bin == null) {
            return null;
        }
        if (bin.equals(LabelClasses.UNKNOWN) && !schemeName().equals(LABEL)) {
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
        if (bin.equals(LabelClasses.BENIGN) && !schemeName().equals(CTU)) {
            return NORMAL;
        }
        if (schemeName().equals(KDD)) {
            String name = v.trim().toLowerCase(java.util.Locale.ROOT);
            if (name.endsWith(".")) {
                name = name.substring(0, name.length() - 1); // KDD'99 writes "neptune."
            }
            return KDD_CATEGORY.getOrDefault(name, OTHER);
        }
        if (schemeName().equals(LABEL)) {
            String raw = v.trim();
            if (raw.endsWith(".")) {
                raw = raw.substring(0, raw.length() - 1);
            }
            return keep == null || keep.contains(raw) ? raw : OTHER;
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
     * @param kept     {@code label} scheme: raw values kept as classes (null otherwise)
     */
    // arrays by design: columnar data handed over without copies; never compared or hashed by value
    @SuppressWarnings("ArrayRecordComponent")
    public record Labels(String[] classOf, boolean[] positive, int dropped, List<String> classes,
                         java.util.Map<String, Long> excluded, List<String> kept) {
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
