package org.beaconwatch.io.zeek;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.flow.Protocol;
import org.beaconwatch.io.spi.Bytes;
import org.beaconwatch.io.spi.DateTimes;
import org.beaconwatch.io.spi.FormatReader;
import org.beaconwatch.io.spi.LineSource;
import org.beaconwatch.io.spi.Problems;
import org.beaconwatch.io.spi.StringCache;

/**
 * Reads Zeek conn.log as JSON lines with jackson-core's streaming parser: one object per line,
 * keys {@code ts}, {@code uid}, {@code id.orig_h} ... (or a nested {@code id} object), unset
 * fields absent. {@code ts} may be epoch seconds (a number) or an ISO-8601 string.
 */
public final class ZeekJsonReader implements FormatReader {
    private static final JsonFactory JSON = new JsonFactory();

    private final LineSource lines;
    private final Problems problems;
    private final StringCache cache = new StringCache();
    private final long[] addr = new long[2];
    private long read;

    public ZeekJsonReader(LineSource lines, Problems problems) {
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
            int s = ls.start, e = ls.end;
            while (s < e && (ls.buf()[s] == ' ' || ls.buf()[s] == '\t')) {
                s++;
            }
            if (s == e) {
                continue;
            }
            int i = batch.add();
            String why;
            try (JsonParser p = JSON.createParser(ls.buf(), s, e - s)) {
                why = record(p, batch, i);
                if (why == null && p.nextToken() != null) {
                    why = "more than one JSON value on the line";
                }
            } catch (JsonProcessingException ex) {
                why = "bad JSON: " + Bytes.abbreviate(String.valueOf(ex.getOriginalMessage()));
            } catch (CharConversionException ex) { // NUL bytes made jackson guess UTF-16/32; Zeek writes UTF-8
                why = "bad JSON: " + Bytes.abbreviate(String.valueOf(ex.getMessage()));
            }
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

    private String record(JsonParser p, FlowBatch b, int i) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return "not a JSON object";
        }
        boolean[] sawTs = new boolean[2]; // ts, id.orig_h
        String why = object(p, b, i, "", sawTs);
        if (why == null && !sawTs[0]) {
            return "missing ts";
        }
        if (why == null && !sawTs[1]) {
            return "no id.orig_h (source address): not a connection record";
        }
        return why;
    }

    private String object(JsonParser p, FlowBatch b, int i, String prefix, boolean[] sawTs) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = prefix.isEmpty() ? p.currentName() : prefix + p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.START_OBJECT) {
                if (!prefix.isEmpty()) { // only "id" nests one level; deeper keys would grow quadratically
                    p.skipChildren();
                    continue;
                }
                String why = object(p, b, i, key + ".", sawTs);
                if (why != null) {
                    return why;
                }
                continue;
            }
            if (v == JsonToken.START_ARRAY) {
                p.skipChildren();
                continue;
            }
            if (v == JsonToken.VALUE_NULL) {
                continue;
            }
            String why = value(p, v, key, b, i, sawTs);
            if (why != null) {
                return why;
            }
        }
        return t == JsonToken.END_OBJECT ? null : "bad JSON object";
    }

    private String value(JsonParser p, JsonToken v, String key, FlowBatch b, int i, boolean[] sawTs)
            throws IOException {
        switch (key) {
            case "ts" -> {
                String text = p.getText();
                long us = v == JsonToken.VALUE_STRING ? iso(text) : Bytes.parseMicros(text);
                if (us == Bytes.BAD) {
                    return bad("timestamp", key, text);
                }
                b.ts[i] = us;
                sawTs[0] = true;
                return null;
            }
            case "uid" -> {
                b.uid[i] = p.getText();
                return null;
            }
            case "id.orig_h", "id.resp_h" -> {
                String text = p.getText();
                byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
                if (!IpAddress.parse(bytes, 0, bytes.length, addr)) {
                    return bad("address", key, text);
                }
                boolean source = key.equals("id.orig_h");
                sawTs[1] |= source;
                b.address(i, source, addr);
                return null;
            }
            case "id.orig_p", "id.resp_p" -> {
                long n = integer(p, v);
                if (n < 0 || n > 65535) {
                    return bad("port", key, p.getText());
                }
                if (key.equals("id.orig_p")) {
                    b.srcPort[i] = (int) n;
                } else {
                    b.dstPort[i] = (int) n;
                }
                return null;
            }
            case "proto" -> {
                b.proto[i] = Protocol.parse(p.getText()).code();
                return null;
            }
            case "duration" -> {
                long us = Bytes.parseMicros(p.getText());
                if (us == Bytes.BAD || us < 0) {
                    return bad("number", key, p.getText());
                }
                b.duration[i] = us;
                return null;
            }
            case "orig_bytes", "resp_bytes", "orig_pkts", "resp_pkts", "orig_ip_bytes", "resp_ip_bytes" -> {
                long n = integer(p, v);
                if (n < 0) {
                    return bad("number", key, p.getText());
                }
                long[] col = key.equals("orig_bytes") ? b.origBytes : key.equals("resp_bytes") ? b.respBytes
                        : key.equals("orig_pkts") ? b.origPkts : key.equals("resp_pkts") ? b.respPkts
                        : key.equals("orig_ip_bytes") ? b.origIpBytes : b.respIpBytes;
                col[i] = n;
                return null;
            }
            case "service" -> {
                b.service[i] = str(p);
                return null;
            }
            case "conn_state" -> {
                b.connState[i] = str(p);
                return null;
            }
            case "label" -> {
                b.label[i] = str(p);
                return null;
            }
            case "detailedlabel", "detailed-label", "detailed_label" -> {
                b.detailedLabel[i] = str(p);
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    private String str(JsonParser p) throws IOException {
        String s = p.getText();
        if (s.isEmpty() || s.equals("-") || s.equals("(empty)")) {
            return null;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        return cache.intern(bytes, 0, bytes.length);
    }

    private static long integer(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        String t = p.getText();
        byte[] bytes = t.getBytes(StandardCharsets.ISO_8859_1);
        long n = Bytes.parseLong(bytes, 0, bytes.length);
        return n == Bytes.BAD ? -1 : n;
    }

    private static long iso(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        long us = DateTimes.parse(bytes, 0, bytes.length);
        return us != Bytes.BAD ? us : Bytes.parseMicros(text);
    }

    private static String bad(String what, String key, String text) {
        return "bad " + what + " in " + key + ": '" + Bytes.abbreviate(String.valueOf(text)) + "'";
    }
}
