package org.beaconwatch.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A hand-rolled ASCII output buffer: numbers, timestamps and IPv4 addresses are formatted straight
 * into a byte array (no String.format, no per-row String), flushed to the stream when nearly full.
 * Justified by the 20-million-row target of issue 3 item 5 ({@code SimulatorSpeed}).
 */
final class AsciiOut implements AutoCloseable {
    private static final int CAPACITY = 1 << 20;
    private static final int HEADROOM = 4096;

    private final OutputStream out;
    private final byte[] buf = new byte[CAPACITY];
    private final byte[] digits = new byte[20];
    private final byte[] lastSecondDigits = new byte[20];
    private long lastSecond = -1;
    private int lastSecondLen;
    private int pos;

    AsciiOut(OutputStream out) {
        this.out = out;
    }

    /** Flushes when fewer than {@value #HEADROOM} bytes are left; call once per row. */
    void ensureRoom() throws IOException {
        if (pos > CAPACITY - HEADROOM) {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }

    AsciiOut tab() {
        buf[pos++] = '\t';
        return this;
    }

    AsciiOut newline() {
        buf[pos++] = '\n';
        return this;
    }

    AsciiOut put(byte b) {
        buf[pos++] = b;
        return this;
    }

    /** Appends raw bytes; callers keep single appends well under the headroom. */
    AsciiOut put(byte[] bytes) {
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
        return this;
    }

    /** Appends a header or rarely written string (ASCII), flushing as needed. */
    AsciiOut putText(String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < b.length; i += HEADROOM / 2) {
            ensureRoom();
            int n = Math.min(HEADROOM / 2, b.length - i);
            System.arraycopy(b, i, buf, pos, n);
            pos += n;
        }
        return this;
    }

    /** Appends a decimal integer. */
    AsciiOut putLong(long v) {
        if (v >= 0 && v <= Integer.MAX_VALUE) {
            return putInt((int) v);
        }
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                throw new IllegalArgumentException("Long.MIN_VALUE");
            }
            buf[pos++] = '-';
            v = -v;
        }
        int n = 0;
        do {
            digits[n++] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        } while (v != 0);
        while (n > 0) {
            buf[pos++] = digits[--n];
        }
        return this;
    }

    /** Appends a non-negative int, two digits at a time (int division by a constant is a multiply). */
    private AsciiOut putInt(int v) {
        byte[] b = buf;
        int len = digitCount(v);
        int end = pos + len;
        int p = end;
        while (v >= 100) {
            int q = v / 100;
            int r = v - q * 100;
            b[--p] = PAIR_ONES[r];
            b[--p] = PAIR_TENS[r];
            v = q;
        }
        if (v >= 10) {
            b[--p] = PAIR_ONES[v];
            b[--p] = PAIR_TENS[v];
        } else {
            b[--p] = (byte) ('0' + v);
        }
        pos = end;
        return this;
    }

    private static int digitCount(int v) {
        if (v < 100_000) {
            return v < 100 ? (v < 10 ? 1 : 2) : (v < 1000 ? 3 : (v < 10_000 ? 4 : 5));
        }
        if (v < 100_000_000) {
            return v < 1_000_000 ? 6 : (v < 10_000_000 ? 7 : 8);
        }
        return v < 1_000_000_000 ? 9 : 10;
    }

    private static final byte[] PAIR_TENS = new byte[100];
    private static final byte[] PAIR_ONES = new byte[100];

    static {
        for (int i = 0; i < 100; i++) {
            PAIR_TENS[i] = (byte) ('0' + i / 10);
            PAIR_ONES[i] = (byte) ('0' + i % 10);
        }
    }

    /** Appends a non-negative count of microseconds as seconds with exactly 6 decimals. */
    AsciiOut putMicros(long micros) {
        putLong(micros / 1_000_000L);
        putFraction((int) (micros % 1_000_000L));
        return this;
    }

    /**
     * Like {@link #putMicros} for timestamps, which change their whole seconds rarely from row to
     * row: the digits of the last whole second are kept and copied.
     */
    AsciiOut putTimestamp(long micros) {
        long sec = micros / 1_000_000L;
        if (sec != lastSecond) {
            int start = pos;
            putLong(sec);
            lastSecondLen = pos - start;
            System.arraycopy(buf, start, lastSecondDigits, 0, lastSecondLen);
            lastSecond = sec;
        } else {
            System.arraycopy(lastSecondDigits, 0, buf, pos, lastSecondLen);
            pos += lastSecondLen;
        }
        putFraction((int) (micros - sec * 1_000_000L));
        return this;
    }

    private void putFraction(int frac) {
        byte[] b = buf;
        int p = pos;
        int a = frac / 10_000;
        int rest = frac - a * 10_000;
        int c = rest / 100;
        int d = rest - c * 100;
        b[p] = '.';
        b[p + 1] = PAIR_TENS[a];
        b[p + 2] = PAIR_ONES[a];
        b[p + 3] = PAIR_TENS[c];
        b[p + 4] = PAIR_ONES[c];
        b[p + 5] = PAIR_TENS[d];
        b[p + 6] = PAIR_ONES[d];
        pos = p + 7;
    }

    /** Appends an IPv4 address held in an int as a dotted quad. */
    AsciiOut putIpv4(int v4) {
        octet((v4 >>> 24) & 0xff);
        buf[pos++] = '.';
        octet((v4 >>> 16) & 0xff);
        buf[pos++] = '.';
        octet((v4 >>> 8) & 0xff);
        buf[pos++] = '.';
        octet(v4 & 0xff);
        return this;
    }

    private void octet(int o) {
        if (o >= 100) {
            int h = o / 100;
            int r = o - h * 100;
            buf[pos++] = (byte) ('0' + h);
            buf[pos++] = PAIR_TENS[r];
            buf[pos++] = PAIR_ONES[r];
        } else if (o >= 10) {
            buf[pos++] = PAIR_TENS[o];
            buf[pos++] = PAIR_ONES[o];
        } else {
            buf[pos++] = (byte) ('0' + o);
        }
    }

    @Override
    public void close() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
        out.close();
    }
}
