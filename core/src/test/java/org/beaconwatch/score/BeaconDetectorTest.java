package org.beaconwatch.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.beaconwatch.channel.Allowlist;
import org.beaconwatch.flow.NameSource;
import org.beaconwatch.flow.Protocol;
import org.beaconwatch.output.Explanations;
import org.junit.jupiter.api.Test;

class BeaconDetectorTest {
    static final long S = 1_000_000L;

    /** A beacon every {@code period} s with uniform jitter ±{@code jitter}·period, n times. */
    static void beacon(Flows f, String src, String dst, int port, double period, double jitter, int n, SplittableRandom r) {
        long t = Flows.START;
        for (int i = 0; i < n; i++) {
            f.add(src, dst, port, t, 300 + r.nextInt(5));
            t += (long) (period * S * (1 + jitter * (2 * r.nextDouble() - 1)));
        }
    }

    /** Random (Poisson) traffic with mean gap {@code mean} s and varied sizes. */
    static void random(Flows f, String src, String dst, int port, double mean, int n, SplittableRandom r) {
        long t = Flows.START;
        for (int i = 0; i < n; i++) {
            f.add(src, dst, port, t, 200 + r.nextInt(50_000));
            t += (long) (-Math.log(1 - r.nextDouble()) * mean * S);
        }
    }

    static Finding find(DetectionResult r, String src, String dst) {
        return r.findings().stream().filter(x -> x.src().equals(src) && x.dst().equals(dst)).findFirst().orElseThrow();
    }

    @Test
    void jitteredBeaconAlertsAndRandomTrafficDoesNot() {
        SplittableRandom r = new SplittableRandom(7);
        Flows f = new Flows();
        beacon(f, "10.0.0.5", "198.51.100.7", 443, 60, 0.5, 300, r);
        random(f, "10.0.0.5", "203.0.113.9", 443, 60, 300, r);
        DetectionResult res = new BeaconDetector().detect(f.batches(), DetectOptions.defaults());
        Finding b = find(res, "10.0.0.5", "198.51.100.7");
        assertThat(b.alert()).isTrue();
        assertThat(b.rank()).isEqualTo(1);
        assertThat(b.periodSeconds()).isBetween(50.0, 70.0);
        assertThat(Explanations.of(b)).matches("every (5[0-9]|6[0-9]) s \\(±[0-9.]+ s\\), 300 times .*").contains("no other host talks to it");
        Finding noise = find(res, "10.0.0.5", "203.0.113.9");
        assertThat(noise.alert()).isFalse();
        assertThat(noise.timingScore()).isLessThan(0.2);
    }

    @Test
    void missedBeatsAndBurstsStillScoreAsRegular() {
        SplittableRandom r = new SplittableRandom(11);
        Flows f = new Flows();
        long t = Flows.START;
        for (int i = 0; i < 200; i++) {
            if (r.nextDouble() < 0.15) { // missed beat
                t += 120 * S;
                continue;
            }
            for (int k = 0; k < 3; k++) { // a burst of three connections 2 s apart
                f.add("10.0.0.8", "192.0.2.44", 8080, t + k * 2L * S, 120);
            }
            t += (long) (120 * S * (1 + 0.1 * (2 * r.nextDouble() - 1)));
        }
        DetectionResult res = new BeaconDetector().detect(f.batches(), DetectOptions.defaults());
        Finding b = find(res, "10.0.0.8", "192.0.2.44");
        assertThat(b.alert()).isTrue();
        assertThat(b.periodSeconds()).isBetween(110.0, 130.0);
        assertThat(b.timingScore()).isGreaterThan(0.7);
    }

    @Test
    void sharedPeriodicServiceScoresLowAndSingleHostBeaconHigh() {
        SplittableRandom r = new SplittableRandom(3);
        Flows f = new Flows();
        for (int h = 1; h <= 20; h++) {
            beacon(f, "10.1.0." + h, "192.0.2.123", 443, 300, 0.02, 200, r);
        }
        beacon(f, "10.1.0.7", "198.51.100.66", 443, 300, 0.02, 200, r);
        DetectionResult res = new BeaconDetector().detect(f.batches(), DetectOptions.defaults());
        Finding c2 = find(res, "10.1.0.7", "198.51.100.66");
        assertThat(c2.alert()).isTrue();
        assertThat(c2.rank()).isEqualTo(1);
        assertThat(res.findings()).filteredOn(x -> x.dst().equals("192.0.2.123"))
                .hasSize(20).allMatch(x -> !x.alert() && x.prevalence() == 20);
        assertThat(Explanations.of(find(res, "10.1.0.3", "192.0.2.123"))).contains("20 hosts talk to it");
    }

