package org.beaconwatch.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.beaconwatch.host.EvidenceType;
import org.beaconwatch.host.HostEvidence;
import org.beaconwatch.host.HostScore;
import org.beaconwatch.io.FlowInputs;
import org.beaconwatch.io.FlowSource;
import org.beaconwatch.io.ReadOptions;
import org.beaconwatch.output.Explanations;
import org.beaconwatch.score.BeaconDetector;
import org.beaconwatch.score.DetectOptions;
import org.beaconwatch.score.DetectionListener;
import org.beaconwatch.score.DetectionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dns.log is read once: the reader that indexes its answers hands every query record to the
 * tunnel detector, and the evidence is the same as feeding the detector the records directly.
 */
class DnsReadOnceTest {
    @TempDir
    Path tmp;

    @Test
    void theReaderHandsEachQueryOnceAndTheTunnelIsFound() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("zeek"));
        StringBuilder conn = new StringBuilder("""
                #separator \\x09
                #path\tconn
                #fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto
                """);
        for (int i = 0; i < 50; i++) {
            conn.append(1000 + 60 * i).append(".0\tC").append(i).append("\t10.0.0.7\t4000\t198.51.100.9\t443\ttcp\n");
        }
        Files.writeString(dir.resolve("conn.log"), conn, StandardCharsets.UTF_8);
        StringBuilder dns = new StringBuilder("""
                #separator \\x09
                #unset_field\t-
                #path\tdns
                #fields\tts\tuid\tid.orig_h\tquery\tqtype_name\tanswers
                """);
        List<String[]> rows = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(11);
        String b32 = "abcdefghijklmnopqrstuvwxyz234567";
        for (int i = 0; i < 300; i++) {
            StringBuilder label = new StringBuilder();
            for (int k = 0; k < 40; k++) {
                label.append(b32.charAt(r.nextInt(32)));
            }
            rows.add(new String[] {"10.0.0.5", label + ".t.tunnel-example.com", "TXT", "-"});
            rows.add(new String[] {"10.0.0.7", "www.example.org", "A", "93.184.216.34"});
        }
        for (int i = 0; i < rows.size(); i++) {
            String[] x = rows.get(i);
            dns.append(2000 + i).append(".0\tD").append(i).append('\t').append(x[0]).append('\t').append(x[1])
                    .append('\t').append(x[2]).append('\t').append(x[3]).append('\n');
        }
        Files.writeString(dir.resolve("dns.log"), dns, StandardCharsets.UTF_8);

        DetectOptions options = DetectOptions.defaults();
        DnsTunnelDetector once = new DnsTunnelDetector(options::isInternalHost);
        int[] handed = new int[1];
        DetectionResult result;
        try (FlowSource source = FlowInputs.open(List.of(dir), ReadOptions.defaults(), 1, (src, query, qtype) -> {
            handed[0]++;
            once.query(src, query, qtype);
        })) {
            result = new BeaconDetector().withDnsTunnels(once).detect(source, options, DetectionListener.none());
        }
        assertThat(handed[0]).as("query records handed to the detector").isEqualTo(rows.size());

        DnsTunnelDetector direct = new DnsTunnelDetector(options::isInternalHost);
        for (String[] x : rows) {
            direct.query(x[0], x[1], x[2]);
        }
        List<HostEvidence> expected = direct.evidence(options.alertThreshold());
        assertThat(once.evidence(options.alertThreshold())).isEqualTo(expected);
        assertThat(expected).extracting(e -> e.host() + " " + e.dst()).containsExactly("10.0.0.5 tunnel-example.com");

        HostScore top = result.hosts().get(0);
        assertThat(top.host()).isEqualTo("10.0.0.5");
        assertThat(top.topType()).isEqualTo(EvidenceType.DNS_TUNNEL);
        assertThat(Explanations.of(top)).startsWith("strongest: dns tunnel to tunnel-example.com (")
                .contains("300 unique subdomains of tunnel-example.com in 300 queries, mean 42 characters")
                .contains("100 % TXT/NULL/CNAME/MX, no other host queries it");
    }
}
