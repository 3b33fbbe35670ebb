package org.beaconwatch.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.beaconwatch.flow.NameSource;
import org.beaconwatch.flow.Protocol;
import org.beaconwatch.output.Explanations;
import org.beaconwatch.output.Numbers;
import org.junit.jupiter.api.Test;

class ExplanationTest {

    @Test
    void durationsAndCountsReadNaturally() {
        assertThat(Numbers.roundedDuration(0.42)).isEqualTo("0.4 s");
        assertThat(Numbers.roundedDuration(60)).isEqualTo("60 s");
        assertThat(Numbers.roundedDuration(249)).isEqualTo("4.2 min");
        assertThat(Numbers.roundedDuration(23 * 3600 + 100)).isEqualTo("23 h");
        assertThat(Numbers.roundedDuration(5 * 86400)).isEqualTo("5.0 days");
        assertThat(Numbers.count(1412)).isEqualTo("1,412");
    }

    @Test
    void ntpShapedChannelsAreDampedButOtherUdp123PayloadsAreNot() {
        Flows f = new Flows();
        long t = Flows.START;
        for (int i = 0; i < 300; i++) {
            f.add("10.0.0.5", "198.51.100.123", 123, Protocol.UDP, t, 48, 20_000, null, NameSource.NONE);
            f.add("10.0.0.6", "203.0.113.99", 123, Protocol.UDP, t, 700, 20_000, null, NameSource.NONE);
            t += 64_000_000L;
        }
        DetectionResult r = new BeaconDetector().detect(f.batches(), DetectOptions.defaults());
        Finding ntp = BeaconDetectorTest.find(r, "10.0.0.5", "198.51.100.123");
        Finding tunnel = BeaconDetectorTest.find(r, "10.0.0.6", "203.0.113.99");
        assertThat(ntp.alert()).isFalse();
        assertThat(Explanations.of(ntp)).contains("NTP-shaped");
        assertThat(tunnel.alert()).isTrue();
        assertThat(Explanations.of(tunnel)).startsWith("every 64 s (±0.0 s), 300 times over 5.3 h, 700-byte requests");
    }

    @Test
    void aCloudProviderTheHostUsesForManyThingsIsDamped() {
        SplittableRandom r = new SplittableRandom(1);
        Flows f = new Flows();
        BeaconDetectorTest.beacon(f, "10.0.0.5", "198.51.7.10", 443, 900, 0.01, 96, r);
        for (int k = 11; k < 21; k++) { // ten other addresses of the same /16
            BeaconDetectorTest.random(f, "10.0.0.5", "198.51." + k + ".20", 443, 600, 20, r);
        }
        BeaconDetectorTest.beacon(f, "10.0.0.5", "192.0.2.10", 443, 900, 0.01, 96, r);
        DetectionResult res = new BeaconDetector().detect(f.batches(), DetectOptions.defaults());
        Finding provider = BeaconDetectorTest.find(res, "10.0.0.5", "198.51.7.10");
        assertThat(provider.alert()).isFalse();
        assertThat(Explanations.of(provider)).contains("the host also talks to 10 other addresses in its network");
        assertThat(provider.features().get("neighbourhood_score")).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(BeaconDetectorTest.find(res, "10.0.0.5", "192.0.2.10").alert()).isTrue();
    }

    @Test
    void oneOrTwoOtherAddressesInTheC2sNetworkCostNothing() {
        SplittableRandom r = new SplittableRandom(2);
        Flows f = new Flows();
        BeaconDetectorTest.beacon(f, "10.0.0.5", "198.51.7.10", 443, 33, 0.15, 2000, r);
        BeaconDetectorTest.random(f, "10.0.0.5", "198.51.9.20", 443, 600, 20, r);
        BeaconDetectorTest.random(f, "10.0.0.5", "198.51.9.21", 443, 600, 20, r);
        DetectionResult res = new BeaconDetector().detect(f.batches(), DetectOptions.defaults());
        Finding c2 = BeaconDetectorTest.find(res, "10.0.0.5", "198.51.7.10");
        assertThat(c2.features().get("neighbourhood_siblings")).isEqualTo(2.0);
        assertThat(c2.features().get("neighbourhood_score")).isEqualTo(1.0);
        assertThat(c2.alert()).isTrue();
    }
}