    @Test
    void strobesAndLongConnectionsAreReportedAsTheirOwnTypes() {
        Flows f = new Flows();
        for (int i = 0; i < 2000; i++) {
            f.add("10.0.0.9", "198.51.100.1", 80, Flows.START + i * 100_000L, 60);
        }
        f.add("10.0.0.9", "198.51.100.2", 22, Protocol.TCP, Flows.START, 5000, 10 * 3600 * S, null, NameSource.NONE);
        DetectionResult res = new BeaconDetector().detect(f.batches(), DetectOptions.defaults());
        assertThat(find(res, "10.0.0.9", "198.51.100.1").type()).isEqualTo(FindingType.STROBE);
        Finding lc = find(res, "10.0.0.9", "198.51.100.2");
        assertThat(lc.type()).isEqualTo(FindingType.LONG_CONNECTION);
        assertThat(Explanations.of(lc)).contains("stayed open for 10 h");
    }

    @Test
    void scopeAllowlistAndServerNameChannels() {
        SplittableRandom r = new SplittableRandom(5);
        Flows f = new Flows();
        beacon(f, "10.0.0.5", "198.51.100.7", 443, 30, 0.1, 100, r);     // allowlisted by CIDR
        beacon(f, "203.0.113.50", "198.51.100.8", 443, 30, 0.1, 100, r); // external source
        beacon(f, "10.0.0.5", "10.0.0.53", 53, 30, 0.1, 100, r);         // internal resolver
        long t = Flows.START;
        for (int i = 0; i < 100; i++) { // through an internal proxy, CONNECT target known
            f.add("10.0.0.6", "10.0.0.16", 3128, Protocol.TCP, t, 700, 100_000, "c2.example.net", NameSource.HTTP_CONNECT);
            f.add("10.0.0.6", "10.0.0.16", 3128, Protocol.TCP, t + 7 * S, 700, 100_000, "cdn.updates.example.org",
                    NameSource.HTTP_CONNECT);
            t += 45 * S;
        }
        DetectOptions o = DetectOptions.defaults().withAllowlist(Allowlist.of(List.of("198.51.100.0/24", "*.example.org")));
        DetectionResult res = new BeaconDetector().detect(f.batches(), o);
        assertThat(res.findings()).hasSize(1);
        Finding p = res.findings().get(0);
        assertThat(p.serverName()).isEqualTo("c2.example.net");
        assertThat(p.dst()).isEqualTo("10.0.0.16");
        assertThat(p.alert()).isTrue();
        assertThat(res.skippedExternalSource()).isEqualTo(100);
        assertThat(res.skippedDestination()).isEqualTo(100);
        assertThat(res.allowlisted()).isEqualTo(200);
        DetectionResult all = new BeaconDetector().detect(f.batches(), DetectOptions.defaults().withAllSources(true));
        assertThat(all.findings()).anyMatch(x -> x.src().equals("203.0.113.50"));
    }

    @Test
    void tooFewConnectionsAreCountedButNotScored() {
        Flows f = new Flows();
        f.add("10.0.0.5", "198.51.100.7", 443, Flows.START, 100);
        f.add("10.0.0.5", "198.51.100.7", 443, Flows.START + 60 * S, 100);
        DetectionResult res = new BeaconDetector().detect(f.batches(), DetectOptions.defaults());
        assertThat(res.findings()).isEmpty();
        assertThat(res.channels()).isEqualTo(1);
        assertThat(res.channelsBelowMinConns()).isEqualTo(1);
    }

    @Test
    void sameInputGivesSameRankingWithOneOrTwoThreads() {
        SplittableRandom r = new SplittableRandom(9);
        Flows f = new Flows();
        for (int h = 0; h < 40; h++) {
            beacon(f, "10.2.0." + h, "198.51.100." + h, 443, 60 + h, 0.3, 50, r);
            random(f, "10.2.0." + h, "203.0.113." + h, 80, 30, 50, r);
        }
        DetectionResult a = new BeaconDetector().detect(f.batches(), DetectOptions.defaults().withThreads(1));
        DetectionResult b = new BeaconDetector().detect(f.batches(), DetectOptions.defaults().withThreads(2));
        assertThat(b.findings()).isEqualTo(a.findings());
    }

    @Test
    void officeHoursBeaconKeepsFullPersistence() {
        SplittableRandom r = new SplittableRandom(13);
        Flows f = new Flows();
        long day0 = Flows.START - Math.floorMod(Flows.START, 86_400 * S);
        for (int d = 0; d < 5; d++) {
            for (long t = day0 + d * 86_400L * S + 8 * 3600 * S; t < day0 + d * 86_400L * S + 18 * 3600 * S;
                 t += (long) (300 * S * (1 + 0.2 * (2 * r.nextDouble() - 1)))) {
                f.add("10.0.0.5", "198.51.100.7", 443, t, 400);
            }
        }
        DetectionResult res = new BeaconDetector().detect(f.batches(), DetectOptions.defaults());
        Finding b = find(res, "10.0.0.5", "198.51.100.7");
        assertThat(b.persistenceScore()).isGreaterThan(0.9);
        assertThat(b.alert()).isTrue();
        assertThat(b.features().get("persistence_hours")).isGreaterThan(0.9);
    }
}
