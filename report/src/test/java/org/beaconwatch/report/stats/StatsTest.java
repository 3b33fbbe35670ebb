package org.beaconwatch.report.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.junit.jupiter.api.Test;

/** Effect sizes, corrections and robust rules against values computed by hand. */
class StatsTest {

    @Test
    void cliffsDeltaByHand() {
        // x = {1,2,3}, y = {2,2,4}: x > y in 2 pairs (3>2 twice), x < y in 5 pairs -> (2 - 5) / 9
        assertThat(EffectSizes.cliffsDelta(new double[] {1, 2, 3}, new double[] {2, 2, 4})).isCloseTo(-1.0 / 3, within(1e-12));
        assertThat(EffectSizes.cliffsDelta(new double[] {5, 6}, new double[] {1, 2})).isEqualTo(1.0);
        assertThat(EffectSizes.cliffsDelta(new double[] {1, Double.NaN}, new double[] {1})).isZero();
        assertThat(EffectSizes.cliffsDelta(new double[] {}, new double[] {1})).isNaN();
        assertThat(EffectSizes.cliffsMagnitude(-0.5)).isEqualTo("large");
        assertThat(EffectSizes.cliffsMagnitude(0.2)).isEqualTo("small");
    }

    @Test
    void cliffsDeltaMatchesNaiveAndRankBiserialOfCommonsMannWhitney() {
        SplittableRandom r = new SplittableRandom(3);
        for (int t = 0; t < 50; t++) {
            double[] x = new double[1 + r.nextInt(40)];
            double[] y = new double[1 + r.nextInt(40)];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextInt(10);
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = r.nextInt(12);
            }
            double d = EffectSizes.cliffsDelta(x, y);
            assertThat(d).isCloseTo(EffectSizes.cliffsDeltaNaive(x, y), within(1e-12));
            double u = MannWhitneyUTest.withDefaults().statistic(x, y);
            assertThat(d).isCloseTo(2 * u / ((double) x.length * y.length) - 1, within(1e-9));
        }
    }

    @Test
    void cramersVByHand() {
        assertThat(EffectSizes.cramersV(new long[][] {{10, 0}, {0, 10}})).isCloseTo(1.0, within(1e-12));
        assertThat(EffectSizes.cramersV(new long[][] {{10, 10}, {10, 10}})).isCloseTo(0.0, within(1e-12));
        // expected 15 per cell, chi2 = 4 * 25 / 15 = 6.667, V = sqrt(6.667 / 60) = 1/3
        assertThat(EffectSizes.cramersV(new long[][] {{20, 10}, {10, 20}})).isCloseTo(1.0 / 3, within(1e-12));
        // an empty row is dropped rather than breaking the test
        assertThat(EffectSizes.cramersV(new long[][] {{20, 10}, {0, 0}, {10, 20}})).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(EffectSizes.cramersV(new long[][] {{5, 5}})).isNaN();
        Tests.Result chi = Tests.chiSquare(new long[][] {{20, 10}, {10, 20}});
        assertThat(chi.statistic()).isCloseTo(20.0 / 3, within(1e-9));
        assertThat(chi.p()).isCloseTo(0.009823, within(1e-5)); // chi2(1) survival at 6.667
    }

    @Test
    void holmAndBenjaminiHochbergByHand() {
        double[] p = {0.01, 0.04, 0.03, 0.005};
        // sorted 0.005*4 = 0.02, 0.01*3 = 0.03, 0.03*2 = 0.06, 0.04*1 -> max(0.06, 0.04)
        assertThat(MultipleTesting.holm(p)).containsExactly(new double[] {0.03, 0.06, 0.06, 0.02}, within(1e-12));
        // 0.005*4/1 = 0.02, 0.01*4/2 = 0.02, 0.03*4/3 = 0.04, 0.04*4/4 = 0.04
        assertThat(MultipleTesting.benjaminiHochberg(p)).containsExactly(new double[] {0.02, 0.04, 0.04, 0.02}, within(1e-12));
        double[] withNaN = MultipleTesting.holm(new double[] {0.02, Double.NaN, 0.5});
        assertThat(withNaN[0]).isCloseTo(0.04, within(1e-12));
        assertThat(withNaN[1]).isNaN();
        assertThat(withNaN[2]).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void tukeyFencesAndRobustZByHand() {
        RobustStats.Summary s = RobustStats.summarize(new double[] {1, 2, 3, 4, 100, Double.NaN});
        assertThat(s.n()).isEqualTo(5);
        assertThat(s.q1()).isEqualTo(2);
        assertThat(s.median()).isEqualTo(3);
        assertThat(s.q3()).isEqualTo(4);
        assertThat(s.lowerFence()).isEqualTo(-1);
        assertThat(s.upperFence()).isEqualTo(7);
        assertThat(s.tukeyOutlier(100)).isTrue();
        assertThat(s.tukeyOutlier(4)).isFalse();
        assertThat(s.mad()).isEqualTo(1); // deviations 2,1,0,1,97
        assertThat(s.robustZ(100)).isCloseTo(0.6745 * 97, within(1e-9));
        assertThat(s.robustOutlier(100)).isTrue();
        assertThat(s.robustOutlier(1)).isFalse();
        // MAD = 0: fall back to 1.253314 * mean absolute deviation = 1.253314 * 10 / 5
        RobustStats.Summary z = RobustStats.summarize(new double[] {0, 0, 0, 0, 10});
        assertThat(z.mad()).isZero();
        assertThat(z.robustZ(10)).isCloseTo(10 / (1.253314 * 2), within(1e-9));
    }

    @Test
    void spearmanByHand() {
        // ranks of y = {5,6,7,8,7}: 1, 2, 3.5, 5, 3.5; rho = 8 / sqrt(10 * 9.5)
        assertThat(RankCorrelation.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {5, 6, 7, 8, 7}))
                .isCloseTo(8 / Math.sqrt(95), within(1e-12));
        assertThat(RankCorrelation.spearman(new double[] {1, 2, 3, Double.NaN}, new double[] {30, 20, 10, 0}))
                .isCloseTo(-1, within(1e-12));
        assertThat(RankCorrelation.spearman(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isNaN();
    }

    @Test
    void spearmanMatrixMatchesPairwiseSpearmanAndRanksMatchASlowReference() {
        SplittableRandom r = new SplittableRandom(9);
        double[] a = new double[300];
        double[] b = new double[300];
        double[] c = new double[300];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextInt(20);
            b[i] = a[i] + r.nextInt(5);
            c[i] = i % 7 == 0 ? Double.NaN : -a[i] + r.nextDouble();
        }
        double[][] m = RankCorrelation.spearmanMatrix(java.util.List.of(a, b, c));
        assertThat(m[0][1]).isCloseTo(RankCorrelation.spearman(a, b), within(1e-12));
        assertThat(m[2][0]).isCloseTo(RankCorrelation.spearman(a, c), within(1e-12));
        assertThat(m[1][1]).isEqualTo(1.0);
        double[] ranks = RankCorrelation.ranks(a);
        for (int i = 0; i < a.length; i++) {
            double less = 0;
            double equal = 0;
            for (double x : a) {
                less += x < a[i] ? 1 : 0;
                equal += x == a[i] ? 1 : 0;
            }
            assertThat(ranks[i]).isEqualTo(less + (equal + 1) / 2);
        }
    }

    @Test
    void testsAnswerNaNInsteadOfThrowing() {
        assertThat(Tests.mannWhitney(new double[] {}, new double[] {1, 2}).p()).isNaN();
        assertThat(Tests.kolmogorovSmirnov(new double[] {1}, new double[] {1, 2}, 1).p()).isNaN();
        Tests.Result ks = Tests.kolmogorovSmirnov(new double[] {1, 2, 2, 3, 3, 3}, new double[] {7, 8, 8, 9, 9, 9}, 1);
        assertThat(ks.statistic()).isEqualTo(1.0);
        assertThat(ks.p()).isLessThan(0.01);
        assertThat(Tests.kolmogorovSmirnov(new double[] {1, 2, 2, 3, 3, 3}, new double[] {1, 2, 2, 3, 3, 3}, 1).p())
                .isGreaterThan(0.9);
    }
}
