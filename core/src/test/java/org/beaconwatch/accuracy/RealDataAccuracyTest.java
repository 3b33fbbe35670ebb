package org.beaconwatch.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.beaconwatch.channel.Cidr;
import org.beaconwatch.io.FlowInputs;
import org.beaconwatch.io.FlowSource;
import org.beaconwatch.io.ReadOptions;
import org.beaconwatch.output.Explanations;
import org.beaconwatch.score.BeaconDetector;
import org.beaconwatch.score.DetectOptions;
import org.beaconwatch.score.DetectionListener;
import org.beaconwatch.score.DetectionResult;
import org.beaconwatch.score.Finding;
import org.beaconwatch.score.FindingType;
import org.junit.jupiter.api.Test;

/**
 * Acceptance criteria of issue 3 on the real captures in the shared data folder (system property
 * {@code beaconwatch.data}); each test skips when its file is absent. Default options throughout
 * (only --internal where the capture's hosts have public addresses).
 */
class RealDataAccuracyTest {

    static Path data(String rel) {
        String root = System.getProperty("beaconwatch.data");
        assumeTrue(root != null, "system property beaconwatch.data not set: real-data accuracy tests skipped");
        Path p = Path.of(root).resolve(rel);
        assumeTrue(Files.exists(p), "real data not found: " + p + " (accuracy test skipped)");
        return p;
    }

    static DetectionResult detect(Path p, DetectOptions o) throws IOException {
        try (FlowSource s = FlowInputs.open(List.of(p), ReadOptions.defaults())) {
            return new BeaconDetector().detect(s, o, DetectionListener.none());
        }
    }

    static Optional<Finding> find(DetectionResult r, String src, String dst, int port) {
        return r.findings().stream()
                .filter(f -> f.src().equals(src) && f.dst().equals(dst) && f.dstPort() == port && f.serverName() == null)
                .findFirst();
    }

    static DetectOptions internal(String cidr) {
        return DetectOptions.defaults().withInternal(List.of(Cidr.parse(cidr)));
    }

    @Test
    void njratC2IsRankedFirstAndAlerted() throws IOException {
        DetectionResult r = detect(data("stratosphere-njrat-ctu-malware-230-1-zeek/labeled-conn.log"), DetectOptions.defaults());
        Finding top = r.findings().get(0);
        assertThat(top.channel()).isEqualTo("192.168.1.115 -> 41.108.179.197:1177/tcp");
        assertThat(top.alert()).isTrue();
        assertThat(top.type()).isEqualTo(FindingType.BEACON);
        assertThat(top.periodSeconds()).isBetween(9.0, 17.0);
        assertThat(r.alerts()).hasSize(1);
    }

    @Test
    void miraiIrcC2IsInTopThreeAndAlerted() throws IOException {
        DetectionResult r = detect(data("iot23-ctu-iot-malware-capture-34-1-mirai-zeek/conn.log.labeled"), DetectOptions.defaults());
        Finding c2 = find(r, "192.168.1.195", "185.244.25.235", 6667).orElseThrow();
        assertThat(c2.rank()).isLessThanOrEqualTo(3);
        assertThat(c2.alert()).isTrue();
        assertThat(c2.periodSeconds()).as("10 s beat of two connections").isBetween(9.0, 11.0);
        // the DDoS flood is reported as a strobe, not as a beacon, and does not alert
        Finding flood = find(r, "192.168.1.195", "123.59.209.185", 80).orElseThrow();
        assertThat(flood.type()).isEqualTo(FindingType.STROBE);
        assertThat(flood.alert()).isFalse();
    }

    @Test
    void ritaProxyBeaconIsAServerNameBeaconAndGoogleIsNot() throws IOException {
        DetectionResult r = detect(data("activecm-rita-proxy-beacon-zeek"), DetectOptions.defaults());
        Finding beacon = r.findings().stream().filter(f -> "www.honestimnotevil.com".equals(f.serverName())).findFirst().orElseThrow();
        assertThat(beacon.alert()).isTrue();
        assertThat(beacon.rank()).isEqualTo(1);
        assertThat(beacon.src()).isEqualTo("10.136.0.18");
        assertThat(beacon.periodSeconds()).isBetween(200.0, 300.0);
        Finding google = r.findings().stream().filter(f -> "www.google.com".equals(f.serverName())).findFirst().orElseThrow();
        assertThat(google.alert()).isFalse();
        // the proxy itself is not reported as the beacon's destination channel
        assertThat(r.alerts()).allMatch(f -> f.serverName() != null);
    }

