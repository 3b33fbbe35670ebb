package org.beaconwatch.io.zeek;

import static org.beaconwatch.io.zeek.ZeekColumns.CONN_STATE;
import static org.beaconwatch.io.zeek.ZeekColumns.DETAILED;
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
import static org.beaconwatch.io.zeek.ZeekColumns.TS;
import static org.beaconwatch.io.zeek.ZeekColumns.UID;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.flow.Protocol;
import org.beaconwatch.io.spi.Bytes;
import org.beaconwatch.io.spi.StringCache;
import org.beaconwatch.io.spi.UidHash;

/**
 * Decodes one Zeek TSV field value of any form into its batch column: the file's unset and empty
 * markers, Zeek's {@code \xHH} escapes, non-ASCII text, IPv4 and IPv6 addresses, uids (hash and
 * text), and the "bad ... in column" message for a value that does not parse. The general row
 * path calls it for every wanted field, the fast path ({@link ZeekTsvFastRows}) for the fields
 * not of the common form.
 */
final class ZeekFieldDecoder {
    private static final byte[] TCP = {'t', 'c', 'p'}, UDP = {'u', 'd', 'p'}, ICMP = {'i', 'c', 'm', 'p'};
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;
    private static final long HIGHS = 0x8080808080808080L, BACKSLASHES = 0x5c5c5c5c5c5c5c5cL;

    private final StringCache cache = new StringCache();
    private final long[] addr = new long[2];
    private final long[] uidHash = new long[2];
    private final boolean uidText;

    private byte[] unset = {'-'};
    /**
     * Whether the unset marker reads as a number. It does not for Zeek's "-", so number columns
     * are parsed first and compared with the marker only when they do not parse (most values are
     * numbers: one comparison fewer per column); a marker like "0" is looked for first, as before.
     */
    private boolean unsetIsNumber;
    private byte[] empty = "(empty)".getBytes(StandardCharsets.US_ASCII);
    private String[] names;        // per #fields entry, for messages

    /** @param uidText whether rows get the uid as text too (the uid's hash they always get) */
    ZeekFieldDecoder(boolean uidText) {
        this.uidText = uidText;
    }

    /** A new {@code #unset_field} marker (already unescaped). */
    void unsetMarker(byte[] marker) {
        unset = marker;
        unsetIsNumber = Bytes.parseLong(unset, 0, unset.length) != Bytes.BAD
                || Bytes.parseMicros(unset, 0, unset.length) != Bytes.BAD;
    }

    /** Whether the unset marker reads as a number (then the fast path is off). */
    boolean unsetIsNumber() {
        return unsetIsNumber;
    }

    /** A new {@code #empty_field} marker (already unescaped). */
    void emptyMarker(byte[] marker) {
        empty = marker;
    }

    /** The column names of a new {@code #fields} line, for messages. */
    void columnNames(String[] columnNames) {
        names = columnNames;
    }

    boolean isUnset(byte[] a, int p, int q) {
        byte[] u = unset;
        return q - p == u.length && (u.length == 1 ? a[p] == u[0] : Bytes.equals(a, p, q, u));
    }

    boolean isEmptyValue(byte[] a, int p, int q) {
        return q == p || Bytes.equals(a, p, q, empty);
    }

    /** Decodes field a[p, q) of column c (of kind {@code kind}) into batch row i; null or why it is bad. */
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
                b.address(i, kind == ORIG_H, addr);
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
                b.uid[i] = new String(a, p, q - p, StandardCharsets.ISO_8859_1);
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
        return new String(a, p, q - p, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }
}
