package org.beaconwatch.report;

import java.util.Locale;

/** Number formatting for readings and the HTML pages (exploration and detection), always with {@link Locale#ROOT}. */
public final class Fmt {
    private Fmt() {
    }

    /** A number with about 3 significant digits; integers without decimals; "n/a" for NaN. */
    public static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        double a = Math.abs(v);
        if (a >= 1e6 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** A p-value: "&lt; 1e-300" below that, scientific below 0.001. */
    public static String p(double p) {
        if (Double.isNaN(p)) {
            return "n/a";
        }
        if (p < 1e-300) {
            return "< 1e-300";
        }
        if (p < 1e-3) {
            return String.format(Locale.ROOT, "%.1e", p);
        }
        return String.format(Locale.ROOT, "%.3f", p);
    }

    /** A fraction as a percentage. */
    public static String pct(double f) {
        if (Double.isNaN(f)) {
            return "n/a";
        }
        double v = 100 * f;
        return String.format(Locale.ROOT, v != 0 && Math.abs(v) < 1 ? "%.2f%%" : "%.1f%%", v);
    }
}
