package org.beaconwatch.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PeriodogramTest {

    /** The tail as computed before the ln(i!) table: terms summed from a running ln(i!). */
    private static double slowLog10GammaTail(int w, double s) {
        double lnS = Math.log(s);
        double maxTerm = Double.NEGATIVE_INFINITY;
        double[] terms = new double[w];
        double lnFact = 0;
        for (int i = 0; i < w; i++) {
            if (i > 0) {
                lnFact += Math.log(i);
            }
            terms[i] = i * lnS - lnFact;
            maxTerm = Math.max(maxTerm, terms[i]);
        }
        double sum = 0;
        for (int i = 0; i < w; i++) {
            sum += Math.exp(terms[i] - maxTerm);
        }
        return (-s + maxTerm + Math.log(sum)) / Math.log(10);
    }

    @Test
    void gammaTailFromTheTableEqualsTheRunningSumBitForBit() {
        SplittableRandom r = new SplittableRandom(5);
        for (int w : new int[] {1, 3, 9, 27, 81, 100}) {
            for (int k = 0; k < 200; k++) {
                double s = w + 3 + r.nextDouble() * 400;
                assertThat(Double.doubleToRawLongBits(Periodogram.log10GammaTail(w, s)))
                        .isEqualTo(Double.doubleToRawLongBits(slowLog10GammaTail(w, s)));
            }
        }
    }

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

    @Test
    void spectrumShowsThePeakAboveTheFalseAlarmLevelAndAgreesWithAnalyse() {
        long[] t = new long[500];
        for (int i = 0; i < t.length; i++) {
            t[i] = 1_000_000_000L + i * 60_000_000L;
        }
        Periodogram.Spectrum s = Periodogram.spectrum(t, t.length, 60e6, 1 << 15);
        Periodogram.Result r = Periodogram.analyse(t, t.length, 60e6, 1 << 15);
        assertThat(s.result()).isEqualTo(r);
        assertThat(s.bins()).isEqualTo(r.bins());
        int best = 1;
        for (int k = 1; k < s.power().length; k++) {
            if (s.power()[k] > s.power()[best]) {
                best = k;
            }
        }
        assertThat(s.power()[best]).isGreaterThan(s.threshold());
        // the strongest ordinate is the period or one of its harmonics
        double ratio = 60.0 / s.periodSeconds()[best];
        assertThat(Math.abs(ratio - Math.rint(ratio))).isLessThan(0.05);
        // single ordinate, FAP 1 % corrected for the frequencies tried: e^-s * trials = 0.01
        int nFreq = s.power().length - 3;
        assertThat(Math.exp(-s.threshold()) * nFreq * 5).isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Periodogram.spectrum(t, 3, 60e6, 1 << 15)).isSameAs(Periodogram.Spectrum.NONE);
    }
}
