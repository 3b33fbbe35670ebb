package org.beaconwatch.io.zeek;

import static org.beaconwatch.io.zeek.ZeekColumns.CONN_STATE;
import static org.beaconwatch.io.zeek.ZeekColumns.DURATION;
import static org.beaconwatch.io.zeek.ZeekColumns.LABEL;
import static org.beaconwatch.io.zeek.ZeekColumns.ORIG_BYTES;
import static org.beaconwatch.io.zeek.ZeekColumns.ORIG_H;
import static org.beaconwatch.io.zeek.ZeekColumns.ORIG_IP_BYTES;
import static org.beaconwatch.io.zeek.ZeekColumns.ORIG_P;
import static org.beaconwatch.io.zeek.ZeekColumns.ORIG_PKTS;
import static org.beaconwatch.io.zeek.ZeekColumns.PROTO;
import static org.beaconwatch.io.zeek.ZeekColumns.RESP_BYTES;
import static org.beaconwatch.io.zeek.ZeekColumns.RESP_H;
import static org.beaconwatch.io.zeek.ZeekColumns.RESP_IP_BYTES;
import static org.beaconwatch.io.zeek.ZeekColumns.RESP_P;
import static org.beaconwatch.io.zeek.ZeekColumns.RESP_PKTS;
import static org.beaconwatch.io.zeek.ZeekColumns.SERVICE;
import static org.beaconwatch.io.zeek.ZeekColumns.SKIP;
import static org.beaconwatch.io.zeek.ZeekColumns.TS;
import static org.beaconwatch.io.zeek.ZeekColumns.UID;

import java.util.Arrays;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.flow.Protocol;

/**
 * {@link ZeekTsvReader}'s fast path for the common form of a row (tab separator, a unset marker
 * that is not a number, one row per line): one pass over the row's bytes, each wanted field
 * parsed from its first byte up to the tab it stops at ({@link TabScanner}: digit runs a word at
 * a time), skipped fields crossed eight bytes per step, short strings (proto, service,
 * conn_state) recognised by one word compared with the column's values seen before. Zeek's own
 * column order (the first 20 columns of every conn.log since Zeek 2) is read by straight-line
 * code with no per-column dispatch; other orders by a loop over the columns.
 *
 * <p>A field of another form (unset, empty, IPv6, escapes, long numbers) is parsed by the
 * general {@link ZeekFieldDecoder#field}; any problem (a bad value, too few or too many fields) makes
 * {@link #row} return false and the reader reads the whole row again the general way, so
 * messages and results are exactly the general path's (ZeekTsvFastPathTest compares both).
 */
final class ZeekTsvFastRows {
    /** Kinds of Zeek's conn.log columns ts .. resp_ip_bytes, in Zeek's order. */
    private static final byte[] ZEEK_ORDER = {TS, UID, ORIG_H, ORIG_P, RESP_H, RESP_P, PROTO, SERVICE, DURATION,
        ORIG_BYTES, RESP_BYTES, CONN_STATE, SKIP, SKIP, SKIP, SKIP, ORIG_PKTS, ORIG_IP_BYTES, RESP_PKTS,
        RESP_IP_BYTES};
    private static final long TCP_WORD = 't' | 'c' << 8 | 'p' << 16, UDP_WORD = 'u' | 'd' << 8 | 'p' << 16;

    private final ZeekFieldDecoder decoder;
    private final TabScanner sc = new TabScanner();
    private byte[] kinds = new byte[0];
    private boolean zeekOrder;
    /** Short string values remembered per column: {@code 1 << SEEN_BITS}, one slot per hash of the bytes. */
    private static final int SEEN_BITS = 4;
    // per column and slot: a short string value's bytes (length + 1, 0 = none) and its result
    private int[] seenLen = new int[0];
    private long[] seenKey = new long[0];
    private String[] seenValue = new String[0];

    ZeekTsvFastRows(ZeekFieldDecoder decoder) {
        this.decoder = decoder;
    }

    /** A new column layout (or new markers): forgets the remembered strings. */
    void layout(byte[] columnKinds) {
        kinds = columnKinds.clone();
        int n = kinds.length;
        zeekOrder = n > ZEEK_ORDER.length
                && Arrays.equals(kinds, 0, ZEEK_ORDER.length, ZEEK_ORDER, 0, ZEEK_ORDER.length);
        seenLen = new int[n << SEEN_BITS];
        seenKey = new long[n << SEEN_BITS];
        seenValue = new String[n << SEEN_BITS];
    }

