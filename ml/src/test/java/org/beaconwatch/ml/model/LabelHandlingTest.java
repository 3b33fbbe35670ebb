package org.beaconwatch.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.beaconwatch.ml.eval.EvaluationJson;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelHandlingTest {

    private static DataTable withLabels(DataTable t, String[] labels) {
        List<Column> cols = new ArrayList<>();
        for (Column c : t.columns()) {
            cols.add(c.name().equals("label") ? new Column.Categorical("label", Column.Role.LABEL, labels) : c);
        }
        return new DataTable(cols, null, List.of("events.csv"));
    }

    @Test
    void unknownLabelValuesAreExcludedAndCountedNotMalicious() {
        DataTable t = TrainedModelTest.events(21);
        String[] labels = new String[t.rows()];
        Column l = t.column("label").orElseThrow();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 10 == 0 ? "Unknown" : l.text(i);
        }
        DataTable u = withLabels(t, labels);
        LabelSpec.Labels read = new LabelSpec("label", null, false, false).read(u);
        int unknown = (t.rows() + 9) / 10;
        assertThat(read.dropped()).isEqualTo(unknown);
        assertThat(read.excluded()).containsEntry(
                "label value 'Unknown' (unknown class; name it with --positive to count it)", (long) unknown);
        assertThat(read.classOf()[0]).isNull();
        // named as the positive value, they count
        LabelSpec.Labels named = new LabelSpec("label", "Unknown", false, false).read(u);
        assertThat(named.classOf()[0]).isEqualTo("malicious");
        TrainingResult r = ModelTrainer.train(u, TrainedModelTest.options().withTrees(10, 2), List.of());
        assertThat(r.test().excludedRows()).containsValue((long) unknown);
        assertThat(EvaluationJson.toJson(r.test())).contains("\"excludedRows\"").contains("unknown class");
    }

    @Test
    void aGroupSplitWithPositivesInOneGroupIsRefused() {
        DataTable t = TrainedModelTest.events(22);
        String[] labels = new String[t.rows()];
        Column host = t.column("host_id").orElseThrow();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = host.text(i).equals("HOST-3") ? "Malicious" : "Benign";
        }
        assertThatThrownBy(() -> ModelTrainer.train(withLabels(t, labels), TrainedModelTest.options(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without positives")
                .hasMessageContaining("(0 of");
    }

    @Test
    void evaluatingOnATrainingInputIsFlagged(@TempDir Path dir) throws Exception {
        Path train = Files.writeString(dir.resolve("train.csv"), "pretend training data\n");
        Path copy = Files.copy(train, dir.resolve("copy.csv"));
        Path other = Files.writeString(dir.resolve("other.csv"), "other data\n");
        DataTable t = TrainedModelTest.events(23);
        TrainedModel m = ModelTrainer.train(t, TrainedModelTest.options().withTrees(10, 2), InputDigest.of(List.of(train)))
                .model();
        assertThat(m.trainingInputsAmong(List.of(other))).isEmpty();
        assertThat(m.trainingInputsAmong(List.of(other, copy))).containsExactly(copy.toString());
        var e = m.evaluate(t, m.provenance().label(), "copy.csv").withTrainingInputsEvaluated(List.of(copy.toString()));
        assertThat(EvaluationJson.toJson(e)).contains("\"testIsTrainingData\" : true").contains("copy.csv");
    }

    @Test
    void aClassWithoutSupportHasUndefinedFiguresWrittenAsNull() {
        var c = new org.beaconwatch.ml.eval.Evaluation.ClassFigures("spam", 0, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN);
        assertThat(EvaluationJson.toJson(c)).contains("\"precision\" : null").contains("\"f1\" : null");
    }
}