    @Test
    void slipsCurlBeaconIsAlertedFixedAndJittered() throws IOException {
        for (String capture : List.of("test-cc-capture-1", "test-cc-capture-2")) {
            DetectionResult r = detect(data("slips-test-cc-periodic-https/" + capture + ".binetflow"), internal("147.32.0.0/16"));
            Finding top = r.findings().get(0);
            assertThat(top.src()).as(capture).isEqualTo("147.32.80.37");
            assertThat(top.dst()).as(capture).startsWith("141.193.213.");
            assertThat(top.dstPort()).isEqualTo(443);
            assertThat(top.alert()).as(capture + " alerted").isTrue();
            assertThat(top.periodSeconds()).as(capture).isBetween(2.0, 3.6);
        }
    }

    @Test
    void ctu50BenignWindowsDaysRaiseAtMostOneAlertEach() throws IOException {
        for (String day : List.of("008-ctu-normal-40-day1", "010-ctu-normal-42-day2")) {
            DetectionResult r = detect(data("stratosphere-ctu50-benign-windows-zeek/" + day + ".conn.log.labeled"),
                    internal("147.32.0.0/16"));
            assertThat(r.alerts()).as(day + " alerts: " + r.alerts()).hasSizeLessThanOrEqualTo(1);
            if (day.startsWith("010")) {
                // the AWS client every 29 min (one sibling address in its /16, which costs nothing)
                // starts with every sixth beat of the same host's 5-minute channel: one schedule
                Finding sync = find(r, "147.32.83.234", "3.227.31.141", 443).orElseThrow();
                assertThat(sync.features().get("neighbourhood_score")).isEqualTo(1.0);
                assertThat(sync.features().get("co_timed")).isGreaterThanOrEqualTo(1.0);
                assertThat(org.beaconwatch.output.Explanations.of(sync)).contains("starts together with its channel to 34.225.190.52");
                assertThat(sync.alert()).isFalse();
            }
            // inbound attacks (external sources) are not beacon candidates
            assertThat(r.findings()).allMatch(f -> f.src().startsWith("147.32."));
        }
    }

    @Test
    void ctuNormal7PeerToPeerSwarmRaisesAtMostThreeAlerts() throws IOException {
        DetectionResult r = detect(data("slips-binetflow-samples/CTU-Normal-7-2013-12-17.binetflow"), DetectOptions.defaults());
        assertThat(r.alerts()).as("alerts: %s", r.alerts()).hasSizeLessThanOrEqualTo(3);
        // the 60 s P2P retries are damped as one swarm, not alerted one by one
        assertThat(r.findings()).filteredOn(f -> f.features().getOrDefault("peer_cohort", 0.0) >= 2).isNotEmpty();
    }

    @Test
    void slipsTest5MalwareBeaconAlertsThoughItsHostContactsSeveralServersTogether() throws IOException {
        // the malware contacts 217.70.184.38 every 62 s and six other servers every 95 s at the same
        // moments: co-timed, but not a harmonic schedule, so not damped as one application
        DetectionResult r = detect(data("slips-binetflow-samples/test5-malware-labeled.tab.binetflow"), DetectOptions.defaults());
        Finding top = r.findings().get(0);
        assertThat(top.channel()).isEqualTo("10.0.2.15 -> 217.70.184.38:80/tcp");
        assertThat(top.alert()).isTrue();
    }

    @Test
    void theInfectedHostRanksFirstInHostTriage() throws IOException {
        record Case(String file, DetectOptions options, String host) {
        }
        for (Case c : List.of(
                new Case("stratosphere-njrat-ctu-malware-230-1-zeek/labeled-conn.log", DetectOptions.defaults(), "192.168.1.115"),
                new Case("iot23-ctu-iot-malware-capture-34-1-mirai-zeek/conn.log.labeled", DetectOptions.defaults(), "192.168.1.195"),
                new Case("stratosphere-remcos-ctu-sme-11-zeek/conn.log.labeled", DetectOptions.defaults(), "192.168.1.107"),
                new Case("slips-test-cc-periodic-https/test-cc-capture-1.binetflow", internal("147.32.0.0/16"), "147.32.80.37"),
                new Case("slips-test-cc-periodic-https/test-cc-capture-2.binetflow", internal("147.32.0.0/16"), "147.32.80.37"),
                new Case("slips-binetflow-samples/test5-malware-labeled.tab.binetflow", DetectOptions.defaults(), "10.0.2.15"))) {
            DetectionResult r = detect(data(c.file()), c.options());
            assertThat(r.hosts()).as(c.file()).isNotEmpty();
            assertThat(r.hosts().get(0).host()).as(c.file()).isEqualTo(c.host());
            assertThat(r.hosts().get(0).rank()).isEqualTo(1);
            assertThat(Explanations.of(r.hosts().get(0))).as(c.file()).startsWith("strongest: ");
        }
    }
}
