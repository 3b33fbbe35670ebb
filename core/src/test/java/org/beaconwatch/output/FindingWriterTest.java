package org.beaconwatch.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.beaconwatch.score.DetectOptions;
import org.beaconwatch.score.ChannelId;
import org.beaconwatch.score.DetectionResult;
import org.beaconwatch.score.Evidence;
import org.beaconwatch.score.Finding;
import org.beaconwatch.score.FindingType;
import org.beaconwatch.score.Scores;
import org.beaconwatch.severity.Severity;
import org.junit.jupiter.api.Test;

class FindingWriterTest {

    static Finding finding(String serverName) {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("conns", 1412.0);
        f.put("period_s", 60.5);
        return new Finding(1, Severity.CRITICAL, true, FindingType.BEACON,
                new ChannelId("10.0.0.5", "198.51.100.7", 443, "tcp", serverName),
                new Scores(0.91234, 0.9, 0.8, 0.95, 1.0, 1.0),
                new Evidence(1412, 1412, 1_700_000_000_123_456L, 1_700_082_800_000_001L, 60.5, 0.066, 0, 0, 312, 120_000L,
                        1, 0, false, 0, 1.0, f, "Malicious", null, null));
    }

    static String write(FindingWriter w, List<Finding> fs) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        w.write(new DetectionResult(fs, 10, 9, 2, 1, 0, 0, 0, 1, DetectOptions.defaults()), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void csvHasTheRequiredColumnsInOrderAndDefusesFormulas() throws IOException {
        String csv = write(FindingWriter.csv(), List.of(finding("=cmd|' /C calc'!A0")));
        String[] lines = csv.split("\r\n", -1);
        assertThat(lines[0]).isEqualTo("rank,score,severity,alert,type,src,dst,dst_port,proto,server_name,conns,"
                + "first_seen,last_seen,period_s,jitter,timing_score,periodicity_score,size_score,persistence_score,"
                + "prevalence,explanation,label,detailed_label");
        assertThat(lines[1]).startsWith("1,0.9123,critical,true,beacon,10.0.0.5,198.51.100.7,443,tcp,'=cmd|' /C calc'!A0,1412,"
                + "2023-11-14T22:13:20.123456Z,2023-11-15T21:13:20.000001Z,60.5,0.066,0.9,0.8,0.95,1,1,");
        assertThat(lines[1]).contains(",\"every 61 s (±4.0 s), 1,412 times over 23 h, 312-byte requests, no other host "
                + "talks to it\",").endsWith(",Malicious,");
    }

    @Test
    void jsonLinesParseAndCarryFeatures() throws IOException {
        String json = write(FindingWriter.jsonLines(), List.of(finding(null), finding("a.example")));
        String[] lines = json.split("\n");
        assertThat(lines).hasSize(2);
        try (JsonParser p = new JsonFactory().createParser(lines[0])) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            List<String> names = new java.util.ArrayList<>();
            while (p.nextToken() != JsonToken.END_OBJECT) {
                names.add(p.currentName());
                if (p.nextToken() == JsonToken.START_OBJECT) {
                    p.skipChildren();
                }
            }
            assertThat(names.subList(0, FindingWriter.COLUMNS.size())).isEqualTo(FindingWriter.COLUMNS);
            assertThat(names).contains("features", "label");
        }
        assertThat(lines[0]).contains("\"server_name\":null").contains("\"features\":{\"conns\":1412.0,\"period_s\":60.5}");
    }

    @Test
    void tableFitsA100ColumnTerminalAndShowsTheSummary() throws IOException {
        String longName = "very-long-subdomain-name-that-goes-on-and-on.and-on.example-with-a-long-domain-name.com";
        String text = write(FindingWriter.table(10), List.of(finding(longName)));
        for (String line : text.split("\n", -1)) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(100);
        }
        assertThat(text).contains("   1  0.91 critical yes   beacon   10.0.0.5 -> very-long").contains("10 flows read, 9 used, 2 channels, 1 scored, 1 alert");
    }

    private static final FindingType[] TYPES = {FindingType.BEACON, FindingType.STROBE, FindingType.LONG_CONNECTION};

    /** Findings of every shape, many chunks of them, ranked 1..n. */
    static List<Finding> many(int n) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(n);
        String[] names = {null, "a.example", "=cmd", "caf\u00e9.example", "x,\"y\""};
        List<Finding> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            Finding f = finding(names[r.nextInt(names.length)]);
            out.add(new Finding(i + 1, f.severity(), r.nextBoolean(), TYPES[r.nextInt(TYPES.length)], f.id(),
                    new Scores(r.nextDouble(), r.nextDouble(), 0.8, 0.95, 1.0, 1.0), f.evidence()));
        }
        return out;
    }

    @Test
    void rowsFormattedOnSeveralThreadsAreWrittenInOrderByteForByte() throws IOException {
        List<Finding> fs = many(3 * 4096 + 17);
        for (FindingWriter w : List.of(FindingWriter.csv(), FindingWriter.jsonLines(), FindingWriter.ecs(),
                FindingWriter.of(OutputFormat.CSV, 20, f -> f.rank() % 3 == 0 ? "benign" : null, 0, f -> f.score() / 2))) {
            String one = write(w.withThreads(1), fs);
            assertThat(write(w.withThreads(3), fs)).isEqualTo(one);
            String[] lines = one.split("\n");
            assertThat(lines).hasSize(fs.size() + (one.startsWith("rank,") ? 1 : 0));
            assertThat(lines[lines.length - 1]).contains(Integer.toString(fs.size()));
        }
    }

    @Test
    void aFailureWhileFormattingReachesTheCaller() {
        List<Finding> fs = many(5 * 4096);
        FindingWriter w = FindingWriter.of(OutputFormat.CSV, 20, f -> {
            if (f.rank() == 3 * 4096 + 5) {
                throw new IllegalStateException("verdict lookup failed");
            }
            return null;
        }, 0).withThreads(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> write(w, fs))
                .isInstanceOf(IllegalStateException.class).hasMessage("verdict lookup failed");
    }
}
