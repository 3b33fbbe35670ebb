package org.beaconwatch.table;

import java.util.Locale;

/**
 * Reads the label vocabularies of public traffic data sets into a few classes.
 *
 * <ul>
 *   <li>{@link #binaryClass(String)}: "malicious", "benign", "background" (unlabelled, neither) or
 *   "unknown" (a value that says the class is not known, such as Stratosphere's "Unknown") --
 *   Stratosphere "Malicious"/"Benign"/"Background", CTU-13 "flow=From-Botnet-..."/"flow=From-Normal-..."/
 *   "flow=Background-...", Slips "Malware-TCP", NSL-KDD "normal" vs attack names, 0/1, and the
 *   Featuretools/LANL export's "A" (attack, malicious) / "N" (normal, benign) / "N/A" (missing, unknown).</li>
 *   <li>{@link #ctuClass(String)}: multiclass for CTU-style labels: "cc", "spam", "ddos", "scan",
 *   "malicious" (other malware), "normal", "background".</li>
 * </ul>
 * CTU-13 background traffic is unlabelled, not benign; callers decide whether to drop it. Unknown
 * values are neither malicious nor benign: binary training and evaluation leave them out unless the
 * user names them as the positive value.
 */
public final class LabelClasses {
    public static final String MALICIOUS = "malicious";
    public static final String BENIGN = "benign";
    public static final String BACKGROUND = "background";
    public static final String UNKNOWN = "unknown";
    /** Values that say the class is not known (compared trimmed and lower-cased). */
    static final java.util.Set<String> UNKNOWN_VALUES = java.util.Set.of("unknown", "unlabeled", "unlabelled",
            "unclassified", "undetermined", "undefined", "?", "n/a", "na", "none", "null", "tbd");

    private LabelClasses() {
    }

    /** The binary class of a label value, or null for a missing value. */
    public static String binaryClass(String label) {
        if (label == null) {
            return null;
        }
        String v = label.trim().toLowerCase(Locale.ROOT);
        if (v.isEmpty() || v.equals("-") || v.equals("(empty)")) {
            return null;
        }
        if (v.contains("background")) {
            return BACKGROUND;
        }
        if (UNKNOWN_VALUES.contains(v)) {
            return UNKNOWN;
        }
        if (v.equals("0") || v.equals("false") || v.equals("n") || v.equals("normal") || v.contains("benign") || v.contains("normal")
                || v.equals("legitimate")) {
            return BENIGN;
        }
        return MALICIOUS; // 1, true, A, malicious, botnet, malware, C&C, attack names (neptune, smurf, ...)
    }

    /** The CTU-style multiclass of a label value, or null for a missing value. */
    public static String ctuClass(String label) {
        String b = binaryClass(label);
        if (b == null || !b.equals(MALICIOUS)) {
            return b == null ? null : b.equals(BENIGN) ? "normal" : b.equals(UNKNOWN) ? UNKNOWN : BACKGROUND;
        }
        String v = label.toLowerCase(Locale.ROOT);
        if (v.contains("c&c") || v.contains("-cc") || v.contains("cc-") || v.equals("cc") || v.contains("command")
                || v.contains("irc")) {
            return "cc";
        }
        if (v.contains("spam") || v.contains("smtp")) {
            return "spam";
        }
        if (v.contains("ddos") || v.contains("dos")) {
            return "ddos";
        }
        if (v.contains("scan")) {
            return "scan";
        }
        return MALICIOUS;
    }

    /**
     * Whether a label value counts as positive: equal to {@code positive} (case-insensitive) when
     * given, otherwise its {@link #binaryClass} is malicious.
     */
    public static boolean isPositive(String label, String positive) {
        if (label == null) {
            return false;
        }
        if (positive != null && !positive.isEmpty()) {
            return label.trim().equalsIgnoreCase(positive.trim());
        }
        return MALICIOUS.equals(binaryClass(label));
    }
}
