package org.beaconwatch.io.zeek;

import java.io.IOException;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.flow.Protocol;
import org.beaconwatch.io.MalformedRecordException;
import org.beaconwatch.io.spi.Bytes;
import org.beaconwatch.io.spi.FormatReader;
import org.beaconwatch.io.spi.LineSource;
import org.beaconwatch.io.spi.Problems;
import org.beaconwatch.io.spi.StringCache;
import org.beaconwatch.io.spi.UidHash;

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
 */
public final class ZeekTsvReader implements FormatReader {
    // column kinds
    static final byte SKIP = 0, TS = 1, UID = 2, ORIG_H = 3, ORIG_P = 4, RESP_H = 5, RESP_P = 6,
            PROTO = 7, SERVICE = 8, DURATION = 9, ORIG_BYTES = 10, RESP_BYTES = 11, CONN_STATE = 12,
            ORIG_PKTS = 13, ORIG_IP_BYTES = 14, RESP_PKTS = 15, RESP_IP_BYTES = 16, LABEL = 17, DETAILED = 18;

    private static final byte[] TCP = {'t', 'c', 'p'}, UDP = {'u', 'd', 'p'}, ICMP = {'i', 'c', 'm', 'p'};

    private final LineSource lines;
    private final Problems problems;
    private final StringCache cache = new StringCache();
    private final long[] addr = new long[2];
    private final long[] uidHash = new long[2];
    private final boolean uidText;
    private long read;

    private byte sep = '\t';
    private byte[] unset = {'-'};
    /**
     * Whether the unset marker reads as a number. It does not for Zeek's "-", so number columns
     * are parsed first and compared with the marker only when they do not parse (most values are
     * numbers: one comparison fewer per column); a marker like "0" is looked for first, as before.
     */
    private boolean unsetIsNumber;
    private byte[] empty = "(empty)".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private byte[] kinds;          // per #fields entry
    private String[] names;        // per #fields entry
    private boolean[] spaceSep;    // entry ends with a three-space separator (IoT-23)
    private int tabFields;         // expected tab-separated fields per row
    private boolean anySpaced;     // some entry ends with three spaces
    private int[] tabs = new int[0];
    private long sepWord = 0x0909090909090909L;
    private long directivesAfter = Long.MAX_VALUE;
    private java.util.List<byte[]> lateDirectives = java.util.List.of();
    /** Rows take {@link ZeekTsvFastRows} first: tab separator, one-row-per-line layout, unset marker not a number. */
    private boolean fast;
    private boolean generalOnly;
    private final ZeekTsvFastRows fastRows = new ZeekTsvFastRows(this);

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
        this.uidText = uidText;
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

    private static boolean changesMapping(byte[] a, int s, int e) {
        return startsWith(a, s, e, "#separator") || startsWith(a, s, e, "#fields") || startsWith(a, s, e, "#unset_field")
                || startsWith(a, s, e, "#empty_field");
    }

