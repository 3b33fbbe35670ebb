package org.beaconwatch.io.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.beaconwatch.io.LogFormat;
import org.beaconwatch.io.MalformedRecordException;
import org.beaconwatch.io.spi.Bytes;

/**
 * Which header column fills which flow field, for one CSV file: from an explicit column map
 * ({@link LogFormat#CSV_MAPPED}) or from the built-in profile the header was detected as (the
 * profiles are described on {@link CsvFlowReader}); and which columns are kept as extra columns,
 * with the two extra slots where a flow CSV keeps src/dst host names that are not IP addresses.
 * Built once per file from its header; read-only afterwards.
 */
final class CsvColumnMapping {
    /** Field keys accepted in a column map; a key's index is its slot in {@link #col}. */
    static final List<String> KEYS = List.of("ts", "duration", "src", "sport", "dst", "dport", "proto",
            "service", "orig_bytes", "resp_bytes", "orig_pkts", "resp_pkts", "conn_state", "label",
            "detailed_label", "server_name", "uid");
    static final int TS = 0, DURATION = 1, SRC = 2, SPORT = 3, DST = 4, DPORT = 5, PROTO = 6, SERVICE = 7,
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

    /** The column names (the trimmed header, or {@link #KDD_NAMES} for a header-less KDD file). */
    final List<String> names;
    /** True when the file has no header: its first record is data (NSL-KDD / KDD'99 without header). */
    final boolean headerless;
    /** Field key -> column index, -1 where no column fills the field. */
    final int[] col = new int[KEYS.size()];
    /** The columns kept as extra columns, in header order. */
    final int[] extraCols;
    /** Names of the extra columns: those of {@link #extraCols}, then the host-name slots. */
    final List<String> extraNames;
    /** Extra slot for a src/dst value that is a host name rather than an address, or -1. */
    final int srcNameSlot, dstNameSlot;
    /** Event CSVs whose protocol column holds application names: it fills service, and proto by its transport. */
    final boolean serviceFromProto;

    /**
     * @param first     the fields of the file's first record, trimmed: its header, or for a
     *                  header-less KDD file its first record
     * @param format    the detected CSV profile
     * @param columnMap our field name -> header name (used for {@link LogFormat#CSV_MAPPED})
     * @param file      the file, for messages
     * @throws MalformedRecordException when the column map names an unknown field or a column not in the header
     */
    CsvColumnMapping(List<String> first, LogFormat format, Map<String, String> columnMap, String file)
            throws MalformedRecordException {
        headerless = format == LogFormat.CSV_NSL_KDD && isKddRecord(first);
        names = headerless ? KDD_NAMES.subList(0, Math.min(first.size(), KDD_NAMES.size())) : first;
        Arrays.fill(col, -1);
        switch (format) {
            case CSV_MAPPED -> mapExplicit(columnMap, file);
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

    static List<String> trimmed(List<String> fields) {
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

    private void mapExplicit(Map<String, String> map, String file) throws MalformedRecordException {
        for (Map.Entry<String, String> e : map.entrySet()) {
            int key = KEYS.indexOf(e.getKey().trim().toLowerCase(Locale.ROOT));
            if (key < 0) {
                throw new MalformedRecordException(file, 0, "unknown field '" + e.getKey()
                        + "' in column map (known: " + String.join(", ", KEYS) + ")");
            }
            int c = find(e.getValue().trim());
            if (c < 0) {
                throw new MalformedRecordException(file, 0, "column '" + e.getValue() + "' (for "
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
