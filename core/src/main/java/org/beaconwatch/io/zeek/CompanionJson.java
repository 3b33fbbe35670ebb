package org.beaconwatch.io.zeek;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.CharConversionException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.beaconwatch.io.spi.Bytes;

/**
 * One JSON-lines companion record (ssl.log, http.log or dns.log written as JSON) read into a
 * field map and the list of dns.log answers, then handed to a {@link CompanionSink}. The nested
 * {@code id} object gives the keys {@code id.orig_h}, {@code id.resp_h} ...
 */
final class CompanionJson {
    private static final JsonFactory JSON = new JsonFactory();

    private CompanionJson() {
    }

    /** Reads the record in {@code a[s, e)} into the sink; returns null, or why the line is bad. */
    static String record(byte[] a, int s, int e, CompanionSink sink) throws IOException {
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
}
