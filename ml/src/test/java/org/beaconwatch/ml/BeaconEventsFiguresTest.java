package org.beaconwatch.ml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.beaconwatch.ml.eval.Evaluation;
import org.beaconwatch.ml.model.ModelTrainer;
import org.beaconwatch.ml.model.TrainOptions;
import org.beaconwatch.ml.model.TrainingResult;
import org.beaconwatch.ml.split.SplitSpec;
import org.beaconwatch.table.DataTable;
import org.junit.jupiter.api.Test;

/** Figures on the synthetic beacon events, group split by host. */
class BeaconEventsFiguresTest {

    @Test
    void gradientBoostingBeatsTheOneFeatureBaselineOnUnseenHosts() throws Exception {
        DataTable t = RealTables.read("beacon-events-synthetic/beacon_events_train.csv");
        TrainOptions o = TrainOptions.defaults("label", SplitSpec.parse("group:host_id"))
                .withBaseline("inter_event_seconds").withTrees(100, 3);
        TrainingResult r = ModelTrainer.train(t, o, List.of());
        Evaluation e = r.test();
        System.out.printf(Locale.ROOT, "beacon events gbt group:host_id PR-AUC %.4f ROC %.4f baseline %.4f chance %.4f "
                        + "F1 %.4f thr %.3f cv %.4f+-%.4f brier %.4f byScore %s learned %s%n", e.prAuc(), e.rocAuc(),
                e.prAucByScore().get("baseline:inter_event_seconds"), e.chancePrAuc(), e.f1(), e.threshold(),
                e.crossValidation().meanPrAuc(), e.crossValidation().sdPrAuc(), e.brier(), e.prAucByScore(),
                r.model().provenance().learned());
        assertThat(e.prAuc()).isGreaterThan(e.prAucByScore().get("baseline:inter_event_seconds"));
        assertThat(e.prAuc()).isGreaterThan(3 * e.chancePrAuc());
    }
}