    private static boolean startsWith(byte[] a, int s, int e, String p) {
        if (e - s < p.length()) {
            return false;
        }
        for (int i = 0; i < p.length(); i++) {
            if (a[s + i] != p.charAt(i)) {
                return false;
            }
        }
        return true;
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
                if (ls.lineNo() > directivesAfter && changesMapping(a, s, e)) {
                    if (lateDirectives.isEmpty()) {
                        lateDirectives = new java.util.ArrayList<>();
                    }
                    lateDirectives.add(java.util.Arrays.copyOfRange(a, s, e));
                }
                header(a, s, e);
                continue;
            }
            if (kinds == null) {
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
        if (anySpaced) {
            return rowSpaced(batch, i, a, s, e);
        }
        final byte[] k = kinds;
        final int n = k.length;
        final int[] t = tabs;
        int nt = separators(a, s, e, t, sepWord);
        if (nt != n - 1) {
            return fieldCount(a, s, e);
        }
        int p = s;
        for (int c = 0; c < n; c++) {
            int q = c < n - 1 ? t[c] : e;
            byte kind = k[c];
            if (kind != SKIP) {
                String why = field(batch, i, kind, c, a, p, q);
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
        final byte[] k = kinds;
        final int n = k.length;
        final byte sp = sep;
        int p = s;
        for (int c = 0; c < n; c++) {
            int q = p;
            int next;
            if (spaceSep[c]) {
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
            if (kind != SKIP) {
                String why = field(batch, i, kind, c, a, p, q);
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
            if (a[j] == sep) {
                count++;
            }
        }
        if (count == tabFields) { // right tab count: the three-space part is off
            return "expected 3 values separated by three spaces in the last field";
        }
        return "expected " + tabFields + " tab-separated fields, found " + count;
    }

    boolean isUnset(byte[] a, int p, int q) {
        byte[] u = unset;
        return q - p == u.length && (u.length == 1 ? a[p] == u[0] : Bytes.equals(a, p, q, u));
    }

    boolean isEmptyValue(byte[] a, int p, int q) {
        return q == p || Bytes.equals(a, p, q, empty);
    }

    String field(FlowBatch b, int i, byte kind, int c, byte[] a, int p, int q) {
        switch (kind) {
            case TS -> {
                long v = Bytes.parseMicros(a, p, q);
                if (v == Bytes.BAD) {
                    return isUnset(a, p, q) ? "missing ts" : bad("timestamp", c, a, p, q);
                }
                b.ts[i] = v;
                return null;
            }
            case UID -> {
                if (!isUnset(a, p, q) && !isEmptyValue(a, p, q)) {
                    uid(b, i, a, p, q);
                }
                return null;
            }
            case ORIG_H, RESP_H -> {
                long v4 = q - p >= 7 && q - p <= 15 ? parseV4(a, p, q) : -1;
                if (v4 >= 0) {
                    addr[0] = 0;
                    addr[1] = IpAddress.v4Lo((int) v4);
                } else if (isUnset(a, p, q)) {
                    return null;
                } else if (!IpAddress.parse(a, p, q, addr)) {
                    return bad("address", c, a, p, q);
                }
                if (kind == ORIG_H) {
                    b.srcHi[i] = addr[0];
                    b.srcLo[i] = addr[1];
                } else {
                    b.dstHi[i] = addr[0];
                    b.dstLo[i] = addr[1];
                }
                return null;
            }
            case ORIG_P, RESP_P -> {
                if (unsetIsNumber && isUnset(a, p, q)) {
                    return null;
                }
                long v = Bytes.parseLong(a, p, q);
                if (v == Bytes.BAD && isUnset(a, p, q)) {
                    return null;
                }
                if (v < 0 || v > 65535) {
                    return bad("port", c, a, p, q);
                }
                if (kind == ORIG_P) {
                    b.srcPort[i] = (int) v;
                } else {
                    b.dstPort[i] = (int) v;
                }
                return null;
            }
            case PROTO -> {
                b.proto[i] = proto(a, p, q);
                return null;
            }
            case DURATION -> {
                if (unsetIsNumber && isUnset(a, p, q)) {
                    return null;
                }
                long v = Bytes.parseMicros(a, p, q);
                if (v == Bytes.BAD && (q == p || isUnset(a, p, q))) {
                    return null;
                }
                if (v == Bytes.BAD || v < 0) {
                    return bad("number", c, a, p, q);
                }
                b.duration[i] = v;
                return null;
            }
            case ORIG_BYTES, RESP_BYTES, ORIG_PKTS, ORIG_IP_BYTES, RESP_PKTS, RESP_IP_BYTES -> {
                if (unsetIsNumber && isUnset(a, p, q)) {
                    return null;
                }
                long v = Bytes.parseLong(a, p, q);
                if (v == Bytes.BAD) {
                    return q == p || isUnset(a, p, q) ? null : bad("number", c, a, p, q);
                }
                long[] col = kind == ORIG_BYTES ? b.origBytes : kind == RESP_BYTES ? b.respBytes
                        : kind == ORIG_PKTS ? b.origPkts : kind == RESP_PKTS ? b.respPkts
                        : kind == ORIG_IP_BYTES ? b.origIpBytes : b.respIpBytes;
                col[i] = v;
                return null;
            }
            default -> {
                // strings
                if (isUnset(a, p, q) || isEmptyValue(a, p, q)) {
                    return null;
                }
                String v = text(a, p, q, true);
                switch (kind) {
                    case SERVICE: b.service[i] = v; break;
                    case CONN_STATE: b.connState[i] = v; break;
                    case LABEL: b.label[i] = v; break;
                    case DETAILED: b.detailedLabel[i] = v; break;
                    default: break;
                }
                return null;
            }
        }
    }

    /** Dotted quad to its 32-bit value, or -1 (then the general parser decides). */
    static long parseV4(byte[] a, int p, int q) {
        long v = 0;
        int part = 0, dig = 0, dots = 0;
        for (int j = p; j < q; j++) {
            int d = a[j] - '0';
            if (d >= 0 && d <= 9) {
                part = part * 10 + d;
                if (++dig > 3) {
                    return -1;
                }
            } else if (a[j] == '.' && dig > 0 && part <= 255 && dots < 3) {
                v = (v << 8) | part;
                part = 0;
                dig = 0;
                dots++;
            } else {
                return -1;
            }
        }
        return dots == 3 && dig > 0 && part <= 255 ? (v << 8) | part : -1;
    }

    private String bad(String what, int c, byte[] a, int p, int q) {
        return "bad " + what + " in " + names[c] + ": '" + Bytes.shown(a, p, q) + "'";
    }

    byte proto(byte[] a, int p, int q) {
        if (Bytes.equals(a, p, q, TCP)) {
            return Protocol.TCP.code();
        }
        if (Bytes.equals(a, p, q, UDP)) {
            return Protocol.UDP.code();
        }
        if (Bytes.equals(a, p, q, ICMP)) {
            return Protocol.ICMP.code();
        }
        if (isUnset(a, p, q)) {
            return Protocol.UNKNOWN.code();
        }
        return Protocol.parse(Bytes.str(a, p, q)).code();
    }

    /**
     * The uid's hash into the batch, and its text when asked. Plain ASCII (every Zeek uid) is
     * hashed from the bytes, which equal the text's UTF-8; anything else through its decoded text,
     * so a uid hashes alike whichever reader read it.
     */
    void uid(FlowBatch b, int i, byte[] a, int p, int q) {
        if (plainAscii(a, p, q)) {
            UidHash.of(a, p, q, uidHash);
            if (uidText) {
                b.uid[i] = new String(a, p, q - p, java.nio.charset.StandardCharsets.ISO_8859_1);
            }
        } else {
            String v = text(a, p, q, false);
            UidHash.of(v, uidHash);
            if (uidText) {
                b.uid[i] = v;
            }
        }
        b.uidHi[i] = uidHash[0];
        b.uidLo[i] = uidHash[1];
    }

    private static final long HIGHS = 0x8080808080808080L, BACKSLASHES = 0x5c5c5c5c5c5c5c5cL;

    /** True when a[p, q) has no byte >= 0x80 and no backslash (its text is the same bytes). */
    private static boolean plainAscii(byte[] a, int p, int q) {
        int j = p;
        for (; j + 8 <= q; j += 8) {
            long w = (long) LONGS.get(a, j);
            long x = w ^ BACKSLASHES;
            if ((w & HIGHS) != 0 || ~(((x & LOW7) + LOW7) | x | LOW7) != 0) {
                return false;
            }
        }
        for (; j < q; j++) {
            if (a[j] < 0 || a[j] == '\\') {
                return false;
            }
        }
        return true;
    }

    /** A string field, unescaping Zeek's \xHH escapes; interned when asked. */
    String text(byte[] a, int p, int q, boolean intern) {
        if (intern) {
            String v = cache.internUnlessBackslash(a, p, q);
            return v != null ? v : ZeekEscapes.unescape(a, p, q);
        }
        boolean ascii = true;
        for (int j = p; j < q; j++) {
            byte ch = a[j];
            if (ch == '\\') {
                return ZeekEscapes.unescape(a, p, q);
            }
            ascii &= ch >= 0;
        }
        return new String(a, p, q - p, ascii ? java.nio.charset.StandardCharsets.ISO_8859_1
                : java.nio.charset.StandardCharsets.UTF_8);
    }

    private void header(byte[] a, int s, int e) throws MalformedRecordException {
        headerLine(a, s, e);
        fast = !generalOnly && kinds != null && sep == TabScanner.TAB && !anySpaced && !unsetIsNumber;
        fastRows.layout(fast ? kinds : new byte[0]); // markers may have changed: forget remembered strings
    }

    private void headerLine(byte[] a, int s, int e) throws MalformedRecordException {
        String line = Bytes.str(a, s, e);
        if (line.startsWith("#separator")) {
            String v = line.substring("#separator".length()).trim();
            String un = ZeekEscapes.unescape(v);
            if (un.length() != 1) {
                throw new MalformedRecordException(problems.file(), lines.lineNo(),
                        "unsupported #separator '" + Bytes.abbreviate(v) + "' (one character expected)");
            }
            sep = (byte) un.charAt(0);
            sepWord = (sep & 0xffL) * 0x0101010101010101L;
            kinds = null; // a new header block starts
            return;
        }
        int tab = line.indexOf((char) (sep & 0xff));
        if (tab < 0) {
            return; // comment
        }
        String key = line.substring(0, tab);
        String value = line.substring(tab + 1);
        switch (key) {
            case "#unset_field" -> {
                unset = ZeekEscapes.unescape(value).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                unsetIsNumber = Bytes.parseLong(unset, 0, unset.length) != Bytes.BAD
                        || Bytes.parseMicros(unset, 0, unset.length) != Bytes.BAD;
            }
            case "#empty_field" ->
                    empty = ZeekEscapes.unescape(value).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            case "#fields" -> fields(value);
            default -> {
                // #set_separator, #path, #open, #close, #types: nothing to do for conn
            }
        }
    }

    private void fields(String value) throws MalformedRecordException {
        String sepStr = String.valueOf((char) (sep & 0xff));
        String[] tabParts = value.split(java.util.regex.Pattern.quote(sepStr), -1);
        java.util.List<String> ns = new java.util.ArrayList<>();
        java.util.List<Boolean> spaced = new java.util.ArrayList<>();
        for (String t : tabParts) {
            String[] sub = t.split(" {3}", -1);
            for (int j = 0; j < sub.length; j++) {
                ns.add(sub[j].trim());
                spaced.add(j < sub.length - 1);
            }
        }
        int n = ns.size();
        names = ns.toArray(new String[0]);
        kinds = new byte[n];
        spaceSep = new boolean[n];
        for (int c = 0; c < n; c++) {
            kinds[c] = kindOf(names[c]);
            spaceSep[c] = spaced.get(c);
        }
        tabFields = tabParts.length;
        tabs = new int[tabFields - 1];
        anySpaced = spaced.contains(true);
        requireColumn(TS, "ts", "start time");
        requireColumn(ORIG_H, "id.orig_h", "source address");
    }

    /** A #fields line without a column every connection needs: the file is not a connection log. */
    private void requireColumn(byte kind, String name, String what) throws MalformedRecordException {
        for (byte k : kinds) {
            if (k == kind) {
                return;
            }
        }
        throw new MalformedRecordException(problems.file(), lines.lineNo(),
                "no " + name + " column (" + what + ") in #fields: not a connection log");
    }

    static byte kindOf(String name) {
        return switch (name) {
            case "ts" -> TS;
            case "uid" -> UID;
            case "id.orig_h" -> ORIG_H;
            case "id.orig_p" -> ORIG_P;
            case "id.resp_h" -> RESP_H;
            case "id.resp_p" -> RESP_P;
            case "proto" -> PROTO;
            case "service" -> SERVICE;
            case "duration" -> DURATION;
            case "orig_bytes" -> ORIG_BYTES;
            case "resp_bytes" -> RESP_BYTES;
            case "conn_state" -> CONN_STATE;
            case "orig_pkts" -> ORIG_PKTS;
            case "orig_ip_bytes" -> ORIG_IP_BYTES;
            case "resp_pkts" -> RESP_PKTS;
            case "resp_ip_bytes" -> RESP_IP_BYTES;
            case "label" -> LABEL;
            case "detailedlabel", "detailed-label", "detailed_label" -> DETAILED;
            default -> SKIP;
        };
    }
}
