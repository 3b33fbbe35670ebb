package org.beaconwatch.io.zeek;

import java.io.IOException;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.io.MalformedRecordException;
import org.beaconwatch.io.spi.FormatReader;
import org.beaconwatch.io.spi.LineSource;
import org.beaconwatch.io.spi.Problems;

/**
 * Fast reader of Zeek conn.log TSV, including Stratosphere's labelled variants.
 *
 * <p>Header directives are honoured wherever they appear ({@code #separator} with {@code \x09}
 * escapes, {@code #set_separator}, {@code #empty_field}, {@code #unset_field}, {@code #fields},
 * {@code #types}); a new {@code #fields} line changes the column mapping, so several header blocks
 * (concatenated logs) read correctly. A {@code #fields} entry that itself holds names separated by
 * three spaces (IoT-23: {@code tunnel_parents   label   detailed-label}) makes the matching row
 * field split on three spaces too.
 *
 * <p>The parser scans bytes of one big buffer (see {@link LineSource}), parses numbers and
 * addresses from the bytes, and interns repeated short strings; rows of the common form take the
 * one-pass {@link ZeekTsvFastRows}. ZeekTsvReaderBenchmark and ReaderCpuTimeBenchmark measure it.
 *
 * <p>This class reads lines and splits rows into fields; {@link ZeekTsvHeader} applies the header
 * lines and {@link ZeekFieldDecoder} decodes each field's value.
 */
public final class ZeekTsvReader implements FormatReader {
    private final LineSource lines;
    private final Problems problems;
    private final ZeekFieldDecoder decoder;
    private final ZeekTsvHeader header;
    private long read;

    private long directivesAfter = Long.MAX_VALUE;
    private java.util.List<byte[]> lateDirectives = java.util.List.of();
    /** Rows take {@link ZeekTsvFastRows} first: tab separator, one-row-per-line layout, unset marker not a number. */
    private boolean fast;
    private boolean generalOnly;
    private final ZeekTsvFastRows fastRows;

    /**
     * @param lines    the file's lines
     * @param problems error bookkeeping for the file
     */
    public ZeekTsvReader(LineSource lines, Problems problems) {
        this(lines, problems, true);
    }

    /**
     * @param lines    the file's lines
     * @param problems error bookkeeping for the file
     * @param uidText  whether rows get the uid as text too (the uid's hash they always get)
     */
    public ZeekTsvReader(LineSource lines, Problems problems, boolean uidText) {
        this.lines = lines;
        this.problems = problems;
        this.decoder = new ZeekFieldDecoder(uidText);
        this.header = new ZeekTsvHeader(decoder);
        this.fastRows = new ZeekTsvFastRows(decoder);
    }

    /** Every row through the general path: the reference the fast path is tested against. */
    void generalPathOnly() {
        generalOnly = true;
        fast = false;
    }

    /**
     * Keeps the header lines that change how rows are read (separator, unset and empty markers,
     * fields) found after line {@code line}: a worker parsing one byte range of a file with the
     * file's first header block before it reports them, as the ranges after it were parsed with
     * the first header and must be read again.
     */
    public void recordDirectivesAfter(long line) {
        directivesAfter = line;
    }

    /** Header lines changing the row layout seen after the line given to {@link #recordDirectivesAfter}. */
    public java.util.List<byte[]> lateDirectives() {
        return lateDirectives;
    }

    @Override
    public long recordsRead() {
        return read;
    }

    @Override
    public Problems problems() {
        return problems;
    }

    @Override
    public void close() {
    }

    @Override
    public boolean fill(FlowBatch batch) throws IOException {
        LineSource ls = lines;
        while (!batch.isFull()) {
            if (!ls.nextLine(problems)) {
                return false;
            }
            byte[] a = ls.buf();
            int s = ls.start, e = ls.end;
            if (s == e) {
                continue;
            }
            if (a[s] == '#') {
                if (ls.lineNo() > directivesAfter && ZeekTsvHeader.changesMapping(a, s, e)) {
                    if (lateDirectives.isEmpty()) {
                        lateDirectives = new java.util.ArrayList<>();
                    }
                    lateDirectives.add(java.util.Arrays.copyOfRange(a, s, e));
                }
                applyHeader(a, s, e);
                continue;
            }
            if (header.kinds == null) {
                throw new MalformedRecordException(problems.file(), ls.lineNo(), "Zeek log without #fields line");
            }
            int i = batch.add();
            String why = row(batch, i, a, s, e);
            if (why != null) {
                batch.removeLast();
                problems.malformed(ls.lineNo(), why);
            } else {
                batch.line[i] = ls.lineNo();
                read++;
            }
        }
        return true;
    }

