package org.beaconwatch.io.spi;

/**
 * Calendar timestamps from bytes to epoch microseconds without allocation:
 * {@code yyyy/MM/dd HH:mm:ss[.ffffff]} (Argus) and {@code yyyy-MM-dd[ T]HH:mm:ss[.ffffff][Z|+hh:mm]}
 * (CSV, ISO-8601), UTC unless an offset is given. Days from the civil date use the well-known
 * days-from-civil algorithm (H. Hinnant, "chrono-compatible low-level date algorithms").
 */
public final class DateTimes {
    private DateTimes() {
    }

    /** Epoch microseconds, or {@link Bytes#BAD} when the text is not such a timestamp. */
    public static long parse(byte[] b, int from, int to) {
        while (from < to && b[from] == ' ') {
            from++;
        }
        while (to > from && b[to - 1] == ' ') {
            to--;
        }
        if (to - from < 10) {
            return Bytes.BAD;
        }
        int y = digits(b, from, 4);
        byte s1 = b[from + 4];
        if (y < 0 || (s1 != '/' && s1 != '-') || b[from + 7] != s1) {
            return Bytes.BAD;
        }
        int mo = digits(b, from + 5, 2), d = digits(b, from + 8, 2);
        if (mo < 1 || mo > 12 || d < 1 || d > 31) {
            return Bytes.BAD;
        }
        long days = daysFromCivil(y, mo, d);
        int i = from + 10;
        long secs = 0, micros = 0;
        if (i < to) {
            if ((b[i] != ' ' && b[i] != 'T') || to - i < 9 || b[i + 3] != ':' || b[i + 6] != ':') {
                return Bytes.BAD;
            }
            int h = digits(b, i + 1, 2), mi = digits(b, i + 4, 2), se = digits(b, i + 7, 2);
            if (h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60) {
                return Bytes.BAD;
            }
            secs = h * 3600L + mi * 60L + se;
            i += 9;
            if (i < to && (b[i] == '.' || b[i] == ',')) {
                i++;
                int n = 0;
                while (i < to && b[i] >= '0' && b[i] <= '9') {
                    if (n < 6) {
                        micros = micros * 10 + (b[i] - '0');
                    } else if (n == 6 && b[i] >= '5') {
                        micros++;
                    }
                    n++;
                    i++;
                }
                if (n == 0) {
                    return Bytes.BAD;
                }
                for (int k = Math.min(n, 6); k < 6; k++) {
                    micros *= 10;
                }
            }
            if (i < to) { // zone
                if (b[i] == 'Z' && i + 1 == to) {
                    i++;
                } else if ((b[i] == '+' || b[i] == '-') && (to - i == 6 || to - i == 5 || to - i == 3)) {
                    int sign = b[i] == '-' ? -1 : 1;
                    int oh = digits(b, i + 1, 2);
                    int om = to - i == 3 ? 0 : digits(b, to - 2, 2);
                    if (oh < 0 || om < 0 || (to - i == 6 && b[i + 3] != ':')) {
                        return Bytes.BAD;
                    }
                    secs -= sign * (oh * 3600L + om * 60L);
                    i = to;
                } else {
                    return Bytes.BAD;
                }
            }
        }
        return (days * 86_400L + secs) * 1_000_000L + micros;
    }

    private static int digits(byte[] b, int at, int n) {
        int v = 0;
        for (int k = 0; k < n; k++) {
            int c = b[at + k] - '0';
            if (c < 0 || c > 9) {
                return -1;
            }
            v = v * 10 + c;
        }
        return v;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date. */
    public static long daysFromCivil(long y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }
}
