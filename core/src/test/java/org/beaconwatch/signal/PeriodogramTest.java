package org.beaconwatch.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PeriodogramTest {

    @Test
    void findsThePeriodOfAStrictBeaconWithHighSignificance() {
        long[] t = new long[500];
        for (int i = 0; i < t.length; i++) {
            t[i] = i * 37_000_000L;
        }
        Periodogram.Result r = Periodogram.analyse(t, t.length, 37e6, 1 << 15);
        assertThat(r.periodMicros() / 1e6).isBetween(36.5, 37.5);
        assertThat(r.log10Fap()).isLessThan(-8);
        assertThat(r.acf()).isGreaterThan(0.5);
    }

    @Test
    void poissonTrafficIsRarelySignificant() {
        SplittableRandom rnd = new SplittableRandom(4);
        int significant = 0;
        for (int rep = 0; rep < 100; rep++) {
            long[] t = new long[300];
            long x = 0;
            for (int i = 0; i < t.length; i++) {
                t[i] = x;
                x += (long) (-Math.log(1 - rnd.nextDouble()) * 20e6);
            }
            if (Periodogram.analyse(t, t.length, 14e6, 1 << 15).log10Fap() <= -2) {
                significant++;
            }
        }
        assertThat(significant).as("false alarms at FAP 1 %% out of 100").isLessThanOrEqualTo(5);
    }

    @Test
    void gammaTailMatchesTheExponentialForOneOrdinate() {
        assertThat(Periodogram.log10GammaTail(1, 10)).isCloseTo(-10 / Math.log(10), org.assertj.core.data.Offset.offset(1e-9));
        // Q(2, x) = e^-x (1 + x)
        assertThat(Periodogram.log10GammaTail(2, 5)).isCloseTo(Math.log10(Math.exp(-5) * 6), org.assertj.core.data.Offset.offset(1e-9));
    }
}
