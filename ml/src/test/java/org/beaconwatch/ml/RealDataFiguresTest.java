package org.beaconwatch.ml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.beaconwatch.ml.eval.Evaluation;
import org.beaconwatch.ml.model.LabelSpec;
import org.beaconwatch.ml.model.ModelTrainer;
import org.beaconwatch.ml.model.TrainOptions;
import org.beaconwatch.ml.model.TrainingResult;
import org.beaconwatch.ml.split.SplitSpec;
import org.beaconwatch.table.DataTable;
import org.junit.jupiter.api.Test;

/** Figures on real captures through the real readers (skipped without the shared data). */
class RealDataFiguresTest {
    static final String CTU50 = "stratosphere-ctu50-benign-windows-zeek/";

    static void print(String what, Evaluation e) {
        System.out.printf(Locale.ROOT, "%s: rows %d pos %d PR-AUC %.4f (chance %.4f) ROC %.4f P %.3f R %.3f F1 %.3f "
                        + "thr %.3f brier %.4f cv %.4f+-%.4f byScore %s%n", what, e.rows(), e.positives(), e.prAuc(),
                e.chancePrAuc(), e.rocAuc(), e.precision(), e.recall(), e.f1(), e.threshold(), e.brier(),
                e.crossValidation().meanPrAuc(), e.crossValidation().sdPrAuc(), e.prAucByScore());
    }

    @Test
    void trainOnOneCaptureDayAndEvaluateOnTheNext() throws Exception {
        DataTable t = RealTables.read(CTU50 + "008-ctu-normal-40-day1.conn.log.labeled",
                CTU50 + "010-ctu-normal-42-day2.conn.log.labeled");
        TrainOptions o = TrainOptions.defaults("label", SplitSpec.parse("file:010")).withTrees(60, 3);
        TrainingResult r = ModelTrainer.train(t, o, List.of());
        print("CTU-50 day1 -> day2 gbt record+entity", r.test());
        assertThat(r.split().description()).contains("010-ctu-normal-42-day2");
        assertThat(r.test().prAuc()).isGreaterThan(0.9);
    }

    @Test
    void nslKddPerRecordStratifiedSplit() throws Exception {
        DataTable t = RealTables.sample(6000, "nsl-kdd/KDDTest+.txt");
        TrainOptions o = TrainOptions.defaults("label", SplitSpec.parse("stratified")).withTrees(60, 3);
        TrainingResult r = ModelTrainer.train(t, o, List.of());
        print("NSL-KDD KDDTest+ (6000-row sample) stratified 75/25 gbt record", r.test());
        assertThat(r.model().featureNames()).doesNotContain("#correctly_predicted");
        assertThat(r.test().prAuc()).isGreaterThan(0.95);
    }

    @Test
    void miraiMulticlassByTime() throws Exception {
        DataTable t = RealTables.sample(5000, "iot23-ctu-iot-malware-capture-34-1-mirai-zeek/conn.log.labeled");
        TrainOptions o = TrainOptions.defaults("label", SplitSpec.parse("time"))
                .withLabel(new LabelSpec("label", null, true, false)).withTrees(60, 3);
        TrainingResult r = ModelTrainer.train(t, o, List.of());
        print("IoT-23 Mirai (5000-row sample) multiclass time split gbt", r.test());
        for (Evaluation.ClassFigures c : r.test().perClass()) {
            System.out.printf(Locale.ROOT, "  %s support %d P %.3f R %.3f F1 %.3f AP %.3f%n", c.name(), c.support(),
                    c.precision(), c.recall(), c.f1(), c.prAuc());
        }
        assertThat(r.model().provenance().classes()).contains("cc", "ddos", "normal");
    }
}
