package org.beaconwatch.io.zeek;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.flow.NameSource;
import org.beaconwatch.io.LogFormat;
import org.beaconwatch.io.MalformedRecordException;
import org.beaconwatch.io.spi.Bytes;
import org.beaconwatch.io.spi.DnsIndex;
import org.beaconwatch.io.spi.LineSource;
import org.beaconwatch.io.spi.Problems;
import org.beaconwatch.io.spi.ServerNames;

/**
 * Reads Zeek companion logs (TSV or JSON lines) into the uid -> server name map and the DNS
 * address -> names index: ssl.log {@code server_name} (SNI); http.log {@code host}, or for method
 * CONNECT the target host without its port; dns.log {@code query} for every answer that is an
 * IPv4 or IPv6 address (A and AAAA records; CNAME and other answers are not addresses).
 * These logs are small next to conn.log, so this reader favours clarity over speed.
 */
public final class ZeekCompanions {
    private static final JsonFactory JSON = new JsonFactory();

    private ZeekCompanions() {
    }

    /** Reads one companion file; returns the number of records read. */
    public static long read(LogFormat format, LineSource lines, Problems problems, ServerNames names, DnsIndex dns)
            throws IOException {
        Sink sink = new Sink(format, names, dns);
        long n = 0;
        String[] fields = null;
        byte sep = '\t';
        String setSep = ",";
        String unset = "-";
        String empty = "(empty)";
        FastRows fast = null;
        while (lines.nextLine(problems)) {
            byte[] a = lines.buf();
            int s = lines.start, e = lines.end;
            if (s == e) {
                continue;
            }
            if (a[s] == '{') {
                String why = json(a, s, e, sink);
                if (why != null) {
                    problems.malformed(lines.lineNo(), why);
                } else {
                    n++;
                }
                continue;
            }
            if (a[s] != '#' && fields != null && fast != null && sep > 0) {
                String why = fast.row(a, s, e, sep, unset, empty, names);
                if (why != null) {
                    problems.malformed(lines.lineNo(), why);
                } else {
                    n++;
                }
                continue;
            }
            String line = new String(a, s, e - s, StandardCharsets.UTF_8);
            if (a[s] == '#') {
                if (line.startsWith("#separator")) {
                    String v = ZeekEscapes.unescape(line.substring(10).trim());
                    sep = v.isEmpty() ? (byte) '\t' : (byte) v.charAt(0);
                    fields = null;
                    fast = null;
                    continue;
                }
                String[] kv = split(line, (char) sep);
                if (kv.length < 2) {
                    continue;
                }
                switch (kv[0]) {
                    case "#fields" -> {
                        fields = java.util.Arrays.copyOfRange(kv, 1, kv.length);
                        fast = FastRows.of(format, fields);
                    }
                    case "#set_separator" -> setSep = ZeekEscapes.unescape(kv[1]);
                    case "#unset_field" -> unset = ZeekEscapes.unescape(kv[1]);
                    case "#empty_field" -> empty = ZeekEscapes.unescape(kv[1]);
                    default -> {}
                }
                continue;
            }
            if (fields == null) {
                throw new MalformedRecordException(problems.file(), lines.lineNo(), "Zeek log without #fields line");
            }
            String[] v = split(line, (char) sep);
            if (v.length != fields.length) {
                problems.malformed(lines.lineNo(), "expected " + fields.length + " tab-separated fields, found " + v.length);
                continue;
            }
            Map<String, String> rec = new HashMap<>();
            List<String> answers = new ArrayList<>();
            for (int c = 0; c < fields.length; c++) {
                String val = v[c];
                if (val.equals(unset) || val.equals(empty)) {
                    continue;
                }
                if (fields[c].equals("answers")) {
                    for (String x : split(val, setSep.isEmpty() ? ',' : setSep.charAt(0))) {
                        answers.add(ZeekEscapes.unescape(x));
                    }
                } else {
                    rec.put(fields[c], val.indexOf('\\') >= 0 ? ZeekEscapes.unescape(val) : val);
                }
            }
            sink.record(rec, answers);
            n++;
        }
        return n;
    }

