package org.beaconwatch.io.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.flow.NameSource;
import org.beaconwatch.flow.Protocol;
import org.beaconwatch.io.LogFormat;
import org.beaconwatch.io.MalformedRecordException;
import org.beaconwatch.io.spi.Bytes;
import org.beaconwatch.io.spi.DateTimes;
import org.beaconwatch.io.spi.FormatReader;
import org.beaconwatch.io.spi.GuardedInputStream;
import org.beaconwatch.io.spi.Problems;

/**
 * Reads CSV files with a header (FastCSV) into flows. Which column fills which field comes from
 * {@code ReadOptions.columnMap} ({@code ts=timestamp,src=src_ip,...}) or from a built-in profile
 * chosen by the header:
 * <ul>
 * <li>per-event beacon CSV: timestamp, src_ip, dst_ip, dst_port, protocol (-> proto when it is a
 * transport protocol, and always -> service), bytes_out, bytes_in, label;</li>
 * <li>NSL-KDD / KDD'99 (with header, {@code src_byts} or {@code src_bytes}, or header-less with 41
 * to 43 columns): duration, protocol_type, service, flag (-> conn_state), src/dst bytes, label; no
 * addresses or times (ts 0, src/dst NONE);</li>
 * <li>time,src,dst flow CSVs (LANL flows: time, duration, src_computer, src_port, dst_computer,
 * dst_port, protocol, ...): what matches is mapped; a src/dst value that is not an IP address
 * (LANL computer names such as C123) stays NONE and is kept as extra {@code src_name}/
 * {@code dst_name}; numeric protocols use IANA numbers (6 tcp, 17 udp, 1 icmp, 58 icmpv6);</li>
 * <li>the Featuretools LANL export ({@code secs,src_name,dest_name,src_host,dest_host,label}): secs ->
 * ts (seconds from the start), src_host/dest_host -> src/dst (computer names, so NONE, kept as
 * {@code src_host_name}/{@code dst_host_name}; the user columns src_name/dest_name stay as they are),
 * label A/N/N-A as is ({@code LabelClasses}: A malicious, N benign, N/A unknown).</li>
 * </ul>
 * Every column not mapped is kept as an extra column (empty values stay empty strings).
 * Timestamps: epoch seconds (decimal), {@code yyyy-MM-dd HH:mm:ss[.ffffff]} or ISO-8601 (UTC
 * unless an offset is given).
 */
public final class CsvFlowReader implements FormatReader {
    /** Field keys accepted in a column map. */
    public static final List<String> KEYS = List.of("ts", "duration", "src", "sport", "dst", "dport", "proto",
            "service", "orig_bytes", "resp_bytes", "orig_pkts", "resp_pkts", "conn_state", "label",
            "detailed_label", "server_name", "uid");
    private static final int TS = 0, DURATION = 1, SRC = 2, SPORT = 3, DST = 4, DPORT = 5, PROTO = 6, SERVICE = 7,
            ORIG_BYTES = 8, RESP_BYTES = 9, ORIG_PKTS = 10, RESP_PKTS = 11, CONN_STATE = 12, LABEL = 13,
            DETAILED = 14, SERVER_NAME = 15, UID = 16;
    /** Column names of KDD'99 / NSL-KDD records (41 features, label, difficulty). */
    static final List<String> KDD_NAMES = List.of("duration", "protocol_type", "service", "flag", "src_bytes",
            "dst_bytes", "land", "wrong_fragment", "urgent", "hot", "num_failed_logins", "logged_in",
            "num_compromised", "root_shell", "su_attempted", "num_root", "num_file_creations", "num_shells",
            "num_access_files", "num_outbound_cmds", "is_host_login", "is_guest_login", "count", "srv_count",
            "serror_rate", "srv_serror_rate", "rerror_rate", "srv_rerror_rate", "same_srv_rate", "diff_srv_rate",
            "srv_diff_host_rate", "dst_host_count", "dst_host_srv_count", "dst_host_same_srv_rate",
            "dst_host_diff_srv_rate", "dst_host_same_src_port_rate", "dst_host_srv_diff_host_rate",
            "dst_host_serror_rate", "dst_host_srv_serror_rate", "dst_host_rerror_rate", "dst_host_srv_rerror_rate",
            "label", "difficulty");

