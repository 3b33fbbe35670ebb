package org.beaconwatch.ml.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;
import org.junit.jupiter.api.Test;

class ClassSchemeTest {

    static DataTable labels(String... values) {
        return new DataTable(List.of(new Column.Categorical("label", Column.Role.LABEL, values)), null, List.of("t.csv"));
    }

    static String[] repeat(String v, int n) {
        String[] out = new String[n];
        java.util.Arrays.fill(out, v);
        return out;
    }

    static String[] concat(String[]... parts) {
        List<String> all = new ArrayList<>();
        for (String[] p : parts) {
            all.addAll(List.of(p));
        }
        return all.toArray(new String[0]);
    }

    @Test
    void kddAttackNamesMapToTheirFourCategories() {
        LabelSpec s = new LabelSpec("label", null, true, false, LabelSpec.KDD, null);
        LabelSpec.Labels l = s.read(labels("normal", "neptune", "smurf.", "satan", "guess_passwd", "buffer_overflow",
                "httptunnel", "someday_new_attack"));
        assertThat(l.classOf()).containsExactly("normal", "DoS", "DoS", "Probe", "R2L", "U2R", "U2R", "other");
        assertThat(l.positive()).containsExactly(false, true, true, true, true, true, true, true);
    }

    @Test
    void rawLabelsKeepFrequentValuesAndGroupRareOnesAsOther() {
        int min = LabelSpec.MIN_CLASS_ROWS;
        LabelSpec s = new LabelSpec("label", null, true, false, LabelSpec.LABEL, null);
        LabelSpec.Labels l = s.read(labels(concat(repeat("Benign", 3), repeat("C&C", min), repeat("DDoS", min - 1),
                repeat("Okiru", 1))));
        assertThat(l.kept()).containsExactly("C&C", "normal");
        assertThat(l.classes()).containsExactly("C&C", "normal", "other");
        assertThat(l.classOf()[0]).isEqualTo("normal");
        assertThat(l.classOf()[3]).isEqualTo("C&C");
        assertThat(l.classOf()[3 + min]).isEqualTo("other");
        // at evaluation the kept set is fixed: a value frequent there but unseen in training is "other"
        LabelSpec.Labels later = s.withKept(l.kept()).read(labels(concat(repeat("PortScan", 50), repeat("C&C", 2))));
        assertThat(later.classOf()[0]).isEqualTo("other");
        assertThat(later.classOf()[50]).isEqualTo("C&C");
    }

    @Test
    void zeroSupportClassesAreUndefinedNotZeroAndAveragesSkipThem() {
        DataTable ev = TrainedModelTest.events(1);
        Column det = ev.column("detailed_label").orElseThrow();
        String[] raw = new String[ev.rows()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = det.isMissing(i) ? "Benign" : det.text(i);
        }
        List<Column> cols = new ArrayList<>();
        for (String n : ev.names()) {
            if (!n.equals("label") && !n.equals("detailed_label")) {
                cols.add(ev.column(n).orElseThrow());
            }
        }
        cols.add(new Column.Categorical("label", Column.Role.LABEL, raw));
        TrainingResult r = ModelTrainer.train(new DataTable(cols, null, List.of("events.csv")), TrainedModelTest.options()
                .withLabel(new LabelSpec("label", null, true, false, LabelSpec.LABEL, null)), List.of());
        var e = r.test();
        assertThat(e.classes()).contains("C&C", "PartOfAHorizontalPortScan");
        assertThat(e.classAverages()).isNotNull();
        assertThat(e.classAverages().macroF1()).isBetween(0.0, 1.0);
        assertThat(r.model().provenance().label().kept()).isNotNull();
        org.beaconwatch.ml.eval.Evaluation.ClassAverages a = org.beaconwatch.ml.eval.EvaluatorAccess.averages(List.of(
                new org.beaconwatch.ml.eval.Evaluation.ClassFigures("a", 10, 1.0, 0.5, 2 / 3.0, 0.9),
                new org.beaconwatch.ml.eval.Evaluation.ClassFigures("b", 30, 0.5, 1.0, 2 / 3.0, 0.7),
                new org.beaconwatch.ml.eval.Evaluation.ClassFigures("c", 0, 0.0, Double.NaN, Double.NaN, Double.NaN)),
                new long[][] {{5, 5, 0}, {0, 30, 0}, {0, 0, 0}});
        assertThat(a.macroRecall()).isEqualTo(0.75);
        assertThat(a.weightedRecall()).isEqualTo((0.5 * 10 + 30) / 40);
        assertThat(a.macroPrAuc()).isEqualTo(0.8, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(a.accuracy()).isEqualTo(35 / 40.0);
    }
}
