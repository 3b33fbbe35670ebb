package org.beaconwatch.io.csv;

import static org.beaconwatch.io.csv.CsvColumnMapping.CONN_STATE;
import static org.beaconwatch.io.csv.CsvColumnMapping.DETAILED;
import static org.beaconwatch.io.csv.CsvColumnMapping.DPORT;
import static org.beaconwatch.io.csv.CsvColumnMapping.DST;
import static org.beaconwatch.io.csv.CsvColumnMapping.DURATION;
import static org.beaconwatch.io.csv.CsvColumnMapping.LABEL;
import static org.beaconwatch.io.csv.CsvColumnMapping.ORIG_BYTES;
import static org.beaconwatch.io.csv.CsvColumnMapping.ORIG_PKTS;
import static org.beaconwatch.io.csv.CsvColumnMapping.PROTO;
import static org.beaconwatch.io.csv.CsvColumnMapping.RESP_BYTES;
import static org.beaconwatch.io.csv.CsvColumnMapping.RESP_PKTS;
import static org.beaconwatch.io.csv.CsvColumnMapping.SERVER_NAME;
import static org.beaconwatch.io.csv.CsvColumnMapping.SERVICE;
import static org.beaconwatch.io.csv.CsvColumnMapping.SPORT;
import static org.beaconwatch.io.csv.CsvColumnMapping.SRC;
import static org.beaconwatch.io.csv.CsvColumnMapping.TS;
import static org.beaconwatch.io.csv.CsvColumnMapping.UID;

import de.siegmar.fastcsv.reader.CsvRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.flow.NameSource;
import org.beaconwatch.flow.Protocol;
import org.beaconwatch.io.LogFormat;
import org.beaconwatch.io.spi.Bytes;
import org.beaconwatch.io.spi.DateTimes;

/**
 * Decodes one CSV record into one {@link FlowBatch} row by a {@link CsvColumnMapping}: checks the
 * field count, keeps the extra columns, and parses each mapped field (timestamps, numbers, ports,
 * addresses, protocols, labels). A bad field gives the reason the reader reports with the line
 * ("bad number in bytes_out: 'x'"); a flow CSV keeps a src/dst that is not an address as a host
 * name and leaves a port that is not a number unset.
 * Timestamps: epoch seconds (decimal), {@code yyyy-MM-dd HH:mm:ss[.ffffff]} or ISO-8601 (UTC
 * unless an offset is given).
 */
final class CsvRowDecoder {
    private final List<String> names;
    private final int[] col;
    private final int[] extraCols;
    private final int extraCount;
    private final int srcNameSlot, dstNameSlot;
    private final boolean serviceFromProto;
    private final LogFormat format;
    private final long[] addr = new long[2];

    CsvRowDecoder(CsvColumnMapping mapping, LogFormat format) {
        this.names = mapping.names;
        this.col = mapping.col;
        this.extraCols = mapping.extraCols;
        this.extraCount = mapping.extraNames.size();
        this.srcNameSlot = mapping.srcNameSlot;
        this.dstNameSlot = mapping.dstNameSlot;
        this.serviceFromProto = mapping.serviceFromProto;
        this.format = format;
    }

