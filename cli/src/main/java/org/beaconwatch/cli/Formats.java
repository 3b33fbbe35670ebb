package org.beaconwatch.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Number and time formatting for terminal output (Locale.ROOT, UTC). */
final class Formats {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Formats() {
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Epoch micros as UTC text; small values (relative captures) are shown as seconds. */
    static String time(long micros) {
        if (Math.abs(micros) < 315_532_800_000_000L) { // before 1980: a relative timestamp
            return String.format(Locale.ROOT, "%.6f s (relative)", micros / 1e6);
        }
        return TIME.format(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L)) + " UTC";
    }

    /** A duration in plain words: "23 h 4 min", "12.5 s". */
    static String duration(long micros) {
        double s = micros / 1e6;
        if (s < 120) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        long sec = (long) s;
        long d = sec / 86400, h = (sec % 86400) / 3600, m = (sec % 3600) / 60;
        if (d > 0) {
            return String.format(Locale.ROOT, "%d d %d h %d min", d, h, m);
        }
        if (h > 0) {
            return String.format(Locale.ROOT, "%d h %d min", h, m);
        }
        return String.format(Locale.ROOT, "%d min %d s", m, sec % 60);
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] u = {"KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int i = -1;
        while (v >= 1024 && i < u.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, u[i]);
    }
}
