package org.beaconwatch.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.beaconwatch.score.Finding;
import org.beaconwatch.score.FindingType;
import org.beaconwatch.score.Severity;
import org.junit.jupiter.api.Test;

class HostTriageTest {

    static HostEvidence ev(String host, EvidenceType t, double s) {
        return new HostEvidence(host, t, s, s >= 0.6, "x", 1, t.label());
    }

    @Test
    void oneKindKeepsItsScoreSeveralIndependentKindsRaiseItWeakOnesDoNotAlert() {
        assertThat(HostTriage.combine(List.of(0.83))).isCloseTo(0.83, within(1e-9));
        assertThat(HostTriage.combine(List.of(0.83, 0.6))).isCloseTo(0.4 + 0.6 * (1 - (1 - 0.43 / 0.6) * (1 - 0.2 / 0.6)),
                within(1e-9)).isGreaterThan(0.88);
        assertThat(HostTriage.combine(List.of(0.5, 0.5))).isLessThan(0.6);
        assertThat(HostTriage.combine(List.of(0.3, 0.2))).isEqualTo(0.3);
    }

    @Test
    void aHostWithABeaconAndAScanOutranksAHostWithOneStrongerBeacon() {
        List<HostScore> r = HostTriage.rank(Set.of("10.0.0.1", "10.0.0.2", "10.0.0.3"), List.of(), List.of(
                ev("10.0.0.1", EvidenceType.BEACON, 0.88),
                ev("10.0.0.2", EvidenceType.BEACON, 0.8), ev("10.0.0.2", EvidenceType.SCAN, 0.7),
                // many pieces of one kind count once
                ev("10.0.0.3", EvidenceType.BEACON, 0.7), ev("10.0.0.3", EvidenceType.BEACON, 0.7),
                ev("10.0.0.3", EvidenceType.BEACON, 0.7)));
        assertThat(r).extracting(HostScore::host).containsExactly("10.0.0.2", "10.0.0.1", "10.0.0.3");
        HostScore top = r.get(0);
        assertThat(top.rank()).isEqualTo(1);
        assertThat(top.alerts()).isEqualTo(2);
        assertThat(top.kinds()).isEqualTo(2);
        assertThat(top.topType()).isEqualTo(EvidenceType.BEACON);
        assertThat(top.explanation()).startsWith("strongest: beacon to x (0.80)").contains("also scan 0.70");
        assertThat(r.get(2).score()).isEqualTo(0.7);
    }

    static Finding beacon(String src, double score, double jitter) {
        return new Finding(0, score, Severity.of(score), score >= 0.6, FindingType.BEACON, src, "203.0.113.9", 443,
                "tcp", null, 100, 0L, 6_000_000_000L, 60, jitter, 0.95, 1.0, 0.9, 1.0, 1, 1.0, "every 60 s", Map.of(),
                null, null);
    }

    @Test
    void aTimerExactBeaconCountsLessForItsHostThanADriftingOne() {
        // a scheduled task keeps time to ±0.1 %; an implant's beat drifts by ±15 %
        List<HostScore> r = HostTriage.rank(Set.of("10.0.0.1", "10.0.0.2"),
                List.of(beacon("10.0.0.1", 0.97, 0.001), beacon("10.0.0.2", 0.63, 0.15)), List.of());
        assertThat(r).extracting(HostScore::host).containsExactly("10.0.0.2", "10.0.0.1");
        HostScore task = r.get(1);
        assertThat(task.score()).isCloseTo(0.97 * HostTriage.CLOCKWORK_WEIGHT, within(1e-4)).isLessThan(0.6);
        assertThat(task.alerts()).as("the channel still alerts").isEqualTo(1);
        assertThat(task.explanation()).contains("timer-exact like a scheduled task (×0.6 for the host)");
    }

    @Test
    void hostsWithoutEvidenceScoreZeroAndRankLast() {
        List<HostScore> r = HostTriage.rank(Set.of("10.0.0.9", "10.0.0.1"), List.of(),
                List.of(ev("10.0.0.1", EvidenceType.SMTP_FANOUT, 0.65)));
        assertThat(r.get(1).host()).isEqualTo("10.0.0.9");
        assertThat(r.get(1).score()).isZero();
        assertThat(r.get(1).findings()).isZero();
    }
}
