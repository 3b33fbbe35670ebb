package org.beaconwatch.ml.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.beaconwatch.ml.eval.Evaluation;
import org.junit.jupiter.api.Test;

class ImportanceTest {

    @Test
    void theFeatureThatCarriesTheLabelRanksFirstByBothMeasures() {
        TrainingResult r = ModelTrainer.train(TrainedModelTest.events(1), TrainedModelTest.options(), List.of());
        List<Evaluation.FeatureImportance> imp = r.test().importance();
        assertThat(imp).hasSize(r.model().featureNames().size());
        Evaluation.FeatureImportance first = imp.get(0);
        // beacons and scans are told apart by process and interval; the byte counts are noise-like
        assertThat(first.feature()).containsAnyOf("proc", "interval");
        assertThat(first.permutationMean()).isGreaterThan(0.01);
        assertThat(first.permutationSd()).isGreaterThanOrEqualTo(0);
        assertThat(first.repeats()).isEqualTo(Importance.REPEATS);
        double gainSum = imp.stream().mapToDouble(Evaluation.FeatureImportance::gain).sum();
        assertThat(gainSum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(r.model().testFigures().topFeatures()).isNotEmpty();
        assertThat(r.model().testFigures().topFeatures().get(0)).startsWith(first.feature() + " (PR-AUC drop");
    }
}
