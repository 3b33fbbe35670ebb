package org.beaconwatch.score;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PeerCohortTest {

    static long[] every(double periodS, int n, double offsetS) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = (long) ((offsetS + i * periodS) * 1e6);
        }
        return t;
    }

    @Test
    void aChannelStartingWithEverySixthBeatOfAnotherIsCoTimed() {
        long[] fast = every(300, 90, 0);
        long[] slow = every(1800, 15, 0.4); // 0.4 s after every sixth beat
        assertThat(PeerCohort.together(slow, fast)).isTrue();
        assertThat(PeerCohort.together(fast, slow)).as("only a sixth of the fast beats").isFalse();
        assertThat(PeerCohort.harmonic(1800, 300)).isTrue();
    }

    @Test
    void unrelatedChannelsAndInterleavedBeatsAreNot() {
        long[] fast = every(300, 90, 0);
        assertThat(PeerCohort.together(every(1800, 15, 150), fast)).as("half a beat apart").isFalse();
        // a dense partner covers everything by chance: not evidence
        assertThat(PeerCohort.together(every(1800, 15, 0.4), every(2, 13_500, 0))).isFalse();
        // 62 s and 95 s beats (Slips test5 malware): co-timed at times, not one harmonic schedule
        assertThat(PeerCohort.harmonic(95, 62)).isFalse();
        assertThat(PeerCohort.harmonic(310, 300)).as("same beat: the period cohort's business").isFalse();
    }
}
