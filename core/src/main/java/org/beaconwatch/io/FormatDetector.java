package org.beaconwatch.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.beaconwatch.io.spi.Bytes;

/**
 * Detects a file's format from its first bytes (after decompression), never from its name.
 * Yields the format, or a one-line reason why the file is not a log Beaconwatch reads.
 */
final class FormatDetector {
    private static final int PREFIX = 1 << 16;

    private FormatDetector() {
    }

    /** Result: a format, or null with the reason. */
    record Detected(LogFormat format, String problem, String compression) {
    }

    static Detected detect(Path file, Map<String, String> columnMap) throws IOException {
        return detect(Decompression.open(file), columnMap);
    }

    /** Detects the format of an opened (decompressed) stream, and closes it. */
    static Detected detect(Decompression.Opened o, Map<String, String> columnMap) throws IOException {
        byte[] prefix;
        int n;
        String compression;
        try (InputStream in = o.in()) {
            compression = o.compression();
            prefix = new byte[PREFIX];
            n = 0;
            try {
                while (n < PREFIX) {
                    int r = in.read(prefix, n, PREFIX - n);
                    if (r < 0) {
                        break;
                    }
                    n += r;
                }
            } catch (EOFException e) {
                if (n == 0) {
                    return new Detected(null, "truncated " + compression + " stream with no complete data", compression);
                }
            } catch (IOException e) {
                if (compression == null || n == 0) {
                    return new Detected(null, "unreadable " + (compression == null ? "file" : compression + " stream")
                            + ": " + e.getMessage(), compression);
                }
            }
        }
        return classify(prefix, n, columnMap, compression);
    }

