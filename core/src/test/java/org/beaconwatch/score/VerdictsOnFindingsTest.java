package org.beaconwatch.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.beaconwatch.verdict.Verdict;
import org.beaconwatch.verdict.Verdicts;
import org.junit.jupiter.api.Test;

class VerdictsOnFindingsTest {

    private static Verdict v(String src, String dst, int port, Verdict.Kind kind) {
        return new Verdict(src, dst, port, "", kind, "", "", "", 2);
    }

    @Test
    void benignVerdictsSuppressAndCountMaliciousOnesStayMarked() {
        SplittableRandom r = new SplittableRandom(5);
        Flows f = new Flows();
        BeaconDetectorTest.beacon(f, "10.0.0.5", "198.51.100.7", 443, 60, 0.1, 300, r);
        BeaconDetectorTest.beacon(f, "10.0.0.6", "198.51.100.8", 443, 90, 0.1, 200, r);
        BeaconDetectorTest.random(f, "10.0.0.7", "203.0.113.9", 443, 60, 100, r);
        DetectionResult res = new BeaconDetector().detect(f.batches(), DetectOptions.defaults().withThreads(1));
        Verdicts verdicts = Verdicts.of(List.of(
                v("10.0.0.5", "198.51.100.7", -1, Verdict.Kind.MALICIOUS),
                v("10.0.0.6", "198.51.100.8", 443, Verdict.Kind.MALICIOUS),
                v("10.0.0.6", "198.51.100.8", 443, Verdict.Kind.BENIGN), // a later row wins
                v("10.0.0.7", "203.0.113.9", 80, Verdict.Kind.BENIGN))); // other port: no match
        Verdicts.Applied a = verdicts.apply(res);
        assertThat(a.suppressed()).isEqualTo(1);
        assertThat(a.suppressedAlerts()).isEqualTo(1);
        assertThat(a.malicious()).isEqualTo(1);
        assertThat(a.result().findings()).hasSize(res.findings().size() - 1);
        assertThat(a.result().findings()).extracting(Finding::dst).doesNotContain("198.51.100.8");
        for (int i = 0; i < a.result().findings().size(); i++) {
            assertThat(a.result().findings().get(i).rank()).isEqualTo(i + 1);
        }
        Finding beacon = BeaconDetectorTest.find(a.result(), "10.0.0.5", "198.51.100.7");
        assertThat(verdicts.of(beacon).kind()).isEqualTo(Verdict.Kind.MALICIOUS);
        assertThat(verdicts.of(BeaconDetectorTest.find(a.result(), "10.0.0.7", "203.0.113.9"))).isNull();
        assertThat(Verdicts.none().apply(res).result()).isSameAs(res);
    }
}
