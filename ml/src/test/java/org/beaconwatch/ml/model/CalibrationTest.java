package org.beaconwatch.ml.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.beaconwatch.ml.eval.BinaryMetrics;
import org.beaconwatch.ml.eval.Evaluation;
import org.beaconwatch.ml.eval.Evaluator;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void plattUnsaturatesOverconfidentScoresWithoutReorderingThem() {
        // an over-confident scorer: the true probability is 0.8 wherever it says 0.999999
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 2000;
        double[] p = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            boolean high = rnd.nextBoolean();
            p[i] = high ? 1 - 1e-6 * rnd.nextDouble(0.5, 1.5) : 1e-6 * rnd.nextDouble(0.5, 1.5);
            y[i] = rnd.nextDouble() < (high ? 0.8 : 0.1);
        }
        Calibration c = Calibration.platt(p, y);
        assertThat(c.method()).isEqualTo("platt");
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = c.apply(p[i]);
        }
        for (int i = 0; i < n; i++) {
            if (p[i] > 0.5) {
                assertThat(q[i]).isBetween(0.7, 0.9);
            } else {
                assertThat(q[i]).isBetween(0.05, 0.15);
            }
        }
        // strictly increasing: ranking and PR-AUC unchanged, no new ties
        assertThat(BinaryMetrics.averagePrecision(q, y)).isEqualTo(BinaryMetrics.averagePrecision(p, y));
        assertThat(java.util.Arrays.stream(q).distinct().count()).isEqualTo(java.util.Arrays.stream(p).distinct().count());
        assertThat(BinaryMetrics.brier(q, y)).isLessThan(BinaryMetrics.brier(p, y));
    }

    @Test
    void tooFewRowsOfAClassMeansNoCalibration() {
        assertThat(Calibration.platt(new double[] {0.9, 0.1, 0.2}, new boolean[] {true, false, false}).method())
                .isEqualTo("none");
        assertThat(Calibration.none().apply(0.3)).isEqualTo(0.3);
    }

    @Test
    void hostsTieOnlyWhenTheirRisksAreIdentical() {
        // three hosts with the same maximum risk but different evidence, two with identical rows
        String[] hosts = {"a", "a", "b", "b", "b", "c", "d", "d", "e", "e"};
        double[] risk = {0.99, 0.2, 0.99, 0.2, 0.01, 0.99, 0.99, 0.5, 0.99, 0.5};
        List<Evaluation.HostRisk> t = Evaluator.triage(hosts, risk, null, null, 0.5, 0);
        assertThat(t).extracting(Evaluation.HostRisk::host).containsExactly("d", "e", "b", "a", "c");
        assertThat(t.get(0).hostScore()).isEqualTo(t.get(1).hostScore()); // d and e: identical risks
        assertThat(t.get(2).hostScore()).isGreaterThan(t.get(3).hostScore()); // b has one more weak row than a
        assertThat(t.get(0).expected()).isEqualTo(1.49, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void trainedModelRecordsItsCalibrationAndScoresBelowOne() {
        TrainingResult r = ModelTrainer.train(TrainedModelTest.events(1), TrainedModelTest.options(), List.of());
        assertThat(r.model().calibration().method()).isEqualTo("platt");
        assertThat(r.model().provenance().calibration()).startsWith("platt");
        assertThat(r.model().testFigures().prAuc()).isEqualTo(r.test().prAuc());
        double max = 0;
        for (double v : r.model().score(TrainedModelTest.events(2)).probability()) {
            max = Math.max(max, v);
        }
        assertThat(max).isLessThan(0.9995);
    }
}
