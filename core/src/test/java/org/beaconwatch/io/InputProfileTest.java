package org.beaconwatch.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.beaconwatch.flow.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inspect profile: counts, span, distinct addresses, top talkers, labels. */
class InputProfileTest {
    @TempDir
    Path tmp;

    @Test
    void smallFixtureIsProfiledExactly() throws IOException {
        Path f = TestData.write(tmp, "conn.log", """
                                                 #separator \\x09
                                                 #path\tconn
                                                 #fields\tts\tid.orig_h\tid.resp_h\torig_bytes\tresp_bytes\tlabel\tdetailed-label
                                                 30.0\t10.0.0.1\t10.0.0.9\t100\t1000\tMalicious\tC&C
                                                 10.0\t10.0.0.1\t10.0.0.9\t100\t1000\tMalicious\tC&C
                                                 20.0\t10.0.0.2\t10.0.0.8\t5000\t5000\tBenign\t-
                                                 25.0\t10.0.0.3\t10.0.0.9\t-\t-\t-\t-
                                                 bad
                                                 """);
        InputProfile p = InputProfile.profile(List.of(f), ReadOptions.defaults()).get(0);
        assertThat(p.formats()).containsExactly(LogFormat.ZEEK_CONN_TSV);
        assertThat(p.recordsRead()).isEqualTo(4);
        assertThat(p.recordsSkipped()).isEqualTo(1);
        assertThat(p.firstTsMicros()).isEqualTo(10_000_000L);
        assertThat(p.lastTsMicros()).isEqualTo(30_000_000L);
        assertThat(p.spanMicros()).isEqualTo(20_000_000L);
        assertThat(p.distinctSources()).isEqualTo(3);
        assertThat(p.distinctDestinations()).isEqualTo(2);
        assertThat(p.topSourcesByFlows().get(0)).isEqualTo(new InputProfile.Talker(IpAddress.parse("10.0.0.1"), 2, 2200));
        assertThat(p.topSourcesByBytes().get(0).address()).isEqualTo(IpAddress.parse("10.0.0.2"));
        assertThat(p.topDestinations()).extracting(InputProfile.Talker::address)
                .containsExactly(IpAddress.parse("10.0.0.9"), IpAddress.parse("10.0.0.8"));
        assertThat(p.labels()).containsExactly(Map.entry("Benign", 1L), Map.entry("Malicious", 2L));
        assertThat(p.detailedLabels()).containsExactly(Map.entry("C&C", 2L));
        assertThat(p.unlabelled()).isEqualTo(1);
    }

    @Test
    void iot23ProfileMatchesTheDataReadme() throws IOException {
        Path f = TestData.shared("iot23-ctu-iot-malware-capture-34-1-mirai-zeek/conn.log.labeled");
        InputProfile p = InputProfile.profile(List.of(f), ReadOptions.defaults()).get(0);
        assertThat(p.recordsRead()).isEqualTo(23_145);
        assertThat(p.labels()).containsEntry("Benign", 1_923L).containsEntry("Malicious", 21_222L);
        assertThat(p.detailedLabels()).containsExactly(Map.entry("C&C", 6_706L), Map.entry("DDoS", 14_394L),
                Map.entry("PartOfAHorizontalPortScan", 122L));
        assertThat(p.topSourcesByFlows().get(0).address()).isEqualTo(IpAddress.parse("192.168.1.195"));
        assertThat(p.spanMicros()).isBetween(20L * 3600 * 1_000_000, 26L * 3600 * 1_000_000);
        assertThat(p.topSourcesByFlows()).hasSizeLessThanOrEqualTo(10);
    }

    @Test
    void oneProfilePerArgumentOverTheWholeDataFolder() throws IOException {
        Path rita = TestData.shared("activecm-rita-proxy-beacon-zeek");
        Path kdd = TestData.shared("nsl-kdd/KDDTest+.txt");
        List<InputProfile> ps = InputProfile.profile(List.of(rita, kdd), ReadOptions.defaults());
        assertThat(ps).hasSize(2);
        assertThat(ps.get(0).recordsRead()).isEqualTo(463);
        assertThat(ps.get(0).formats()).contains(LogFormat.ZEEK_CONN_TSV, LogFormat.ZEEK_HTTP);
        assertThat(ps.get(0).labels()).isEmpty();
        assertThat(ps.get(1).distinctSources()).isZero();
        assertThat(ps.get(1).labels()).containsEntry("normal", 9_711L);
    }
}
