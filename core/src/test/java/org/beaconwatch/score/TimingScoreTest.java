package org.beaconwatch.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimingScoreTest {

    static long[] renewal(int n, double period, double jitter, SplittableRandom r) {
        long[] t = new long[n];
        long x = 0;
        for (int i = 0; i < n; i++) {
            t[i] = x;
            x += (long) (period * 1e6 * (1 + jitter * (2 * r.nextDouble() - 1)));
        }
        return t;
    }

    @Test
    void metronomeScoresOneAndReportsItsPeriod() {
        long[] t = renewal(100, 30, 0, new SplittableRandom(1));
        TimingScore.Timing tm = TimingScore.evaluate(t, t.length);
        assertThat(tm.score()).isEqualTo(1.0);
        assertThat(tm.periodMicros() / 1e6).isCloseTo(30.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void fiftyPercentJitterStaysWellAbovePoissonOnAverage() {
        SplittableRandom r = new SplittableRandom(2);
        double jittered = 0, poisson = 0;
        for (int rep = 0; rep < 50; rep++) {
            long[] t = renewal(100, 60, 0.5, r);
            jittered += TimingScore.evaluate(t, t.length).score();
            long[] p = new long[100];
            long x = 0;
            for (int i = 0; i < 100; i++) {
                p[i] = x;
                x += (long) (-Math.log(1 - r.nextDouble()) * 60e6);
            }
            poisson += TimingScore.evaluate(p, p.length).score();
        }
        assertThat(jittered / 50).isGreaterThan(0.4);
        assertThat(poisson / 50).isLessThan(0.05);
    }

    @Test
    void sixtyPercentJitterIsNotMistakenForExtraBeats() {
        // "sleep with jitter" of ±60 % draws intervals down to 0.4 of the period: jittered beats,
        // not interleaved extra ones, so they must not be penalised as short intervals
        SplittableRandom r = new SplittableRandom(4);
        double jittered = 0;
        for (int rep = 0; rep < 50; rep++) {
            long[] t = renewal(150, 600, 0.6, r);
            jittered += TimingScore.evaluate(t, t.length).score();
        }
        assertThat(jittered / 50).isGreaterThan(0.4);
    }

    @Test
    void missedBeatsAreFoldedOntoThePeriod() {
        SplittableRandom r = new SplittableRandom(3);
        long[] t = renewal(200, 60, 0.05, r);
        long[] kept = new long[200];
        int m = 0;
        for (int i = 0; i < 200; i++) {
            if (i % 8 != 3) { // one beat in eight missed
                kept[m++] = t[i];
            }
        }
        TimingScore.Timing tm = TimingScore.evaluate(kept, m);
        assertThat(tm.score()).isGreaterThan(0.8);
        assertThat(tm.missedRatio()).isBetween(0.1, 0.2);
        assertThat(tm.periodMicros() / 1e6).isBetween(57.0, 63.0);
    }
}
