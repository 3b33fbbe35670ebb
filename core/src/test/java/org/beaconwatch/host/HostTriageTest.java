package org.beaconwatch.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.beaconwatch.output.Explanations;
import org.junit.jupiter.api.Test;

class HostTriageTest {

    /** Evidence known by its kind only (worded as the kind's label). */
    record Kind() implements HostEvidence.Detail {
    }

    static HostEvidence ev(String host, EvidenceType t, double s) {
        return new HostEvidence(host, t, s, s >= 0.6, "x", 1, new Kind());
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
        List<HostScore> r = HostTriage.rank(Set.of("10.0.0.1", "10.0.0.2", "10.0.0.3"), List.of(
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
        assertThat(Explanations.of(top)).isEqualTo("strongest: beacon to x (0.80): beacon; also scan 0.70; 2 alerts in all");
        assertThat(r.get(2).score()).isEqualTo(0.7);
    }

    @Test
    void hostsWithoutEvidenceScoreZeroAndRankLast() {
        List<HostScore> r = HostTriage.rank(Set.of("10.0.0.9", "10.0.0.1"),
                List.of(ev("10.0.0.1", EvidenceType.SMTP_FANOUT, 0.65)));
        assertThat(r.get(1).host()).isEqualTo("10.0.0.9");
        assertThat(r.get(1).score()).isZero();
        assertThat(r.get(1).findings()).isZero();
    }

    /** Evidence ordered within its kind by a number; equal numbers keep their order. */
    record Ordered(int key, int arrival) implements HostEvidence.Detail {
        @Override
        public int compareWithin(HostEvidence.Detail other) {
            return Integer.compare(key, ((Ordered) other).key);
        }
    }

    @Test
    void aHostsFirstTwentyPiecesOfEvidenceAreThoseAStableSortPutsFirst() {
        Random r = new Random(7);
        for (int round = 0; round < 300; round++) {
            int n = r.nextInt(80);
            List<HostEvidence> ev = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                // few distinct scores, types and keys: many ties at every level
                double s = 0.3 + 0.1 * r.nextInt(4);
                EvidenceType t = r.nextBoolean() ? EvidenceType.BEACON : EvidenceType.SCAN;
                HostEvidence.Detail d = new Ordered(r.nextInt(3), i);
                ev.add(new HostEvidence("10.0.0.1", t, s, s >= 0.6, "x" + i, 1, d));
            }
            List<HostEvidence> sorted = new ArrayList<>(ev);
            sorted.sort((a, b) -> {
                int c = Double.compare(b.score(), a.score());
                if (c == 0) {
                    c = a.type().compareTo(b.type());
                }
                return c != 0 || a.detail() == null || b.detail() == null ? c : a.detail().compareWithin(b.detail());
            });
            HostScore h = HostTriage.score("10.0.0.1", new ArrayList<>(ev));
            assertThat(h.evidence()).as("round %d, %d pieces", round, n)
                    .containsExactlyElementsOf(sorted.subList(0, Math.min(n, HostTriage.KEEP_EVIDENCE)));
            assertThat(h.findings()).isEqualTo(n);
        }
    }
}
