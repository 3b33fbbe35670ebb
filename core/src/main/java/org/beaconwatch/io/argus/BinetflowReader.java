package org.beaconwatch.io.argus;

import java.io.IOException;
import java.util.Locale;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.flow.Protocol;
import org.beaconwatch.io.MalformedRecordException;
import org.beaconwatch.io.spi.Bytes;
import org.beaconwatch.io.spi.DateTimes;
import org.beaconwatch.io.spi.FormatReader;
import org.beaconwatch.io.spi.LineSource;
import org.beaconwatch.io.spi.Problems;
import org.beaconwatch.io.spi.StringCache;

/**
 * Reads Argus binetflow files as the CTU data sets ship them: a header line whose names decide the
 * columns (StartTime, Dur, Proto, SrcAddr, Sport, Dir, DstAddr, Dport, State, sTos, dTos, TotPkts,
 * TotBytes, SrcBytes, optional SrcPkts, srcUdata, dstUdata, Label), separated by commas or tabs
 * (whichever the header uses).
 *
 * <p>Mapping: StartTime {@code 2011/08/16 10:01:46.972101} is UTC; ports may be hex
 * ({@code 0x0303}, ICMP type/code) or empty (unset). Argus byte counts are IP-level, so
 * origBytes = origIpBytes = SrcBytes and respBytes = respIpBytes = TotBytes - SrcBytes; likewise
 * origPkts = SrcPkts and respPkts = TotPkts - SrcPkts when SrcPkts is present (else both unset).
 * Records of non-IP protocols (llc, arp, man, ...) whose addresses are MAC addresses or numbers are
 * kept with {@link IpAddress#NONE}; an address that does not parse for tcp/udp/icmp is malformed.
 * An empty Label is null. Dir, sTos, dTos and the payload columns are not kept.
 */
public final class BinetflowReader implements FormatReader {
    private static final byte SKIP = 0, START = 1, DUR = 2, PROTO = 3, SRC = 4, SPORT = 5, DST = 6, DPORT = 7,
            STATE = 8, TOT_PKTS = 9, TOT_BYTES = 10, SRC_BYTES = 11, SRC_PKTS = 12, LABEL = 13;

    private final LineSource lines;
    private final Problems problems;
    private final StringCache cache = new StringCache();
    private final long[] addr = new long[2];
    private byte sep;
    private byte[] kinds;
    private String[] names;
    private long read;
    // per-row scratch
    private long totPkts, totBytes, srcBytes, srcPkts;
    private boolean ipProto;
    private int srcFrom, srcTo, dstFrom, dstTo;
    private int srcCol, dstCol;