    /**
     * Parses one data row into batch row i; returns null or the reason it is malformed. Rows of
     * the common form go through {@link ZeekTsvFastRows} (one pass, fields parsed up to the tab
     * they stop at; ReaderCpuTimeBenchmark: about 1.3x the records per CPU-second of the general
     * path); when it declines, the row starts afresh and the general path decides.
     */
    private String row(FlowBatch batch, int i, byte[] a, int s, int e) {
        if (fast) {
            if (fastRows.row(batch, i, a, s, e)) {
                return null;
            }
            batch.removeLast(); // start the row afresh: the general path decides
            batch.add();
        }
        return rowGeneral(batch, i, a, s, e);
    }

    /**
     * The general row parser: any separator, any markers, the IoT-23 three-space variant. One
     * word-at-a-time pass finds every separator of the line (8 bytes per step, exact "which bytes
     * equal the separator" mask), then only the wanted columns are parsed between known bounds.
     * The three-space variant takes the plain byte loop ({@link #rowSpaced}).
     */
    private String rowGeneral(FlowBatch batch, int i, byte[] a, int s, int e) {
        final ZeekTsvHeader h = header;
        if (h.anySpaced) {
            return rowSpaced(batch, i, a, s, e);
        }
        final ZeekFieldDecoder d = decoder;
        final byte[] k = h.kinds;
        final int n = k.length;
        final int[] t = h.tabs;
        int nt = separators(a, s, e, t, h.sepWord);
        if (nt != n - 1) {
            return fieldCount(a, s, e);
        }
        int p = s;
        for (int c = 0; c < n; c++) {
            int q = c < n - 1 ? t[c] : e;
            byte kind = k[c];
            if (kind != ZeekColumns.SKIP) {
                String why = d.field(batch, i, kind, c, a, p, q);
                if (why != null) {
                    return why;
                }
            }
            p = q + 1;
        }
        return null;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;

    /**
     * Positions of the separator byte in a[s, e) into t (at most t.length; returns t.length + 1
     * when there are more). Mask per word: high bit set exactly in bytes equal to the separator.
     */
    private static int separators(byte[] a, int s, int e, int[] t, long sepWord) {
        int n = 0, cap = t.length;
        int i = s;
        while (i + 8 <= e) {
            long x = (long) LONGS.get(a, i) ^ sepWord;
            long m = ~(((x & LOW7) + LOW7) | x | LOW7);
            while (m != 0) {
                if (n == cap) {
                    return cap + 1;
                }
                t[n++] = i + (Long.numberOfTrailingZeros(m) >>> 3);
                m &= m - 1;
            }
            i += 8;
        }
        byte sp = (byte) sepWord;
        for (; i < e; i++) {
            if (a[i] == sp) {
                if (n == cap) {
                    return cap + 1;
                }
                t[n++] = i;
            }
        }
        return n;
    }

    /** Row parsing for headers with three-space separated entries (IoT-23). */
    private String rowSpaced(FlowBatch batch, int i, byte[] a, int s, int e) {
        final ZeekTsvHeader h = header;
        final ZeekFieldDecoder d = decoder;
        final byte[] k = h.kinds;
        final boolean[] spaced = h.spaceSep;
        final int n = k.length;
        final byte sp = h.sep;
        int p = s;
        for (int c = 0; c < n; c++) {
            int q = p;
            int next;
            if (spaced[c]) {
                while (q < e && a[q] != sp && !(a[q] == ' ' && q + 2 < e && a[q + 1] == ' ' && a[q + 2] == ' ')) {
                    q++;
                }
                next = q < e && a[q] == sp ? q + 1 : q + 3;
            } else {
                while (q < e && a[q] != sp) {
                    q++;
                }
                next = q + 1;
            }
            if ((q == e) != (c == n - 1)) {
                return fieldCount(a, s, e);
            }
            byte kind = k[c];
            if (kind != ZeekColumns.SKIP) {
                String why = d.field(batch, i, kind, c, a, p, q);
                if (why != null) {
                    return why;
                }
            }
            p = next;
        }
        return null;
    }

    private String fieldCount(byte[] a, int s, int e) {
        int count = 1;
        for (int j = s; j < e; j++) {
            if (a[j] == header.sep) {
                count++;
            }
        }
        if (count == header.tabFields) { // right tab count: the three-space part is off
            return "expected 3 values separated by three spaces in the last field";
        }
        return "expected " + header.tabFields + " tab-separated fields, found " + count;
    }

    /** Applies header line a[s, e) and chooses the row path for the rows after it. */
    private void applyHeader(byte[] a, int s, int e) throws MalformedRecordException {
        ZeekTsvHeader h = header;
        h.line(a, s, e, problems.file(), lines.lineNo());
        fast = !generalOnly && h.kinds != null && h.sep == TabScanner.TAB && !h.anySpaced && !decoder.unsetIsNumber();
        fastRows.layout(fast ? h.kinds : new byte[0]); // markers may have changed: forget remembered strings
    }
}