    /** Parses row {@code a[s, e)} into batch row i; false when the general path must decide. */
    boolean row(FlowBatch b, int i, byte[] a, int s, int e) {
        if (!zeekOrder) {
            return columns(b, i, a, s, e, 0);
        }
        int q;
        if ((q = time(b, i, TS, 0, a, s, e, false)) < 0
                || (q = other(b, i, UID, 1, a, q + 1, e, false)) < 0
                || (q = address(b, i, ORIG_H, 2, a, q + 1, e, false)) < 0
                || (q = port(b, i, ORIG_P, 3, a, q + 1, e, false)) < 0
                || (q = address(b, i, RESP_H, 4, a, q + 1, e, false)) < 0
                || (q = port(b, i, RESP_P, 5, a, q + 1, e, false)) < 0
                || (q = string(b, i, PROTO, 6, a, q + 1, e, false)) < 0
                || (q = string(b, i, SERVICE, 7, a, q + 1, e, false)) < 0
                || (q = time(b, i, DURATION, 8, a, q + 1, e, false)) < 0
                || (q = count(b, i, ORIG_BYTES, 9, a, q + 1, e, false)) < 0
                || (q = count(b, i, RESP_BYTES, 10, a, q + 1, e, false)) < 0
                || (q = string(b, i, CONN_STATE, 11, a, q + 1, e, false)) < 0
                || (q = TabScanner.nthTab(a, q + 1, e, 4)) < 0 // local_orig, local_resp, missed_bytes, history: skipped
                || (q = count(b, i, ORIG_PKTS, 16, a, q + 1, e, false)) < 0
                || (q = count(b, i, ORIG_IP_BYTES, 17, a, q + 1, e, false)) < 0
                || (q = count(b, i, RESP_PKTS, 18, a, q + 1, e, false)) < 0
                || (q = count(b, i, RESP_IP_BYTES, 19, a, q + 1, e, false)) < 0) {
            return false;
        }
        return columns(b, i, a, q + 1, e, ZEEK_ORDER.length);
    }

    /** Columns {@code from} onwards of a row, the next starting at p. */
    private boolean columns(FlowBatch b, int i, byte[] a, int p, int e, int from) {
        final byte[] k = kinds;
        final int n = k.length;
        int at = p;
        for (int c = from; c < n; c++) {
            final boolean last = c == n - 1;
            final byte kind = k[c];
            int q = switch (kind) {
                case TS, DURATION -> time(b, i, kind, c, a, at, e, last);
                case ORIG_H, RESP_H -> address(b, i, kind, c, a, at, e, last);
                case ORIG_P, RESP_P -> port(b, i, kind, c, a, at, e, last);
                case ORIG_BYTES, RESP_BYTES, ORIG_PKTS, ORIG_IP_BYTES, RESP_PKTS, RESP_IP_BYTES ->
                        count(b, i, kind, c, a, at, e, last);
                case PROTO, SERVICE, CONN_STATE, LABEL, ZeekColumns.DETAILED -> string(b, i, kind, c, a, at, e, last);
                default -> other(b, i, kind, c, a, at, e, last); // uid, skipped columns
            };
            if (q < 0) {
                return false;
            }
            at = q + 1;
        }
        return true;
    }

    /** Whether a field scanned up to q ends there: at a tab, or at the line's end for the last field. */
    private static boolean ends(byte[] a, int q, int e, boolean last) {
        return last ? q == e : q < e && a[q] == TabScanner.TAB;
    }

    private int time(FlowBatch b, int i, byte kind, int c, byte[] a, int p, int e, boolean last) {
        int q = sc.micros(a, p, e);
        if (q < 0 || !ends(a, q, e, last)) {
            return other(b, i, kind, c, a, p, e, last);
        }
        (kind == TS ? b.ts : b.duration)[i] = sc.value;
        return q;
    }

