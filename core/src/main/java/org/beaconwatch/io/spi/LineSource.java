package org.beaconwatch.io.spi;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without copying: after {@link #next()} the current line is
 * {@code buf[start, end)} (no '\n', no trailing '\r'), numbered {@link #lineNo()} from 1.
 *
 * <p>Lines longer than {@code maxLineBytes} are skipped up to their newline and reported by
 * {@link #tooLong()} (start == end for them). A compressed stream that ends early (truncated gzip
 * or zstd) ends the lines: the partial last line is dropped and {@link #truncation()} says why.
 * Justified by ZeekTsvReaderBenchmark: one big buffer and a plain byte scan beat BufferedReader
 * (which decodes to chars and allocates a String per line) several times over.
 */
public final class LineSource {
    private static final int CHUNK = 1 << 18;

    private final InputStream in;
    private final int maxLineBytes;
    private final String compression;
    private byte[] b;
    private int pos;      // start of unconsumed data
    private int limit;    // end of valid data
    private boolean eof;
    private String truncation;
    private long lineNo;
    private boolean tooLong;

    /** The current line's bytes are {@code buf()[start, end)}. */
    public int start;
    /** End (exclusive) of the current line. */
    public int end;

    /**
     * @param in           the (already decompressed) stream; closed by the caller
     * @param maxLineBytes longest accepted line
     * @param compression  "gzip", "zstd" or null: names the stream in truncation messages
     */
    public LineSource(InputStream in, int maxLineBytes, String compression) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.compression = compression;
        this.b = new byte[Math.max(CHUNK, Math.min(maxLineBytes, CHUNK * 4)) + CHUNK];
    }

    /** The buffer holding the current line. Changes between calls to {@link #next()}. */
    public byte[] buf() {
        return b;
    }

    /** 1-based number of the current line. */
    public long lineNo() {
        return lineNo;
    }

    /** True when the current line was longer than the limit (its bytes are not available). */
    public boolean tooLong() {
        return tooLong;
    }

    /** The malformed-record reason for an over-long line: "line longer than 1 MiB". */
    public String tooLongReason() {
        return "line longer than " + sizeText(maxLineBytes);
    }

    /** "1 MiB", "64 KiB" or "1000 bytes". */
    static String sizeText(int bytes) {
        if (bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes % (1 << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }

    /** Why the stream ended early, or null. */
    public String truncation() {
        return truncation;
    }

    /** Advances to the next line; false at the end of the stream. */
    /**
     * Advances to the next line a reader can parse: over-long lines are reported to
     * {@code problems} as malformed and skipped, and a stream that ended early is reported as
     * truncated. The one place every line-based reader handles both.
     *
     * @return false at the end of the input
     */
    public boolean nextLine(Problems problems) throws IOException {
        while (next()) {
            if (!tooLong) {
                return true;
            }
            problems.malformed(lineNo, tooLongReason());
        }
        if (truncation != null) {
            problems.truncated(lineNo, truncation);
        }
        return false;
    }

    public boolean next() throws IOException {
        tooLong = false;
        int scan = pos;
        while (true) {
            byte[] a = b;
            int lim = limit;
            int i = indexOfNewline(a, scan, lim);
            if (i < lim) { // found newline
                lineNo++;
                start = pos;
                int e = i;
                if (e > start && a[e - 1] == '\r') {
                    e--;
                }
                end = e;
                pos = i + 1;
                if (end - start > maxLineBytes) {
                    tooLong = true;
                    end = start;
                }
                return true;
            }
            scan = lim;
            if (eof) {
                if (pos < limit) { // last line without newline
                    lineNo++;
                    start = pos;
                    end = limit;
                    if (end > start && a[end - 1] == '\r') {
                        end--;
                    }
                    pos = limit;
                    if (end - start > maxLineBytes) {
                        tooLong = true;
                        end = start;
                    }
                    return true;
                }
                return false;
            }
            if (limit - pos > maxLineBytes) {
                skipLongLine();
                return true;
            }
            int consumed = pos;
            fill();
            scan = Math.min(scan - consumed, limit);
        }
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L, HIGHS = 0x8080808080808080L, NLS = 0x0a0a0a0a0a0a0a0aL;

    /**
     * First '\n' in a[from, to), or to. Looks at 8 bytes per step (the classic "has zero byte"
     * trick on word ^ 0x0a0a...); ZeekTsvReaderBenchmark showed the byte loop as a hot spot.
     */
    static int indexOfNewline(byte[] a, int from, int to) {
        int i = from;
        while (i + 8 <= to) {
            long x = (long) LONGS.get(a, i) ^ NLS;
            long t = (x - ONES) & ~x & HIGHS;
            if (t != 0) {
                return i + (Long.numberOfTrailingZeros(t) >>> 3);
            }
            i += 8;
        }
        while (i < to && a[i] != '\n') {
            i++;
        }
        return i;
    }

    /** Reads more data, compacting or growing the buffer; sets eof when the stream ended. */
    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(b, pos, b, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (b.length - limit < CHUNK / 2) {
            b = Arrays.copyOf(b, b.length * 2);
        }
        int n = read(b, limit, b.length - limit);
        if (n < 0) {
            eof = true;
            if (truncation != null && limit > pos) {
                limit = pos; // drop the partial last line of a truncated stream
            }
            return;
        }
        limit += n;
    }

    private int read(byte[] a, int off, int len) throws IOException {
        if (truncation != null) {
            return -1;
        }
        try {
            int total = 0;
            while (total < len) { // decompressors return small pieces; gather a chunk
                int n = in.read(a, off + total, len - total);
                if (n < 0) {
                    return total == 0 ? -1 : total;
                }
                total += n;
                if (total >= CHUNK / 4) {
                    break;
                }
            }
            return total;
        } catch (EOFException e) {
            truncation = "truncated " + (compression == null ? "" : compression + " ") + "stream";
            return -1;
        } catch (IOException e) {
            if (compression == null) {
                throw e;
            }
            truncation = "corrupt or truncated " + compression + " stream";
            return -1;
        }
    }

    /** Discards the over-long line at pos up to and including its newline. */
    private void skipLongLine() throws IOException {
        lineNo++;
        tooLong = true;
        while (true) {
            for (int i = pos; i < limit; i++) {
                if (b[i] == '\n') {
                    pos = i + 1;
                    start = end = pos;
                    return;
                }
            }
            pos = limit;
            if (eof) {
                start = end = pos;
                return;
            }
            fill();
        }
    }
}
