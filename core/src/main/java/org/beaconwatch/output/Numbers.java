package org.beaconwatch.output;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The one number and time formatter for everything a person reads: terminal tables, explanations,
 * HTML pages and messages. Always {@link Locale#ROOT}, thousands separated by a comma, times in UTC,
 * so the same figure prints the same way on every page ("4,025" everywhere, never "4025.0").
 * Machine outputs (CSV, JSON lines) keep full precision and do not use this class.
 */
public final class Numbers {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** Timestamps before 1980-01-01 are taken as relative (captures that start at 0). */
    private static final long RELATIVE_BEFORE_MICROS = 315_532_800_000_000L;
    private static final String[] BYTE_UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB"};

    private Numbers() {
    }

    /** A count with thousands separators: "4,025". */
    public static String count(long n) {
        // by hand, not String.format: explanations call this for every finding written
        String digits = Long.toString(n);
        int start = n < 0 ? 1 : 0;
        int len = digits.length() - start;
        if (len <= 3) {
            return digits;
        }
        StringBuilder sb = new StringBuilder(digits.length() + len / 3);
        sb.append(digits, 0, start);
        int lead = len % 3;
        for (int i = 0; i < len; i++) {
            if (i > 0 && (i - lead) % 3 == 0) {
                sb.append(',');
            }
            sb.append(digits.charAt(start + i));
        }
        return sb.toString();
    }

    /**
     * A measured figure with about three significant digits; whole numbers as counts ("25,010"),
     * "n/a" for NaN, "inf"/"-inf" for infinities.
     */
    public static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return count((long) v);
        }
        double a = Math.abs(v);
        if (a >= 1e6 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** A value with a fixed number of decimals (scores, metrics): {@code fixed(0.83191, 4)} is "0.8319"; "n/a" for NaN. */
    public static String fixed(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** A p-value: "< 1e-300" below that, scientific below 0.001, else three decimals. */
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

    /** A fraction as a percentage: 0.123 is "12.3%", small non-zero shares keep two decimals ("0.25%"). */
    public static String pct(double f) {
        if (Double.isNaN(f)) {
            return "n/a";
        }
        double v = 100 * f;
        return String.format(Locale.ROOT, v != 0 && Math.abs(v) < 1 ? "%.2f%%" : "%.1f%%", v);
    }

    /** Epoch microseconds as UTC text; values before 1980 (relative captures) as seconds. */
    public static String time(long micros) {
        if (Math.abs(micros) < RELATIVE_BEFORE_MICROS) {
            return String.format(Locale.ROOT, "%.6f s (relative)", micros / 1e6);
        }
        return TIME.format(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1000L)) + " UTC";
    }

    /** A duration in plain words: "12.5 s", "4 min 10 s", "23 h 4 min", "2 d 3 h 0 min". */
    public static String duration(long micros) {
        double s = micros / 1e6;
        if (s < 120) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        long sec = (long) s;
        long d = sec / 86400;
        long h = (sec % 86400) / 3600;
        long m = (sec % 3600) / 60;
        if (d > 0) {
            return String.format(Locale.ROOT, "%d d %d h %d min", d, h, m);
        }
        if (h > 0) {
            return String.format(Locale.ROOT, "%d h %d min", h, m);
        }
        return String.format(Locale.ROOT, "%d min %d s", m, sec % 60);
    }

    /** A period or interval given in seconds, in the largest whole unit that reads well: "30 s", "5.0 min", "1.5 h". */
    public static String period(double seconds) {
        if (Double.isNaN(seconds)) {
            return "n/a";
        }
        double a = Math.abs(seconds);
        if (a >= 3 * 3600) {
            return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
        }
        if (a >= 180) {
            return String.format(Locale.ROOT, "%.1f min", seconds / 60);
        }
        return a >= 10 ? String.format(Locale.ROOT, "%.0f s", seconds) : String.format(Locale.ROOT, "%.1f s", seconds);
    }

    /**
     * One decimal with thousands separators, rounded half up on the tenths: "0.4", "12.0", "1,234.5"
     * (the factors in explanations).
     */
    public static String oneDecimal(double v) {
        long tenths = Math.round(v * 10);
        return (tenths < 0 ? "-" : "") + count(Math.abs(tenths) / 10) + "." + (Math.abs(tenths) % 10);
    }

    /** A rate or other measured figure in a sentence: one decimal below 100, a whole count from 100. */
    public static String rate(double v) {
        return v >= 100 ? count(Math.round(v)) : oneDecimal(v);
    }

    /**
     * A duration in seconds rounded to the one unit that reads best in a sentence: "0.4 s", "12 s",
     * "4.5 min", "23 h", "3.2 days" (the explanations' "every 60 s (±1.2 s) over 5.3 h").
     */
    public static String roundedDuration(double s) {
        if (s < 10) {
            return oneDecimal(s) + " s";
        }
        if (s < 120) {
            return Math.round(s) + " s";
        }
        if (s < 7200) {
            double m = s / 60;
            return m < 10 ? oneDecimal(m) + " min" : Math.round(m) + " min";
        }
        if (s < 3 * 86400) {
            double h = s / 3600;
            return h < 10 ? oneDecimal(h) + " h" : Math.round(h) + " h";
        }
        return oneDecimal(s / 86400) + " days";
    }

    /** A byte count in binary units: "512 B", "1.5 KiB", "3.7 GiB". */
    public static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        double v = b;
        int i = -1;
        while (v >= 1024 && i < BYTE_UNITS.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, BYTE_UNITS[i]);
    }
}