    private int address(FlowBatch b, int i, byte kind, int c, byte[] a, int p, int e, boolean last) {
        int q = sc.v4(a, p, e);
        if (q < 0 || !ends(a, q, e, last)) {
            return other(b, i, kind, c, a, p, e, last);
        }
        long lo = IpAddress.v4Lo((int) sc.value);
        if (kind == ORIG_H) {
            b.srcHi[i] = 0;
            b.srcLo[i] = lo;
        } else {
            b.dstHi[i] = 0;
            b.dstLo[i] = lo;
        }
        return q;
    }

    private int port(FlowBatch b, int i, byte kind, int c, byte[] a, int p, int e, boolean last) {
        int q = sc.count(a, p, e);
        if (q < 0 || sc.value > 65535 || !ends(a, q, e, last)) {
            return other(b, i, kind, c, a, p, e, last);
        }
        (kind == ORIG_P ? b.srcPort : b.dstPort)[i] = (int) sc.value;
        return q;
    }

    private int count(FlowBatch b, int i, byte kind, int c, byte[] a, int p, int e, boolean last) {
        int q = sc.count(a, p, e);
        if (q < 0 || !ends(a, q, e, last)) {
            return other(b, i, kind, c, a, p, e, last);
        }
        long[] col = kind == ORIG_BYTES ? b.origBytes : kind == RESP_BYTES ? b.respBytes
                : kind == ORIG_PKTS ? b.origPkts : kind == RESP_PKTS ? b.respPkts
                : kind == ORIG_IP_BYTES ? b.origIpBytes : b.respIpBytes;
        col[i] = sc.value;
        return q;
    }

    /**
     * A string column: a value of under 8 bytes ending at a tab is looked up by its bytes as one
     * word ({@link #short8}); anything else the general way.
     */
    private int string(FlowBatch b, int i, byte kind, int c, byte[] a, int p, int e, boolean last) {
        if (!last && p <= a.length - 8) {
            long w = TabScanner.word(a, p);
            int len = Long.numberOfTrailingZeros(TabScanner.tabMask(w)) >>> 3; // 8 when no tab in the word
            int q = p + len;
            if (len < 8 && q < e) {
                short8(b, i, kind, c, a, p, q, w & ((1L << (len << 3)) - 1));
                return q;
            }
        }
        return other(b, i, kind, c, a, p, e, last);
    }

    /**
     * A field read the general way: finds its end (eight bytes per step) and parses it with the
     * {@link ZeekFieldDecoder#field}; -1 when the row has too few or too many fields or the value is bad.
     */
    private int other(FlowBatch b, int i, byte kind, int c, byte[] a, int p, int e, boolean last) {
        int q = TabScanner.nextTab(a, p, e);
        if ((q == e) != last) {
            return -1;
        }
        if (kind != SKIP && decoder.field(b, i, kind, c, a, p, q) != null) {
            return -1;
        }
        return q;
    }

    /**
     * A string column value of under 8 bytes, {@code key} its bytes as a word: a value of the
     * column seen before with the same bytes (one of sixteen remembered per column, by a hash of
     * the word: a column's few values, such as services or connection states, alternate from row
     * to row) without interning or hashing the text, else the general result, remembered when its
     * bytes hold no backslash (so the result depends on the bytes alone).
     */
    private void short8(FlowBatch b, int i, byte kind, int c, byte[] a, int p, int q, long key) {
        int len = q - p;
        if (kind == PROTO) {
            b.proto[i] = len == 3 && key == TCP_WORD ? Protocol.TCP.code()
                    : len == 3 && key == UDP_WORD ? Protocol.UDP.code() : decoder.proto(a, p, q);
            return;
        }
        String v;
        int slot = (c << SEEN_BITS) | (int) ((key * 0x9E37_79B9_7F4A_7C15L) >>> (64 - SEEN_BITS));
        if (seenLen[slot] == len + 1 && seenKey[slot] == key) {
            v = seenValue[slot];
        } else {
            v = decoder.isUnset(a, p, q) || decoder.isEmptyValue(a, p, q) ? null : decoder.text(a, p, q, true);
            if (!TabScanner.hasBackslash(key)) {
                seenLen[slot] = len + 1;
                seenKey[slot] = key;
                seenValue[slot] = v;
            }
        }
        if (v != null) {
            switch (kind) {
                case SERVICE -> b.service[i] = v;
                case CONN_STATE -> b.connState[i] = v;
                case LABEL -> b.label[i] = v;
                default -> b.detailedLabel[i] = v;
            }
        }
    }
}