    /**
     * Byte-level row reader for ssl.log and http.log TSV: finds the few columns the join needs
     * without building a String per field or a map per row; same results and messages as the
     * general path (bench/detect-e2e.sh: companion read 3.5 s -> see the commit message).
     */
    private static final class FastRows {
        private static final byte OTHER = 0, UID = 1, SERVER = 2, METHOD = 3, URI = 4, HOST = 5;
        private final LogFormat format;
        private final byte[] kinds;

        private FastRows(LogFormat format, byte[] kinds) {
            this.format = format;
            this.kinds = kinds;
        }

        static FastRows of(LogFormat format, String[] fields) {
            if (format != LogFormat.ZEEK_SSL && format != LogFormat.ZEEK_HTTP) {
                return null;
            }
            byte[] k = new byte[fields.length];
            for (int i = 0; i < fields.length; i++) {
                switch (fields[i]) {
                    case "uid" -> k[i] = UID;
                    case "server_name" -> k[i] = format == LogFormat.ZEEK_SSL ? SERVER : OTHER;
                    case "method" -> k[i] = format == LogFormat.ZEEK_HTTP ? METHOD : OTHER;
                    case "uri" -> k[i] = format == LogFormat.ZEEK_HTTP ? URI : OTHER;
                    case "host" -> k[i] = format == LogFormat.ZEEK_HTTP ? HOST : OTHER;
                    default -> k[i] = OTHER;
                }
            }
            return new FastRows(format, k);
        }

        String row(byte[] a, int s, int e, byte sep, String unset, String empty, ServerNames names) {
            int count = 1;
            for (int i = s; i < e; i++) {
                if (a[i] == sep) {
                    count++;
                }
            }
            if (count != kinds.length) {
                return "expected " + kinds.length + " tab-separated fields, found " + count;
            }
            int uidP = -1, uidQ = -1;
            String uid = null, server = null, method = null, uri = null, host = null;
            int p = s;
            for (int c = 0; c < kinds.length; c++) {
                int q = p;
                while (q < e && a[q] != sep) {
                    q++;
                }
                byte kind = kinds[c];
                if (kind == UID) {
                    if (ascii(a, p, q) && !is(a, p, q, unset) && !is(a, p, q, empty)) {
                        uidP = p;
                        uidQ = q;
                        uid = null;
                    } else {
                        String v = value(a, p, q, unset, empty);
                        if (v != null) {
                            uid = v;
                            uidP = -1;
                        }
                    }
                } else if (kind != OTHER) {
                    String v = value(a, p, q, unset, empty);
                    if (v != null) {
                        switch (kind) {
                            case SERVER -> server = v;
                            case METHOD -> method = v;
                            case URI -> uri = v;
                            default -> host = v;
                        }
                    }
                }
                p = q + 1;
            }
            String name;
            NameSource src;
            if (format == LogFormat.ZEEK_SSL) {
                name = server;
                src = NameSource.TLS_SNI;
            } else if ("CONNECT".equalsIgnoreCase(method)) {
                name = hostOnly(uri != null ? uri : host);
                src = NameSource.HTTP_CONNECT;
            } else {
                name = hostOnly(host);
                src = NameSource.HTTP_HOST;
            }
            if (uidP >= 0) {
                names.put(a, uidP, uidQ, name, src);
            } else {
                names.put(uid, name, src);
            }
            return null;
        }

        /** True when [p, q) is plain ASCII without escapes (its String is the same bytes). */
        private static boolean ascii(byte[] a, int p, int q) {
            for (int i = p; i < q; i++) {
                if (a[i] < 0x20 || a[i] == '\\') {
                    return false;
                }
            }
            return true;
        }

