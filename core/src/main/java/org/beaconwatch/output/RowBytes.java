package org.beaconwatch.output;

import java.util.Arrays;

/**
 * A growing buffer of UTF-8 bytes that rows of findings are formatted into directly (and reused
 * from chunk to chunk, {@link OrderedChunks}): text is
 * encoded as it is appended (ASCII byte for byte), numbers and timestamps are written as digits,
 * so a row makes no intermediate strings and no second encoding pass. Every figure reads exactly
 * as {@link FindingWriter#appendNum}, {@link FindingWriter#appendIsoMicros} and
 * {@link CsvFindingWriter#cell} write it ({@code RowBytesTest}).
 */
final class RowBytes {
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final int SECONDS_PER_DAY = 86_400;

    private byte[] buf;
    private int size;

    RowBytes(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    /** The bytes appended so far. */
    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** Writes the bytes appended so far to {@code out}. */
    void writeTo(java.io.OutputStream out) throws java.io.IOException {
        out.write(buf, 0, size);
    }

    /** Empties the buffer (its capacity is kept, to be filled again). */
    void reset() {
        size = 0;
    }

    /** This buffer as a stream (for a JSON generator); closing it does nothing. */
    java.io.OutputStream asStream() {
        return new java.io.OutputStream() {
            @Override
            public void write(int b) {
                room(1);
                buf[size++] = (byte) b;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                room(len);
                System.arraycopy(b, off, buf, size, len);
                size += len;
            }
        };
    }

    int size() {
        return size;
    }

    private void room(int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }

    /** Appends an ASCII character. */
    RowBytes ascii(char c) {
        room(1);
        buf[size++] = (byte) c;
        return this;
    }

    /** Appends ASCII text (a constant of the format). */
    RowBytes ascii(String s) {
        int n = s.length();
        room(n);
        for (int i = 0; i < n; i++) {
            buf[size++] = (byte) s.charAt(i);
        }
        return this;
    }

    /** Appends text, UTF-8 encoded as {@link String#getBytes} encodes it (a lone surrogate as '?'). */
    RowBytes text(String s) {
        int n = s.length();
        room(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buf[size++] = (byte) c;
            } else {
                return encodeRest(s, i);
            }
        }
        return this;
    }

    /**
     * The rest of {@code s} from {@code from} on, encoded here as {@link String#getBytes} encodes it
     * to UTF-8 (explanations hold "±" and the like, so most rows come here: no copy of the text).
     */
    private RowBytes encodeRest(String s, int from) {
        int n = s.length();
        room(3 * (n - from)); // a char takes at most 3 bytes; a surrogate pair (two chars) takes 4
        byte[] b = buf;
        int at = size;
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[at++] = (byte) c;
            } else if (c < 0x800) {
                b[at++] = (byte) (0xc0 | (c >> 6));
                b[at++] = (byte) (0x80 | (c & 0x3f));
            } else if (!Character.isSurrogate(c)) {
                b[at++] = (byte) (0xe0 | (c >> 12));
                b[at++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                b[at++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[at++] = (byte) (0xf0 | (cp >> 18));
                b[at++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                b[at++] = (byte) (0x80 | (cp & 0x3f));
            } else {
                b[at++] = '?'; // a lone surrogate, as the JDK's encoder replaces it
            }
        }
        size = at;
        return this;
    }

    /** Appends a whole number in decimal, as {@link Long#toString(long)}. */
    RowBytes number(long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return ascii(Long.toString(v));
            }
            ascii('-');
            v = -v;
        }
        int digits = 1;
        for (long p = 10; digits < 19 && v >= p; p *= 10) {
            digits++;
        }
        room(digits);
        int end = size + digits;
        for (int i = end - 1; i >= size; i--) {
            buf[i] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        }
        size = end;
        return this;
    }

    /** Appends "true" or "false". */
    RowBytes bool(boolean b) {
        return ascii(b ? "true" : "false");
    }

    /** Appends a non-negative {@code v} with leading zeros to {@code width} digits (all digits when wider). */
    private RowBytes pad(long v, int width) {
        int digits = 1;
        for (long p = 10; digits < 19 && v >= p; p *= 10) {
            digits++;
        }
        for (int i = digits; i < width; i++) {
            ascii('0');
        }
        return number(v);
    }

    /** As {@link FindingWriter#appendNum}: up to {@code decimals} decimals, trailing zeros dropped, NaN as nothing. */
    RowBytes num(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return this;
        }
        long scale = 1;
        for (int i = 0; i < decimals; i++) {
            scale *= 10;
        }
        if (Math.abs(v) * scale >= 9e15) {
            return number(Math.round(v));
        }
        long units = Math.round(v * scale);
        if (units == 0) {
            return ascii('0');
        }
        if (units < 0) {
            ascii('-');
            units = -units;
        }
        number(units / scale);
        long frac = units % scale;
        if (frac != 0) {
            int width = decimals;
            while (frac % 10 == 0) {
                frac /= 10;
                width--;
            }
            ascii('.').pad(frac, width);
        }
        return this;
    }

    /** As {@link FindingWriter#appendIsoMicros}: ISO-8601 UTC with microseconds. */
    RowBytes isoMicros(long epochMicros) {
        long secs = Math.floorDiv(epochMicros, MICROS_PER_SECOND);
        int micros = (int) Math.floorMod(epochMicros, MICROS_PER_SECOND);
        long days = Math.floorDiv(secs, SECONDS_PER_DAY);
        int secOfDay = Math.floorMod(secs, SECONDS_PER_DAY);
        // civil date from days since 1970-01-01 (proleptic Gregorian, as java.time), H. Hinnant's algorithm
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long day = doy - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            return ascii(FindingWriter.isoMicros(epochMicros));
        }
        pad(year, 4).ascii('-');
        pad(month, 2).ascii('-');
        pad(day, 2).ascii('T');
        pad(secOfDay / 3600, 2).ascii(':');
        pad(secOfDay / 60 % 60, 2).ascii(':');
        pad(secOfDay % 60, 2).ascii('.');
        return pad(micros, 6).ascii('Z');
    }

    /**
     * As {@link CsvFindingWriter#cell}: null as nothing; a cell starting with = + - @ TAB or CR gets
     * a leading apostrophe (unless it is "-" or a number); quoted, quotes doubled, when it holds a
     * comma, quote, CR or LF.
     */
    RowBytes cell(String v) {
        if (v == null || v.isEmpty()) {
            return this;
        }
        char c0 = v.charAt(0);
        boolean defuse = (c0 == '=' || c0 == '+' || c0 == '-' || c0 == '@' || c0 == '\t' || c0 == '\r')
                && !"-".equals(v) && !CsvFindingWriter.isNumber(v);
        boolean quote = false;
        for (int i = 0, n = v.length(); i < n; i++) {
            char c = v.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                quote = true;
                break;
            }
        }
        if (!quote) {
            if (defuse) {
                ascii('\'');
            }
            return text(v);
        }
        ascii('"');
        if (defuse) {
            ascii('\'');
        }
        if (v.indexOf('"') < 0) {
            text(v);
        } else {
            text(v.replace("\"", "\"\""));
        }
        return ascii('"');
    }
}
