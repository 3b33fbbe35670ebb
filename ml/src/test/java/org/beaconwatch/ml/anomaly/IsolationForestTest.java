package org.beaconwatch.ml.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsolationForestTest {

    @Test
    void averagePathLengthMatchesHandValues() {
        assertThat(IsolationForest.averagePathLength(1)).isZero();
        assertThat(IsolationForest.averagePathLength(2)).isEqualTo(1.0);
        // c(3) = 2 (ln 2 + gamma) - 4/3 = 1.20739...
        assertThat(IsolationForest.averagePathLength(3)).isCloseTo(1.207392, within(1e-6));
        // c(4) = 2 (ln 3 + gamma) - 3/2 = 1.8517...
        assertThat(IsolationForest.averagePathLength(4)).isCloseTo(1.851655, within(1e-6));
        // c(256) = 2 (ln 255 + gamma) - 510/256 = 10.2448...
        assertThat(IsolationForest.averagePathLength(256)).isCloseTo(10.244770, within(1e-5));
    }

    @Test
    void twoDistinctPointsScoreOneHalf() {
        // Any split separates the two rows: every path has length 1, c(2) = 1, s = 2^-1.
        IsolationForest f = IsolationForest.fit(new double[][] {{0}, {1}}, new IsolationForest.Params(10, 2, 7));
        assertThat(f.score(new double[] {0})).isCloseTo(0.5, within(1e-12));
        assertThat(f.score(new double[] {1})).isCloseTo(0.5, within(1e-12));
        assertThat(f.score(new double[] {-100})).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void singleOutlierAmongIdenticalRowsMatchesHandComputation() {
        // {0,0,0,10}: every root split sends the three zeros left (an external node of size 3,
        // h = 1 + c(3)) and 10 right (h = 1), whatever the seed.
        double[][] rows = {{0}, {0}, {0}, {10}};
        IsolationForest f = IsolationForest.fit(rows, new IsolationForest.Params(25, 4, 3));
        double c4 = 2 * (Math.log(3) + 0.5772156649015329) - 1.5;
        double c3 = 2 * (Math.log(2) + 0.5772156649015329) - 4.0 / 3;
        assertThat(f.meanPathLength(new double[] {10})).isCloseTo(1.0, within(1e-12));
        assertThat(f.score(new double[] {10})).isCloseTo(Math.pow(2, -1 / c4), within(1e-12)); // 0.6878
        assertThat(f.score(new double[] {0})).isCloseTo(Math.pow(2, -(1 + c3) / c4), within(1e-12)); // 0.4377
        assertThat(f.score(new double[] {10})).isCloseTo(0.6878, within(1e-4));
        assertThat(f.score(new double[] {0})).isCloseTo(0.4377, within(1e-4));
    }

    @Test
    void identicalRowsScoreOneHalf() {
        double[][] rows = {{5, 1}, {5, 1}, {5, 1}, {5, 1}};
        IsolationForest f = IsolationForest.fit(rows, new IsolationForest.Params(5, 4, 1));
        // Root cannot split: h = c(4), s = 2^-1.
        assertThat(f.score(new double[] {5, 1})).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void outliersScoreHigherThanInliers() {
        SplittableRandom r = new SplittableRandom(42);
        double[][] rows = new double[1000][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {gauss(r), gauss(r), gauss(r)};
        }
        rows[10] = new double[] {8, -7, 9};
        rows[500] = new double[] {-9, 10, -8};
        IsolationForest f = IsolationForest.fit(rows, IsolationForest.Params.defaults(11));
        double[] s = f.scores(rows);
        double max = 0;
        for (int i = 0; i < s.length; i++) {
            if (i != 10 && i != 500) {
                max = Math.max(max, s[i]);
            }
        }
        assertThat(s[10]).isGreaterThan(max).isGreaterThan(0.65);
        assertThat(s[500]).isGreaterThan(max);
        assertThat(f.score(new double[] {0, 0, 0})).isLessThan(0.5);
        assertThat(f.sampleSize()).isEqualTo(256);
    }

    @Test
    void sameSeedSameScoresOtherSeedOtherModel() {
        SplittableRandom r = new SplittableRandom(1);
        double[][] rows = new double[300][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {gauss(r), r.nextDouble() * 100};
        }
        double[] a = IsolationForest.fit(rows, new IsolationForest.Params(50, 64, 99)).scores(rows);
        double[] b = IsolationForest.fit(rows, new IsolationForest.Params(50, 64, 99)).scores(rows);
        double[] c = IsolationForest.fit(rows, new IsolationForest.Params(50, 64, 100)).scores(rows);
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void missingValuesAreReplacedByTrainingMedian() {
        double[][] rows = {{1, 10}, {2, Double.NaN}, {3, 30}, {100, 20}, {Double.POSITIVE_INFINITY, 40}};
        IsolationForest f = IsolationForest.fit(rows, new IsolationForest.Params(20, 5, 5));
        // column 0 finite values 1,2,3,100 -> median 2.5; column 1: 10,30,20,40 -> 25
        assertThat(f.medians()).containsExactly(2.5, 25.0);
        assertThat(f.score(new double[] {Double.NaN, Double.NaN})).isEqualTo(f.score(new double[] {2.5, 25}));
        assertThat(Double.isFinite(f.score(new double[] {Double.NaN, 30}))).isTrue();
    }

    @Test
    void rejectsUnusableInput() {
        assertThatThrownBy(() -> IsolationForest.fit(new double[][] {{1}}, IsolationForest.Params.defaults(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 rows");
        assertThatThrownBy(() -> new IsolationForest.Params(0, 256, 1)).isInstanceOf(IllegalArgumentException.class);
        IsolationForest f = IsolationForest.fit(new double[][] {{1, 2}, {3, 4}}, IsolationForest.Params.defaults(1));
        assertThatThrownBy(() -> f.score(new double[] {1})).hasMessageContaining("expects 2");
    }

    private static double gauss(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