        private static boolean is(byte[] a, int p, int q, String v) {
            if (q - p != v.length()) {
                return false;
            }
            for (int i = 0; i < v.length(); i++) {
                if (a[p + i] != v.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private static String value(byte[] a, int p, int q, String unset, String empty) {
            String v = new String(a, p, q - p, StandardCharsets.UTF_8);
            if (v.equals(unset) || v.equals(empty)) {
                return null;
            }
            return v.indexOf('\\') >= 0 ? ZeekEscapes.unescape(v) : v;
        }
    }

    private static String[] split(String s, char sep) {
        List<String> out = new ArrayList<>();
        int p = 0;
        while (true) {
            int q = s.indexOf(sep, p);
            if (q < 0) {
                out.add(s.substring(p));
                return out.toArray(new String[0]);
            }
            out.add(s.substring(p, q));
            p = q + 1;
        }
    }

    private static String json(byte[] a, int s, int e, Sink sink) throws IOException {
        Map<String, String> rec = new HashMap<>();
        List<String> answers = new ArrayList<>();
        try (JsonParser p = JSON.createParser(a, s, e - s)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "not a JSON object";
            }
            readObject(p, "", rec, answers);
        } catch (JsonProcessingException ex) {
            return "bad JSON: " + Bytes.abbreviate(ex.getOriginalMessage());
        } catch (CharConversionException ex) { // NUL bytes made jackson guess UTF-16/32; Zeek writes UTF-8
            return "bad JSON: " + Bytes.abbreviate(String.valueOf(ex.getMessage()));
        }
        sink.record(rec, answers);
        return null;
    }

    private static void readObject(JsonParser p, String prefix, Map<String, String> rec, List<String> answers)
            throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = prefix + p.currentName();
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT && !prefix.isEmpty()) {
                p.skipChildren(); // only "id" nests one level; deeper keys would grow quadratically
            } else if (t == JsonToken.START_OBJECT) {
                readObject(p, key + ".", rec, answers);
            } else if (t == JsonToken.START_ARRAY) {
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                        p.skipChildren();
                    } else if (key.equals("answers")) {
                        answers.add(p.getText());
                    }
                }
            } else if (t != JsonToken.VALUE_NULL) {
                rec.put(key, p.getText());
            }
        }
    }

    /** Applies one record to the maps according to the log type. */
    private static final class Sink {
        private final LogFormat format;
        private final ServerNames names;
        private final DnsIndex dns;
        private final long[] addr = new long[2];

        Sink(LogFormat format, ServerNames names, DnsIndex dns) {
            this.format = format;
            this.names = names;
            this.dns = dns;
        }

        void record(Map<String, String> r, List<String> answers) {
            String uid = r.get("uid");
            switch (format) {
                case ZEEK_SSL -> names.put(uid, r.get("server_name"), NameSource.TLS_SNI);
                case ZEEK_HTTP -> {
                    if ("CONNECT".equalsIgnoreCase(r.get("method"))) {
                        String target = r.get("uri") != null ? r.get("uri") : r.get("host");
                        names.put(uid, hostOnly(target), NameSource.HTTP_CONNECT);
                    } else {
                        names.put(uid, hostOnly(r.get("host")), NameSource.HTTP_HOST);
                    }
                }
                case ZEEK_DNS -> {
                    String q = r.get("query");
                    if (q == null) {
                        break;
                    }
                    for (String ans : answers) {
                        byte[] b = ans.getBytes(StandardCharsets.ISO_8859_1);
                        if (IpAddress.parse(b, 0, b.length, addr)) {
                            dns.add(new IpAddress(addr[0], addr[1]), q);
                        }
                    }
                }
                default -> {}
            }
        }
    }

    /** "host:443" -> "host", "[::1]:443" -> "::1"; null stays null. */
    static String hostOnly(String hostPort) {
        if (hostPort == null) {
            return null;
        }
        String h = hostPort.trim();
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            return close > 0 ? h.substring(1, close) : h;
        }
        int colon = h.indexOf(':');
        if (colon >= 0 && h.indexOf(':', colon + 1) < 0) {
            return h.substring(0, colon);
        }
        return h;
    }
}