    /** Fills row {@code i} of the batch from the record; returns null, or why the record is bad. */
    String row(FlowBatch b, int i, CsvRecord r) {
        int n = r.getFieldCount();
        if (n != names.size()) {
            if (n == 1 && r.getField(0).isBlank()) {
                return "empty line";
            }
            return "expected " + names.size() + " comma-separated fields, found " + n;
        }
        String[] extra = extraCount == 0 ? null : new String[extraCount];
        for (int k = 0; k < extraCols.length; k++) {
            extra[k] = r.getField(extraCols[k]);
        }
        b.extra[i] = extra;
        for (int key = 0; key < col.length; key++) {
            int c = col[key];
            if (c < 0) {
                continue;
            }
            String v = r.getField(c).trim();
            String why = field(b, i, key, c, v, extra);
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    private String field(FlowBatch b, int i, int key, int c, String v, String[] extra) {
        boolean empty = v.isEmpty() || v.equals("-");
        switch (key) {
            case TS -> {
                if (empty) {
                    return "missing timestamp in " + names.get(c);
                }
                long us = timestamp(v);
                if (us == Bytes.BAD) {
                    return bad("timestamp", c, v);
                }
                b.ts[i] = us;
                return null;
            }
            case DURATION -> {
                if (empty) {
                    return null;
                }
                long us = Bytes.parseMicros(v);
                if (us == Bytes.BAD || us < 0) {
                    return bad("number", c, v);
                }
                b.duration[i] = us;
                return null;
            }
            case SRC, DST -> {
                if (empty) {
                    return null;
                }
                byte[] bytes = v.getBytes(StandardCharsets.ISO_8859_1);
                if (!IpAddress.parse(bytes, 0, bytes.length, addr)) {
                    int slot = key == SRC ? srcNameSlot : dstNameSlot;
                    if (slot >= 0) {
                        extra[slot] = v; // a host name such as LANL's C123: kept, address NONE
                        return null;
                    }
                    return bad("address", c, v);
                }
                b.address(i, key == SRC, addr);
                return null;
            }
            case SPORT, DPORT -> {
                if (empty) {
                    return null;
                }
                long p = number(v);
                if (p < 0 || p > 65535) {
                    if (format == LogFormat.CSV_FLOWS) {
                        return null; // LANL anonymised ports ("N123"): unset
                    }
                    return bad("port", c, v);
                }
                if (key == SPORT) {
                    b.srcPort[i] = (int) p;
                } else {
                    b.dstPort[i] = (int) p;
                }
                return null;
            }
            case PROTO -> {
                if (empty) {
                    return null;
                }
                Protocol p = protocol(v);
                if (serviceFromProto) {
                    b.service[i] = v.intern();
                    b.proto[i] = (p == Protocol.OTHER ? transportOf(v) : p).code();
                } else {
                    b.proto[i] = p.code();
                }
                return null;
            }
            case ORIG_BYTES, RESP_BYTES, ORIG_PKTS, RESP_PKTS -> {
                if (empty) {
                    return null;
                }
                long n = number(v);
                if (n < 0) {
                    return bad("number", c, v);
                }
                long[] target = key == ORIG_BYTES ? b.origBytes : key == RESP_BYTES ? b.respBytes
                        : key == ORIG_PKTS ? b.origPkts : b.respPkts;
                target[i] = n;
                return null;
            }
            default -> {
                if (empty) {
                    return null;
                }
                String s = v.length() <= 32 ? v.intern() : v;
                switch (key) {
                    case SERVICE: b.service[i] = s; break;
                    case CONN_STATE: b.connState[i] = s; break;
                    case LABEL: b.label[i] = s; break;
                    case DETAILED: b.detailedLabel[i] = s; break;
                    case SERVER_NAME:
                        b.serverName[i] = s;
                        b.nameSource[i] = NameSource.INPUT.code();
                        break;
                    case UID: b.uid[i] = v; break;
                    default: break;
                }
                return null;
            }
        }
    }

    /** Epoch seconds (decimal), or a calendar timestamp. */
    static long timestamp(String v) {
        if (v.length() >= 10 && (v.charAt(4) == '-' || v.charAt(4) == '/')) {
            byte[] bytes = v.getBytes(StandardCharsets.ISO_8859_1);
            return DateTimes.parse(bytes, 0, bytes.length);
        }
        return Bytes.parseMicros(v);
    }

    private static long number(String v) {
        byte[] bytes = v.getBytes(StandardCharsets.ISO_8859_1);
        long n = Bytes.parseLong(bytes, 0, bytes.length);
        if (n == Bytes.BAD) {
            // accept "12.0" as written by some exporters
            long us = Bytes.parseMicros(bytes, 0, bytes.length);
            return us != Bytes.BAD && us >= 0 && us % 1_000_000L == 0 ? us / 1_000_000L : -1;
        }
        return n;
    }

    private static Protocol protocol(String v) {
        return switch (v) {
            case "6" -> Protocol.TCP;
            case "17" -> Protocol.UDP;
            case "1" -> Protocol.ICMP;
            case "58" -> Protocol.ICMP6;
            default -> Protocol.parse(v);
        };
    }

    /**
     * The transport an application protocol name implies, for event CSVs whose `protocol` column
     * mixes both (tcp, https, dns): https/http/tls/ssh/smtp/... run over TCP, dns/ntp/snmp/... over
     * UDP (DNS over TCP exists but is rare in such exports); anything else stays unknown.
     */
    static Protocol transportOf(String application) {
        return switch (application.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "http", "https", "tls", "ssl", "ssh", "smtp", "smtps", "ftp", "rdp", "smb", "imap", "imaps", "pop3", "ldap", "ldaps", "telnet" ->
                    Protocol.TCP;
            case "dns", "ntp", "snmp", "syslog", "dhcp", "tftp", "quic", "mdns" -> Protocol.UDP;
            default -> Protocol.UNKNOWN;
        };
    }

    private String bad(String what, int c, String v) {
        return "bad " + what + " in " + names.get(c) + ": '" + Bytes.abbreviate(v) + "'";
    }
}