    public BinetflowReader(LineSource lines, Problems problems) {
        this.lines = lines;
        this.problems = problems;
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
            if (kinds == null) {
                header(Bytes.str(a, s, e));
                continue;
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

    private void header(String line) throws MalformedRecordException {
        if (line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        sep = line.indexOf('\t') >= 0 ? (byte) '\t' : (byte) ',';
        String[] ns = line.split(sep == '\t' ? "\t" : ",", -1);
        names = new String[ns.length];
        kinds = new byte[ns.length];
        boolean start = false;
        for (int c = 0; c < ns.length; c++) {
            names[c] = ns[c].trim();
            kinds[c] = kindOf(names[c].toLowerCase(Locale.ROOT));
            start |= kinds[c] == START;
        }
        if (!start) {
            throw new MalformedRecordException(problems.file(), lines.lineNo(), "binetflow header without StartTime");
        }
        for (String[] need : new String[][] {{"srcaddr", "SrcAddr", "source address"},
            {"dstaddr", "DstAddr", "destination address"}}) {
            boolean found = false;
            for (String nm : names) {
                found |= nm.toLowerCase(Locale.ROOT).equals(need[0]);
            }
            if (!found) {
                throw new MalformedRecordException(problems.file(), lines.lineNo(), "binetflow header without "
                        + need[1] + " (" + need[2] + "): not a flow file");
            }
        }
    }

    private static byte kindOf(String n) {
        return switch (n) {
            case "starttime" -> START;
            case "dur" -> DUR;
            case "proto" -> PROTO;
            case "srcaddr" -> SRC;
            case "sport" -> SPORT;
            case "dstaddr" -> DST;
            case "dport" -> DPORT;
            case "state" -> STATE;
            case "totpkts" -> TOT_PKTS;
            case "totbytes" -> TOT_BYTES;
            case "srcbytes" -> SRC_BYTES;
            case "srcpkts" -> SRC_PKTS;
            case "label" -> LABEL;
            default -> SKIP;
        };
    }

    private String row(FlowBatch b, int i, byte[] a, int s, int e) {
        final byte[] k = kinds;
        final int n = k.length;
        totPkts = totBytes = srcBytes = srcPkts = -1;
        ipProto = true;
        srcFrom = srcTo = dstFrom = dstTo = -1;
        int p = s;
        for (int c = 0; c < n; c++) {
            int q = p;
            while (q < e && a[q] != sep) {
                q++;
            }
            if ((q == e && c < n - 1) || (c == n - 1 && q != e)) {
                return fieldCount(a, s, e);
            }
            if (k[c] != SKIP) {
                String why = field(b, i, k[c], c, a, p, q);
                if (why != null) {
                    return why;
                }
            }
            p = q + 1;
        }
        String why = address(b, i, true, a, srcFrom, srcTo);
        if (why == null) {
            why = address(b, i, false, a, dstFrom, dstTo);
        }
        if (why != null) {
            return why;
        }
        if (srcBytes >= 0) {
            b.origBytes[i] = srcBytes;
            b.origIpBytes[i] = srcBytes;
            if (totBytes >= srcBytes) {
                b.respBytes[i] = totBytes - srcBytes;
                b.respIpBytes[i] = totBytes - srcBytes;
            }
        }
        if (srcPkts >= 0) {
            b.origPkts[i] = srcPkts;
            if (totPkts >= srcPkts) {
                b.respPkts[i] = totPkts - srcPkts;
            }
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
        return "expected " + kinds.length + (sep == '\t' ? " tab" : " comma") + "-separated fields, found " + count;
    }

    private String address(FlowBatch b, int i, boolean src, byte[] a, int p, int q) {
        if (p < 0 || q <= p) {
            return null;
        }
        if (!IpAddress.parse(a, p, q, addr)) {
            if (!ipProto) {
                return null; // MAC address or number of a non-IP record: no IP endpoint
            }
            return "bad address in " + names[src ? srcCol : dstCol] + ": '" + Bytes.shown(a, p, q) + "'";
        }
        b.address(i, src, addr);
        return null;
    }

    private String field(FlowBatch b, int i, byte kind, int c, byte[] a, int p, int q) {
        switch (kind) {
            case START -> {
                long v = DateTimes.parse(a, p, q);
                if (v == Bytes.BAD) {
                    return bad("timestamp", c, a, p, q);
                }
                b.ts[i] = v;
                return null;
            }
            case DUR -> {
                if (p == q) {
                    return null;
                }
                long v = Bytes.parseMicros(a, p, q);
                if (v == Bytes.BAD || v < 0) {
                    return bad("number", c, a, p, q);
                }
                b.duration[i] = v;
                return null;
            }
            case PROTO -> {
                byte code = proto(a, p, q);
                b.proto[i] = code;
                ipProto = code != Protocol.OTHER.code() && code != Protocol.UNKNOWN.code();
                return null;
            }
            case SRC -> {
                srcFrom = p;
                srcTo = q;
                srcCol = c;
                return null;
            }
            case DST -> {
                dstFrom = p;
                dstTo = q;
                dstCol = c;
                return null;
            }
            case SPORT, DPORT -> {
                int v = port(a, p, q);
                if (v == -2) {
                    return bad("port", c, a, p, q);
                }
                if (kind == SPORT) {
                    b.srcPort[i] = v;
                } else {
                    b.dstPort[i] = v;
                }
                return null;
            }
            case STATE -> {
                if (q > p) {
                    b.connState[i] = cache.intern(a, p, q);
                }
                return null;
            }
            case LABEL -> {
                if (q > p) {
                    b.label[i] = cache.intern(a, p, q);
                }
                return null;
            }
            default -> {
                // counters
                if (p == q) {
                    return null;
                }
                long v = Bytes.parseLong(a, p, q);
                if (v == Bytes.BAD) {
                    return bad("number", c, a, p, q);
                }
                switch (kind) {
                    case TOT_PKTS: totPkts = v; break;
                    case TOT_BYTES: totBytes = v; break;
                    case SRC_BYTES: srcBytes = v; break;
                    case SRC_PKTS: srcPkts = v; break;
                    default: break;
                }
                return null;
            }
        }
    }

    /** Decimal or 0x-hex port; -1 when empty; -2 when malformed. */
    private static int port(byte[] a, int p, int q) {
        while (p < q && a[p] == ' ') {
            p++;
        }
        if (p == q) {
            return -1;
        }
        long v;
        if (q - p > 2 && a[p] == '0' && (a[p + 1] == 'x' || a[p + 1] == 'X')) {
            v = 0;
            if (q - p > 10) {
                return -2;
            }
            for (int j = p + 2; j < q; j++) {
                int d = Character.digit(a[j], 16);
                if (d < 0) {
                    return -2;
                }
                v = v * 16 + d;
            }
        } else {
            v = Bytes.parseLong(a, p, q);
        }
        return v < 0 || v > 65535 ? -2 : (int) v;
    }

    private static byte proto(byte[] a, int p, int q) {
        int n = q - p;
        if (n == 3 && a[p] == 't' && a[p + 1] == 'c' && a[p + 2] == 'p') {
            return Protocol.TCP.code();
        }
        if (n == 3 && a[p] == 'u' && a[p + 1] == 'd' && a[p + 2] == 'p') {
            return Protocol.UDP.code();
        }
        return Protocol.parse(Bytes.str(a, p, q)).code();
    }

    private String bad(String what, int c, byte[] a, int p, int q) {
        return "bad " + what + " in " + names[c] + ": '" + Bytes.shown(a, p, q) + "'";
    }
}