    private final GuardedInputStream in;
    private final CsvReader<CsvRecord> csv;
    private final Iterator<CsvRecord> it;
    private final Problems problems;
    private final LogFormat format;
    private final int[] col = new int[KEYS.size()];
    private final List<String> names;
    private final int[] extraCols;
    private final List<String> extraNames;
    private final int srcNameSlot, dstNameSlot;
    private final boolean serviceFromProto;
    private final long[] addr = new long[2];
    private CsvRecord pending;
    private long read;
    private long lastLine;
    private boolean done;

    /**
     * @param in        the decompressed stream
     * @param format    the detected CSV profile
     * @param columnMap our field name -> header name (used for {@link LogFormat#CSV_MAPPED})
     */
    public CsvFlowReader(InputStream in, String compression, LogFormat format, Map<String, String> columnMap,
                         Problems problems, int maxLineBytes) throws IOException {
        this.in = new GuardedInputStream(in, compression);
        this.problems = problems;
        this.format = format;
        this.csv = CsvReader.builder().extraFieldStrategy(FieldMismatchStrategy.IGNORE).missingFieldStrategy(FieldMismatchStrategy.IGNORE).skipEmptyLines(true)
                .detectBomHeader(true).maxBufferSize(Math.max(maxLineBytes, 1 << 16))
                .ofCsvRecord(this.in, StandardCharsets.UTF_8);
        this.it = csv.iterator();
        CsvRecord first = nextRecord();
        if (first == null) {
            throw new MalformedRecordException(problems.file(), 0, "empty file");
        }
        List<String> header = trimmed(first.getFields());
        if (format == LogFormat.CSV_NSL_KDD && isKddRecord(header)) {
            names = KDD_NAMES.subList(0, Math.min(header.size(), KDD_NAMES.size()));
            pending = first; // header-less: the first line is a record
        } else {
            names = header;
        }
        Arrays.fill(col, -1);
        switch (format) {
            case CSV_MAPPED -> mapExplicit(columnMap);
            case CSV_BEACON_EVENTS -> mapBeacon();
            case CSV_NSL_KDD -> mapKdd();
            default -> mapFlows();
        }
        serviceFromProto = format == LogFormat.CSV_BEACON_EVENTS && col[SERVICE] < 0 && col[PROTO] >= 0;
        boolean[] used = new boolean[names.size()];
        for (int c : col) {
            if (c >= 0) {
                used[c] = true;
            }
        }
        List<Integer> ex = new ArrayList<>();
        List<String> exNames = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            if (!used[c]) {
                ex.add(c);
                exNames.add(names.get(c));
            }
        }
        boolean names4 = format == LogFormat.CSV_FLOWS;
        srcNameSlot = names4 && col[SRC] >= 0 ? exNames.size() : -1;
        if (srcNameSlot >= 0) { // the Featuretools export has its own src_name (a user): computers go to src_host_name
            exNames.add(exNames.contains("src_name") ? "src_host_name" : "src_name");
        }
        dstNameSlot = names4 && col[DST] >= 0 ? exNames.size() : -1;
        if (dstNameSlot >= 0) {
            exNames.add(exNames.contains("dst_name") || exNames.contains("dest_name") ? "dst_host_name" : "dst_name");
        }
        extraCols = ex.stream().mapToInt(Integer::intValue).toArray();
        extraNames = List.copyOf(exNames);
    }

    private static List<String> trimmed(List<String> fields) {
        List<String> out = new ArrayList<>(fields.size());
        for (String f : fields) {
            out.add(f.trim());
        }
        return out;
    }

    static boolean isKddRecord(List<String> f) {
        if (f.size() < 41 || f.size() > 43) {
            return false;
        }
        String p = f.get(1).toLowerCase(Locale.ROOT);
        return (p.equals("tcp") || p.equals("udp") || p.equals("icmp")) && Bytes.parseMicros(f.get(0)) != Bytes.BAD;
    }

    private int find(String... candidates) {
        for (String cand : candidates) {
            for (int c = 0; c < names.size(); c++) {
                if (names.get(c).equalsIgnoreCase(cand)) {
                    return c;
                }
            }
        }
        return -1;
    }

    private void mapExplicit(Map<String, String> map) throws MalformedRecordException {
        for (Map.Entry<String, String> e : map.entrySet()) {
            int key = KEYS.indexOf(e.getKey().trim().toLowerCase(Locale.ROOT));
            if (key < 0) {
                throw new MalformedRecordException(problems.file(), 0, "unknown field '" + e.getKey()
                        + "' in column map (known: " + String.join(", ", KEYS) + ")");
            }
            int c = find(e.getValue().trim());
            if (c < 0) {
                throw new MalformedRecordException(problems.file(), 0, "column '" + e.getValue() + "' (for "
                        + e.getKey() + ") is not in the header: " + Bytes.abbreviate(String.join(",", names)));
            }
            col[key] = c;
        }
    }

    private void mapBeacon() {
        col[TS] = find("timestamp", "ts", "time");
        col[SRC] = find("src_ip", "src");
        col[DST] = find("dst_ip", "dst");
        col[SPORT] = find("src_port", "sport");
        col[DPORT] = find("dst_port", "dport");
        col[PROTO] = find("protocol", "proto");
        col[ORIG_BYTES] = find("bytes_out", "orig_bytes");
        col[RESP_BYTES] = find("bytes_in", "resp_bytes");
        col[LABEL] = find("label");
    }

    private void mapKdd() {
        col[DURATION] = find("duration");
        col[PROTO] = find("protocol_type");
        col[SERVICE] = find("service");
        col[CONN_STATE] = find("flag");
        col[ORIG_BYTES] = find("src_bytes", "src_byts");
        col[RESP_BYTES] = find("dst_bytes");
        col[LABEL] = find("label", "class", "attack");
    }

    private void mapFlows() {
        col[TS] = find("time", "ts", "timestamp", "start_time", "starttime", "secs");
        col[DURATION] = find("duration", "dur");
        col[SRC] = find("src", "src_ip", "src_computer", "src_addr", "srcaddr", "id.orig_h", "src_host");
        col[DST] = find("dst", "dst_ip", "dst_computer", "dst_addr", "dstaddr", "id.resp_h", "dest_host", "dst_host");
        col[SPORT] = find("sport", "src_port", "id.orig_p");
        col[DPORT] = find("dport", "dst_port", "id.resp_p");
        col[PROTO] = find("protocol", "proto");
        col[SERVICE] = find("service");
        col[ORIG_BYTES] = find("orig_bytes", "src_bytes", "bytes_out");
        col[RESP_BYTES] = find("resp_bytes", "dst_bytes", "bytes_in");
        col[ORIG_PKTS] = find("orig_pkts", "src_pkts", "src_packets");
        col[RESP_PKTS] = find("resp_pkts", "dst_pkts", "dst_packets");
        col[CONN_STATE] = find("conn_state", "state");
        col[LABEL] = find("label");
        col[DETAILED] = find("detailed_label", "detailedlabel", "detailed-label");
        col[SERVER_NAME] = find("server_name");
        col[UID] = find("uid");
    }

    @Override
    public List<String> extraColumns() {
        return extraNames;
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
    public void close() throws IOException {
        csv.close();
    }

    private CsvRecord nextRecord() throws IOException {
        try {
            return it.hasNext() ? it.next() : null;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (CsvParseException e) {
            String msg = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            problems.malformed(lastLine + 1, "CSV parse error, rest of file not read: " + Bytes.abbreviate(String.valueOf(msg)));
            return null;
        }
    }

    @Override
    public boolean fill(FlowBatch batch) throws IOException {
        while (!batch.isFull()) {
            CsvRecord r;
            if (pending != null) {
                r = pending;
                pending = null;
            } else {
                r = done ? null : nextRecord();
            }
            if (r == null) {
                done = true;
                if (in.truncation() != null) {
                    problems.truncated(lastLine, in.truncation());
                }
                return false;
            }
            lastLine = r.getStartingLineNumber();
            if (r.isComment()) {
                continue;
            }
            int i = batch.add();
            String why = row(batch, i, r);
            if (why != null) {
                batch.removeLast();
                problems.malformed(r.getStartingLineNumber(), why);
            } else {
                batch.line[i] = r.getStartingLineNumber();
                read++;
            }
        }
        return true;
    }

    private String row(FlowBatch b, int i, CsvRecord r) {
        int n = r.getFieldCount();
        if (n != names.size()) {
            if (n == 1 && r.getField(0).isBlank()) {
                return "empty line";
            }
            return "expected " + names.size() + " comma-separated fields, found " + n;
        }
        String[] extra = extraNames.isEmpty() ? null : new String[extraNames.size()];
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

    /** For tests: the mapping as key -> header name. */
    Map<String, String> mapping() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int k = 0; k < col.length; k++) {
            if (col[k] >= 0) {
                m.put(KEYS.get(k), names.get(col[k]));
            }
        }
        return m;
    }
}