    /** Returns a reason when the prefix is empty or binary, else null. */
    static String textProblem(byte[] b, int n) {
        int s = 0;
        while (s < n && (b[s] == ' ' || b[s] == '\n' || b[s] == '\r' || b[s] == '\t')) {
            s++;
        }
        if (s == n) {
            return "empty file";
        }
        if (n >= 4) {
            int m = (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
            if (m == 0xd4c3b2a1 || m == 0xa1b2c3d4 || m == 0x4d3cb2a1 || m == 0xa1b23c4d || m == 0x0a0d0d0a) {
                return "packet capture (pcap), not a log: convert it with Zeek or Argus first";
            }
        }
        int bad = 0, look = Math.min(n, 4096);
        for (int i = 0; i < look; i++) {
            int c = b[i] & 0xff;
            if (c == 0) {
                return "binary data, not a text log";
            }
            if (c < 32 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                bad++;
            }
        }
        return bad * 20 > look ? "binary data, not a text log" : null;
    }

    /** Full detection on an in-memory prefix: the format or a reason. */
    static Detected classify(byte[] b, int n, Map<String, String> columnMap, String compression) {
        String tp = textProblem(b, n);
        if (tp != null) {
            return new Detected(null, tp, compression);
        }
        String text = new String(b, 0, n, StandardCharsets.ISO_8859_1);
        if (text.startsWith("\u00ef\u00bb\u00bf")) {
            text = text.substring(3);
        }
        int s = 0;
        while (s < text.length() && Character.isWhitespace(text.charAt(s))) {
            s++;
        }
        text = text.substring(s);
        int nl = text.indexOf('\n');
        String first = (nl < 0 ? text : text.substring(0, nl)).replace("\r", "");
        if (first.startsWith("#")) {
            return zeekTsv(text, compression);
        }
        if (first.startsWith("{")) {
            return zeekJson(first, compression);
        }
        if (first.contains("StartTime") && first.contains("SrcAddr")) {
            return new Detected(LogFormat.ARGUS_BINETFLOW, null, compression);
        }
        if (first.contains("StartTime") && first.contains("DstAddr")) {
            return new Detected(null, "binetflow header without SrcAddr (source address): not a flow file",
                    compression);
        }
        if (first.indexOf(',') >= 0) {
            LogFormat f = csv(first, columnMap);
            if (f != null) {
                return new Detected(f, null, compression);
            }
        }
        return new Detected(null, "unknown format; first line: '" + Bytes.abbreviate(first) + "'", compression);
    }

    private static Detected zeekTsv(String text, String compression) {
        String path = null;
        String fields = null;
        int pos = 0;
        while (pos < text.length() && text.charAt(pos) == '#') {
            int nl = text.indexOf('\n', pos);
            String line = (nl < 0 ? text.substring(pos) : text.substring(pos, nl)).replace("\r", "");
            if (line.startsWith("#path")) {
                path = line.substring(5).trim();
            } else if (line.startsWith("#fields")) {
                fields = line.substring(7);
            }
            if (nl < 0) {
                break;
            }
            pos = nl + 1;
        }
        if (fields == null) {
            if (!text.startsWith("#separator") && !text.startsWith("#fields")) {
                return new Detected(null, "unknown format; first line: '"
                        + Bytes.abbreviate(firstLine(text)) + "'", compression);
            }
            return new Detected(null, "Zeek log without #fields line", compression);
        }
        return new Detected(zeekKind(path, " " + fields.replace('\t', ' ') + " "), null, compression);
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    private static LogFormat zeekKind(String path, String fieldsSpaced) {
        if (path != null) {
            switch (path) {
                case "conn" -> {
                    return LogFormat.ZEEK_CONN_TSV;
                }
                case "ssl" -> {
                    return LogFormat.ZEEK_SSL;
                }
                case "http" -> {
                    return LogFormat.ZEEK_HTTP;
                }
                case "dns" -> {
                    return LogFormat.ZEEK_DNS;
                }
                default -> {}
            }
            if (!path.isEmpty()) {
                return LogFormat.ZEEK_OTHER;
            }
        }
        if (fieldsSpaced.contains(" conn_state ") || fieldsSpaced.contains(" orig_ip_bytes ")) {
            return LogFormat.ZEEK_CONN_TSV;
        }
        if (fieldsSpaced.contains(" server_name ") && fieldsSpaced.contains(" uid ")) {
            return LogFormat.ZEEK_SSL;
        }
        if (fieldsSpaced.contains(" method ") && fieldsSpaced.contains(" host ")) {
            return LogFormat.ZEEK_HTTP;
        }
        if (fieldsSpaced.contains(" query ") && fieldsSpaced.contains(" answers ")) {
            return LogFormat.ZEEK_DNS;
        }
        if (fieldsSpaced.contains(" id.orig_h ") && (fieldsSpaced.contains(" proto ") || path == null)) {
            return LogFormat.ZEEK_CONN_TSV; // no #path: a connection log is the best guess
        }
        return LogFormat.ZEEK_OTHER;
    }

    private static Detected zeekJson(String first, String compression) {
        int p = first.indexOf("\"_path\"");
        if (p >= 0) {
            int q1 = first.indexOf('"', first.indexOf(':', p) + 1);
            int q2 = q1 < 0 ? -1 : first.indexOf('"', q1 + 1);
            if (q2 > q1) {
                LogFormat f = zeekKind(first.substring(q1 + 1, q2), "");
                return new Detected(f == LogFormat.ZEEK_CONN_TSV ? LogFormat.ZEEK_CONN_JSON : f, null, compression);
            }
        }
        boolean id = first.contains("\"id.orig_h\"") || first.contains("\"orig_h\"");
        if (!id) {
            return new Detected(null, "JSON lines without Zeek fields (no id.orig_h); first line: '"
                    + Bytes.abbreviate(first) + "'", compression);
        }
        LogFormat f;
        if (first.contains("\"conn_state\"") || first.contains("\"orig_ip_bytes\"") || first.contains("\"orig_pkts\"")) {
            f = LogFormat.ZEEK_CONN_JSON;
        } else if (first.contains("\"server_name\"") || first.contains("\"cipher\"") || first.contains("\"established\"")) {
            f = LogFormat.ZEEK_SSL;
        } else if (first.contains("\"method\"") || first.contains("\"trans_depth\"")) {
            f = LogFormat.ZEEK_HTTP;
        } else if (first.contains("\"query\"") || first.contains("\"qtype\"") || first.contains("\"trans_id\"")) {
            f = LogFormat.ZEEK_DNS;
        } else {
            f = LogFormat.ZEEK_OTHER;
        }
        return new Detected(f, null, compression);
    }

    private static LogFormat csv(String first, Map<String, String> columnMap) {
        String h = first.trim();
        String lower = h.toLowerCase(java.util.Locale.ROOT);
        if (!columnMap.isEmpty()) {
            return LogFormat.CSV_MAPPED;
        }
        if (lower.startsWith("duration,protocol_type,service,flag,")) {
            return LogFormat.CSV_NSL_KDD;
        }
        String[] cols = lower.split(",", -1);
        if (cols.length >= 41 && cols.length <= 43 && (cols[1].equals("tcp") || cols[1].equals("udp")
                || cols[1].equals("icmp"))) {
            return LogFormat.CSV_NSL_KDD; // header-less KDD record
        }
        java.util.Set<String> set = new java.util.HashSet<>(java.util.Arrays.asList(cols));
        if (set.contains("timestamp") && set.contains("src_ip") && set.contains("dst_ip")
                && (set.contains("bytes_out") || set.contains("event_id"))) {
            return LogFormat.CSV_BEACON_EVENTS;
        }
        boolean time = set.contains("time") || set.contains("ts") || set.contains("timestamp") || set.contains("secs");
        // src_host/dest_host: the Featuretools LANL export (secs,src_name,dest_name,src_host,dest_host,label)
        boolean src = set.contains("src") || set.contains("src_computer") || set.contains("src_ip")
                || set.contains("src_host");
        boolean dst = set.contains("dst") || set.contains("dst_computer") || set.contains("dst_ip")
                || set.contains("dest_host");
        if (time && src && dst) {
            return LogFormat.CSV_FLOWS;
        }
        return null;
    }
}
