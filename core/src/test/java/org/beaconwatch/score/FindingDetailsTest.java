package org.beaconwatch.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FindingDetailsTest {

    private static Flows office(SplittableRandom r) {
        Flows f = new Flows();
        BeaconDetectorTest.beacon(f, "10.0.0.5", "198.51.100.7", 443, 60, 0.1, 300, r);
        BeaconDetectorTest.beacon(f, "10.0.0.6", "198.51.100.8", 443, 90, 0.1, 200, r);
        for (int h = 1; h <= 12; h++) {
            BeaconDetectorTest.random(f, "10.0.1." + h, "203.0.113.9", 443, 300, 40, r);
        }
        return f;
    }

    @Test
    void keepsEveryAlertAndTheTopOthersWithTheirConnectionsAndNeighbours() {
        DetectionResult plain = new BeaconDetector().detect(office(new SplittableRandom(3)).batches(),
                DetectOptions.defaults().withThreads(1));
        FindingDetails details = new FindingDetails(2);
        DetectionResult res = new BeaconDetector(details).detect(office(new SplittableRandom(3)).batches(),
                DetectOptions.defaults().withThreads(1));
        assertThat(res.findings()).as("keeping details changes no finding").isEqualTo(plain.findings());
        int alerts = res.alerts().size();
        assertThat(alerts).isEqualTo(2);
        assertThat(details.size()).isEqualTo(alerts + 2);
        for (Finding f : res.findings()) {
            FindingDetails.Detail d = details.of(f);
            boolean shouldKeep = f.alert() || f.rank() <= alerts + 2;
            assertThat(d != null).as("rank %d kept", f.rank()).isEqualTo(shouldKeep);
            if (d != null) {
                assertThat(d.series().size()).isEqualTo(f.conns());
                assertThat(d.series().ts()[0]).isEqualTo(f.firstSeen());
            }
        }
        Finding shared = res.findings().stream().filter(f -> f.dst().equals("203.0.113.9")).findFirst().orElseThrow();
        FindingDetails.Detail d = details.of(shared);
        assertThat(d).isNotNull();
        assertThat(d.otherSourceCount()).isEqualTo(11);
        assertThat(d.otherSources()).hasSize(11).doesNotContain(shared.src()).allMatch(s -> s.startsWith("10.0.1."));
        Finding beacon = BeaconDetectorTest.find(res, "10.0.0.5", "198.51.100.7");
        assertThat(details.of(beacon).otherSourceCount()).isZero();
    }

    @Test
    void plainDetectionKeepsNothing() {
        FindingDetails details = new FindingDetails(0);
        DetectionResult res = new BeaconDetector(details).detect(office(new SplittableRandom(3)).batches(),
                DetectOptions.defaults().withThreads(1));
        assertThat(details.size()).isEqualTo(res.alerts().size());
    }
}
