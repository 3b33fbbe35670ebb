package org.beaconwatch.report.evaluation;

import java.util.Locale;

/** Number formatting for the evaluation page (Locale.ROOT). */
final class Fmt {
    private Fmt() {
    }

    static String num(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
