package org.beaconwatch.score;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of one frame of {@link FindingCodec}: primitives appended when writing, read in turn
 * when reading, each read checked against the frame's end. Longs and doubles are 8 bytes, big
 * endian, doubles as their raw bits; ints are variable-length (LEB128, signed ones zigzag); a
 * string is 0 for null, else 1 + its byte count, then each UTF-16 unit in 1 to 3 bytes (UTF-8 per
 * unit, CESU-8: any Java string survives, an unpaired surrogate too, at any length).
 */
final class FindingFrame {
    /** A frame longer than this is corrupt (a finding is a few hundred bytes). */
    static final int MAX_FRAME = 64 << 20;
    /** Whole numbers up to this magnitude are written short by {@link #putCompactDouble}. */
    private static final long WHOLE = 1L << 40;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] buf = new byte[512];
    /** Bytes written (writing) or the frame's end (reading). */
    private int len;
    /** Next byte to read. */
    private int pos;

    // ---- writing

    /** Starts a new frame to write. */
    void clear() {
        len = 0;
    }

    /** Writes the frame: its length, then its bytes. */
    void writeTo(DataOutput sink) throws IOException {
        int v = len;
        while ((v & ~0x7F) != 0) {
            sink.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        sink.writeByte(v);
        sink.write(buf, 0, len);
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    void putByte(int b) {
        ensure(1);
        buf[len++] = (byte) b;
    }

    void putBoolean(boolean b) {
        putByte(b ? 1 : 0);
    }

    void putLong(long v) {
        ensure(8);
        LONGS.set(buf, len, v);
        len += 8;
    }

    void putDouble(double v) {
        putLong(Double.doubleToRawLongBits(v));
    }

    /**
     * A double that is often a whole number (a count, a flag, zero): a whole number of magnitude up
     * to 2^40 as an even variable-length number (2 * zigzag(v)), anything else (fractions, NaN,
     * infinities, -0.0) as the number 1 and the 8 raw bytes. Reads back bit for bit either way; a
     * feature vector is mostly counts, flags and zeros, and takes a third of the bytes.
     */
    void putCompactDouble(double v) {
        long l = (long) v;
        if (l == v && l >= -WHOLE && l <= WHOLE && (l != 0 || Double.doubleToRawLongBits(v) == 0L)) {
            putVarLong(((l << 1) ^ (l >> 63)) << 1);
        } else {
            putByte(1);
            putDouble(v);
        }
    }

    private void putVarLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[len++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[len++] = (byte) v;
    }

    /** An int that is mostly small and not negative (unsigned LEB128). */
    void putVarInt(int v) {
        ensure(5);
        while ((v & ~0x7F) != 0) {
            buf[len++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[len++] = (byte) v;
    }

    /** Any int, small ones in few bytes whatever their sign (zigzag). */
    void putInt(int v) {
        putVarInt((v << 1) ^ (v >> 31));
    }

    void putString(String s) {
        if (s == null) {
            putVarInt(0);
            return;
        }
        int n = s.length();
        int bytes = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        putVarInt(bytes + 1);
        ensure(bytes);
        byte[] o = buf;
        int k = len;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                o[k++] = (byte) c;
            } else if (c < 0x800) {
                o[k++] = (byte) (0xC0 | (c >> 6));
                o[k++] = (byte) (0x80 | (c & 0x3F));
            } else {
                o[k++] = (byte) (0xE0 | (c >> 12));
                o[k++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                o[k++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        len = k;
    }

    // ---- reading

    /** Reads the next frame from {@code source}; the get methods then read it in turn. */
    void readFrom(DataInput source) throws IOException {
        int n = 0;
        for (int shift = 0; ; shift += 7) {
            if (shift >= 35) {
                throw corrupt("frame length too long");
            }
            byte b = source.readByte();
            n |= (b & 0x7F) << shift;
            if (b >= 0) {
                break;
            }
        }
        if (n < 0 || n > MAX_FRAME) {
            throw corrupt("frame length " + n);
        }
        if (buf.length < n) {
            buf = new byte[Math.max(n, buf.length * 2)];
        }
        source.readFully(buf, 0, n);
        pos = 0;
        len = n;
    }

    /** Checks that the frame was read to its end. */
    void finish() throws IOException {
        if (pos != len) {
            throw corrupt((len - pos) + " bytes left in a frame");
        }
    }

    private void need(int n) throws IOException {
        if (len - pos < n) {
            throw corrupt("frame ends early");
        }
    }

    byte getByte() throws IOException {
        need(1);
        return buf[pos++];
    }

    boolean getBoolean() throws IOException {
        byte b = getByte();
        if (b != 0 && b != 1) {
            throw corrupt("flag " + b);
        }
        return b == 1;
    }

    /** A code in [0, count). */
    int getCode(int count) throws IOException {
        int o = getByte();
        if (o < 0 || o >= count) {
            throw corrupt("code " + o);
        }
        return o;
    }

    long getLong() throws IOException {
        need(8);
        long v = (long) LONGS.get(buf, pos);
        pos += 8;
        return v;
    }

    double getDouble() throws IOException {
        return Double.longBitsToDouble(getLong());
    }

    double getCompactDouble() throws IOException {
        long h = 0;
        for (int shift = 0; ; shift += 7) {
            if (shift >= 49) {
                throw corrupt("variable-length number too long");
            }
            byte b = getByte();
            h |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                break;
            }
        }
        if (h == 1) {
            return getDouble();
        }
        if ((h & 1) != 0) {
            throw corrupt("number marker " + h);
        }
        long zz = h >>> 1;
        return (double) ((zz >>> 1) ^ -(zz & 1));
    }

    int getVarInt() throws IOException {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = getByte();
            v |= (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw corrupt("variable-length number too long");
    }

    int getInt() throws IOException {
        int v = getVarInt();
        return (v >>> 1) ^ -(v & 1);
    }

    /** A count of things that follow in this frame, each at least {@code minBytes} long. */
    int getCount(int minBytes) throws IOException {
        int n = getVarInt();
        if (n < 0 || (long) n * minBytes > len - pos) {
            throw corrupt("count " + n);
        }
        return n;
    }

    String getString() throws IOException {
        int n = getVarInt() - 1;
        if (n < 0) {
            if (n == -1) {
                return null;
            }
            throw corrupt("string length " + n);
        }
        need(n);
        int from = pos;
        int stop = from + n;
        pos = stop;
        boolean ascii = true;
        for (int i = from; i < stop; i++) {
            if (buf[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(buf, from, n, StandardCharsets.ISO_8859_1);
        }
        char[] chars = new char[n];
        int k = 0;
        int i = from;
        while (i < stop) {
            int b = buf[i++] & 0xFF;
            if (b < 0x80) {
                chars[k++] = (char) b;
            } else if ((b & 0xE0) == 0xC0 && i < stop) {
                chars[k++] = (char) (((b & 0x1F) << 6) | (buf[i++] & 0x3F));
            } else if ((b & 0xF0) == 0xE0 && i + 1 < stop) {
                chars[k++] = (char) (((b & 0x0F) << 12) | ((buf[i] & 0x3F) << 6) | (buf[i + 1] & 0x3F));
                i += 2;
            } else {
                throw corrupt("string bytes");
            }
        }
        return new String(chars, 0, k);
    }

    static IOException corrupt(String what) {
        return new IOException("temporary findings file is corrupt: " + what);
    }
}
