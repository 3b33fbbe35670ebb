package org.beaconwatch.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RobustStatsTest {

    /** Obviously-correct reference: median by sorting and picking the middle. */
    static double slowMedian(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        int n = c.length;
        return n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
    }

    @Test
    void medianAndMadMatchTheReferenceOnRandomInputs() {
        SplittableRandom r = new SplittableRandom(1);
        for (int rep = 0; rep < 200; rep++) {
            int n = 1 + r.nextInt(60);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = r.nextInt(1000) / 10.0;
            }
            double med = slowMedian(v);
            assertThat(RobustStats.median(v, n)).isCloseTo(med, offset(1e-9));
            double[] dev = new double[n];
            for (int i = 0; i < n; i++) {
                dev[i] = Math.abs(v[i] - med);
            }
            assertThat(RobustStats.mad(v, n, med)).isCloseTo(slowMedian(dev), offset(1e-9));
        }
    }

    @Test
    void linearMadOfSortedValuesEqualsTheSortingMadBitForBit() {
        SplittableRandom r = new SplittableRandom(7);
        double[] work = new double[200];
        for (int rep = 0; rep < 2000; rep++) {
            int n = 1 + r.nextInt(150);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                // ties, negatives and fractions like interval residuals and byte counts
                v[i] = rep % 2 == 0 ? r.nextInt(20) - 7 : (r.nextDouble() - 0.4) * 1e6 / 3;
            }
            Arrays.sort(v);
            double[] centers = {RobustStats.sortedMedian(v, n), v[r.nextInt(n)], v[0] - 1, v[n - 1] + 0.3,
                r.nextDouble() * 10};
            for (double c : centers) {
                assertThat(Double.doubleToRawLongBits(RobustStats.sortedMad(v, n, c, work)))
                        .as("n=%d centre=%s", n, c)
                        .isEqualTo(Double.doubleToRawLongBits(RobustStats.mad(v, n, c)));
            }
            int from = r.nextInt(n);
            double q = r.nextDouble();
            assertThat(RobustStats.sortedQuantile(v, from, n - from, q))
                    .isEqualTo(RobustStats.sortedQuantile(Arrays.copyOfRange(v, from, n), n - from, q));
        }
    }

    @Test
    void selectedMedianAndMadEqualTheSortingOnesBitForBit() {
        SplittableRandom r = new SplittableRandom(11);
        double[] work = new double[400];
        for (int rep = 0; rep < 3000; rep++) {
            int n = 1 + r.nextInt(rep % 10 == 0 ? 400 : 60);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                // ties (byte counts of a beacon), sorted and reversed runs, and spread-out values
                v[i] = switch (rep % 4) {
                    case 0 -> r.nextInt(5) * 48.0;
                    case 1 -> i;
                    case 2 -> n - i;
                    default -> r.nextDouble() * 1e9;
                };
            }
            double want = RobustStats.median(v, n);
            double wantMad = RobustStats.mad(v, n, want);
            double[] c = v.clone();
            assertThat(Double.doubleToRawLongBits(RobustStats.selectMedian(c, n))).as("n=%d", n)
                    .isEqualTo(Double.doubleToRawLongBits(want));
            assertThat(Double.doubleToRawLongBits(RobustStats.selectMad(v, n, want, work))).as("n=%d", n)
                    .isEqualTo(Double.doubleToRawLongBits(wantMad));
        }
    }

    @Test
    void sortEqualsTheLibrarySortOnShortAndLongRuns() {
        SplittableRandom r = new SplittableRandom(13);
        for (int rep = 0; rep < 2000; rep++) {
            int n = r.nextInt(rep % 5 == 0 ? 300 : 45);
            double[] v = new double[n + 3];
            for (int i = 0; i < v.length; i++) {
                v[i] = rep % 3 == 0 ? r.nextInt(6) * 48.0 : (r.nextDouble() - 0.3) * 1e6;
            }
            double[] want = v.clone();
            Arrays.sort(want, 0, n);
            RobustStats.sort(v, n);
            assertThat(v).as("n=%d", n).containsExactly(want);
        }
    }

    @Test
    void bowleySkewIsZeroForSymmetricAndSignedForSkewedData() {
        double[] sym = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertThat(RobustStats.sortedBowley(sym, sym.length)).isCloseTo(0, offset(1e-12));
        double[] right = {1, 1, 1, 2, 2, 3, 10, 20, 40};
        assertThat(RobustStats.sortedBowley(right, right.length)).isGreaterThan(0.5);
        double[] flat = {5, 5, 5, 5};
        assertThat(RobustStats.sortedBowley(flat, flat.length)).isEqualTo(0);
    }
}
