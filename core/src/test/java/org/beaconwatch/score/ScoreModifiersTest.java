package org.beaconwatch.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.beaconwatch.io.FlowInputs;
import org.beaconwatch.io.FlowSource;
import org.beaconwatch.io.ReadOptions;
import org.junit.jupiter.api.Test;

/**
 * The RITA-style modifiers on a three-day Zeek fixture (conn.log, http.log, ssl.log with a ja3
 * column): an implant polling without a Host header with its own user agent, a TLS beacon that
 * appears on the last day with a JA3 nothing else uses, and browsing that shares its fingerprints.
 */
class ScoreModifiersTest {

    static DetectionResult detect() throws IOException, URISyntaxException {
        Path dir = Path.of(ScoreModifiersTest.class.getResource("/modifiers/conn.log").toURI()).getParent();
        try (FlowSource s = FlowInputs.open(List.of(dir), ReadOptions.defaults())) {
            return new BeaconDetector().detect(s, DetectOptions.defaults(), DetectionListener.none());
        }
    }

    static Finding channel(DetectionResult r, String dstOrName) {
        return r.findings().stream()
                .filter(f -> dstOrName.equals(f.serverName()) || (f.serverName() == null && dstOrName.equals(f.dst())))
                .findFirst().orElseThrow();
    }

    @Test
    void httpWithoutHostAndARareUserAgentAddTheirWeightsAndSaySo() throws Exception {
        Finding f = channel(detect(), "203.0.113.7");
        assertThat(f.features().get("no_host_share")).isEqualTo(1.0);
        assertThat(f.features().get("rare_signature")).isEqualTo(1.0);
        assertThat(f.features().get("first_seen_recent")).isEqualTo(0.0);
        assertThat(f.features().get("modifier_bonus"))
                .isCloseTo(ScoreWeights.MOD_NO_HOST + ScoreWeights.MOD_RARE_SIGNATURE, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(org.beaconwatch.output.Explanations.of(f)).contains("100 % of its HTTP requests without a Host header (+0.10)")
                .contains("its user agent is used towards no other destination (+0.10)");
        double before = f.features().get("beacon_score");
        assertThat(f.score()).isCloseTo(Math.min(1.0, before + 0.2), org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void aTlsBeaconNewOnTheLastDayWithItsOwnJa3() throws Exception {
        Finding f = channel(detect(), "cdn-update.example.net");
        assertThat(f.features().get("rare_signature")).isEqualTo(1.0);
        assertThat(f.features().get("first_seen_recent")).isEqualTo(1.0);
        assertThat(f.features().get("no_host_share")).isEqualTo(0.0);
        assertThat(org.beaconwatch.output.Explanations.of(f)).contains("its TLS fingerprint (JA3) is used towards no other destination (+0.10)")
                .contains("first seen in the last day of 72 h of logs (+0.05)");
    }

    @Test
    void sharedFingerprintsAndOldChannelsGetNothing() throws Exception {
        DetectionResult r = detect();
        for (String name : List.of("www.example.com", "www.example.org")) {
            Finding f = channel(r, name);
            assertThat(f.features().get("modifier_bonus")).as(name).isEqualTo(0.0);
            assertThat(org.beaconwatch.output.Explanations.of(f)).as(name).doesNotContain("(+0.");
        }
    }
}
