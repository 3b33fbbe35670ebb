package org.beaconwatch.io.zeek;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.beaconwatch.io.ClientSignatures;
import org.beaconwatch.io.LogFormat;
import org.beaconwatch.io.MalformedRecordException;
import org.beaconwatch.io.spi.DnsIndex;
import org.beaconwatch.io.spi.LineSource;
import org.beaconwatch.io.spi.Problems;
import org.beaconwatch.io.spi.ServerNames;

/**
 * Reads Zeek companion logs (TSV or JSON lines) into the uid -> server name map and the DNS
 * address -> names index: ssl.log {@code server_name} (SNI); http.log {@code host}, or for method
 * CONNECT the target host without its port; dns.log {@code query} for every answer that is an
 * IPv4 or IPv6 address (A and AAAA records; CNAME and other answers are not addresses). Every
 * dns.log query record also goes to the index's query listener (the DNS tunnel detector), so
 * dns.log is read once.
 * With a {@link ClientSignatures} it also records, per client and destination, the HTTP
 * {@code user_agent}, whether an HTTP request had no {@code host}, and the ssl.log {@code ja3} where
 * that column exists (Zeek's ja3 package), for the RITA-style score modifiers.
 * These logs are small next to conn.log, so this reader favours clarity over speed.
 * <p>This class reads the lines and the TSV header; {@link CompanionFastRows} reads ssl.log and
 * http.log TSV rows at byte level, {@link CompanionJson} reads JSON lines, and
 * {@link CompanionSink} applies each record to the maps.
 */
public final class ZeekCompanions {
    private ZeekCompanions() {
    }

    /** Reads one companion file; returns the number of records read. */
    public static long read(LogFormat format, LineSource lines, Problems problems, ServerNames names, DnsIndex dns)
            throws IOException {
        return read(format, lines, problems, names, dns, null);
    }

    /** Reads one companion file, recording client facts too when {@code clients} is not null. */
    public static long read(LogFormat format, LineSource lines, Problems problems, ServerNames names, DnsIndex dns,
                            ClientSignatures clients) throws IOException {
        CompanionSink sink = new CompanionSink(format, names, dns, clients);
        long n = 0;
        String[] fields = null;
        byte sep = '\t';
        String setSep = ",";
        String unset = "-";
        String empty = "(empty)";
        CompanionFastRows fast = null;
        while (lines.nextLine(problems)) {
            byte[] a = lines.buf();
            int s = lines.start, e = lines.end;
            if (s == e) {
                continue;
            }
            if (a[s] == '{') {
                String why = CompanionJson.record(a, s, e, sink);
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
                        fast = CompanionFastRows.of(format, fields, clients);
                    }
                    case "#set_separator" -> setSep = ZeekEscapes.unescape(kv[1]);
                    case "#unset_field" -> unset = ZeekEscapes.unescape(kv[1]);
                    case "#empty_field" -> empty = ZeekEscapes.unescape(kv[1]);
                    default -> { }
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
}
