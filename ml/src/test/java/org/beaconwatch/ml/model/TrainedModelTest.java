package org.beaconwatch.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.ZipFile;
import org.beaconwatch.ml.split.SplitSpec;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainedModelTest {

    /** Hosts with beacon-like events (interval ~120 s, LOLBin) among ordinary traffic. */
    static DataTable events(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 1200;
        String[] host = new String[n];
        double[] ies = new double[n];
        String[] proc = new String[n];
        double[] out = new double[n];
        double[] in = new double[n];
        String[] label = new String[n];
        String[] detailed = new String[n];
        for (int i = 0; i < n; i++) {
            int h = rnd.nextInt(40);
            host[i] = "HOST-" + h;
            int kind = rnd.nextInt(10); // 0,1: beacon; 2: scan; else normal
            boolean beacon = kind < 2;
            ies[i] = beacon ? 120 * (1 + rnd.nextDouble(-0.1, 0.1)) : rnd.nextDouble(1, 3000);
            proc[i] = beacon ? (rnd.nextBoolean() ? "rundll32.exe" : "mshta.exe") : kind == 2 ? "nmap.exe"
                    : (rnd.nextBoolean() ? "chrome.exe" : "teams.exe");
            out[i] = beacon ? rnd.nextDouble(200, 400) : rnd.nextDouble(100, 50000);
            in[i] = beacon ? rnd.nextDouble(100, 300) : rnd.nextDouble(100, 200000);
            label[i] = beacon || kind == 2 ? "Malicious" : "Benign";
            detailed[i] = beacon ? "C&C" : kind == 2 ? "PartOfAHorizontalPortScan" : null;
        }
        return new DataTable(List.of(new Column.Categorical("host_id", Column.Role.IDENTIFIER, host),
                new Column.Numeric("inter_event_seconds", Column.Role.FEATURE, ies),
                new Column.Categorical("proc_name", Column.Role.FEATURE, proc),
                new Column.Numeric("orig_bytes", Column.Role.FEATURE, out),
                new Column.Numeric("resp_bytes", Column.Role.FEATURE, in),
                new Column.Categorical("label", Column.Role.LABEL, label),
                new Column.Categorical("detailed_label", Column.Role.LABEL, detailed)), null, List.of("events.csv"));
    }

    static TrainOptions options() {
        return TrainOptions.defaults("label", SplitSpec.parse("group:host_id")).withTrees(30, 3);
    }

    @Test
    void sameSeedAndDataGiveTheSameModelAndScoresAlsoAfterSaveAndLoad(@TempDir Path dir) throws Exception {
        DataTable t = events(1);
        Path data = Files.writeString(dir.resolve("events.csv"), "pretend training file\n");
        List<InputDigest> digests = InputDigest.of(List.of(data));
        TrainingResult a = ModelTrainer.train(t, options(), digests);
        TrainingResult b = ModelTrainer.train(t, options(), digests);
        ScoredRows sa = a.model().score(t);
        ScoredRows sb = b.model().score(t);
        assertThat(sa.risk()).containsExactly(sb.risk());
        assertThat(sa.reasons()).containsExactly(sb.reasons());
        assertThat(a.model().provenanceJson()).isEqualTo(b.model().provenanceJson());
        assertThat(a.test().prAuc()).isEqualTo(b.test().prAuc());

        Path file = dir.resolve("m.bwm");
        a.model().save(file);
        TrainedModel loaded = TrainedModel.load(file);
        assertThat(loaded.score(t).risk()).containsExactly(sa.risk());
        try (ZipFile z = new ZipFile(file.toFile())) {
            String prov = new String(z.getInputStream(z.getEntry("provenance.json")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertThat(prov).contains(digests.get(0).sha256()).contains("interval_mode_closeness")
                    .contains("\"seed\" : 42").contains("tribuo").contains("group:host_id")
                    .contains("\"xgboost4j\" : \"1.6.2\"");
        }
        // a different seed gives a different model
        ScoredRows sc = ModelTrainer.train(t, options().withSeed(7), digests).model().score(t);
        assertThat(sc.risk()).isNotEqualTo(sa.risk());
    }

    @Test
    void saveAndLoadGiveIdenticalScoresForEveryModelKind(@TempDir Path dir) throws Exception {
        DataTable t = events(5);
        for (ModelKind k : ModelKind.values()) {
            TrainedModel m = ModelTrainer.train(t, options().withKind(k), List.of()).model();
            ScoredRows before = m.score(t);
            Path file = dir.resolve(k.label() + ".bwm");
            m.save(file);
            TrainedModel loaded = TrainedModel.load(file);
            ScoredRows after = loaded.score(t);
            assertThat(after.risk()).as(k + " risk").containsExactly(before.risk());
            assertThat(after.anomaly()).as(k + " anomaly").containsExactly(before.anomaly());
            assertThat(after.reasons()).as(k + " reasons").containsExactly(before.reasons());
            if (before.probability() != null) {
                assertThat(after.probability()).as(k + " probability").containsExactly(before.probability());
            }
            assertThat(loaded.provenanceJson()).isEqualTo(m.provenanceJson());
            // saving again over the file replaces it atomically and reads back the same
            loaded.save(file);
            assertThat(TrainedModel.load(file).score(t).risk()).containsExactly(before.risk());
        }
    }

    @Test
    void scoringDataWithoutTheTrainingColumnsFailsWithAClearMessage() {
        DataTable t = events(2);
        TrainedModel m = ModelTrainer.train(t, options(), List.of()).model();
        List<Column> cols = new ArrayList<>(t.columns());
        cols.removeIf(c -> c.name().equals("proc_name"));
        DataTable without = new DataTable(cols, null, null);
        assertThatThrownBy(() -> m.score(without)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[proc_name]").hasMessageContaining("that this input lacks");
        DataTable textual = t.with(new Column.Categorical("orig_bytes", Column.Role.FEATURE,
                java.util.Collections.nCopies(t.rows(), "lots").toArray(new String[0])));
        DataTable recordModelInput = textual;
        TrainedModel rec = ModelTrainer.train(t, options().withFeatures("record"), List.of()).model();
        assertThatThrownBy(() -> rec.score(recordModelInput)).hasMessageContaining("orig_bytes")
                .hasMessageContaining("numeric in the training data");
    }

    @Test
    void everyModelKindFindsTheBeaconsOnUnseenHostsWithReasons() {
        DataTable t = events(3);
        for (ModelKind k : ModelKind.values()) {
            TrainingResult r = ModelTrainer.train(t, options().withKind(k).withBaseline("inter_event_seconds"), List.of());
            assertThat(r.test().prAucByScore()).containsKey("baseline:inter_event_seconds");
            double prAuc = r.test().prAuc();
            assertThat(prAuc).as(k + " PR-AUC").isGreaterThan(k == ModelKind.IFOREST ? r.test().chancePrAuc() : 0.9);
            ScoredRows s = r.model().score(t);
            int alerts = 0;
            for (int i = 0; i < t.rows(); i++) {
                if (s.alert()[i]) {
                    alerts++;
                    assertThat(s.reasons()[i]).as(k + " reasons of an alert").isNotEmpty();
                }
            }
            assertThat(alerts).isPositive();
            assertThat(r.test().triage()).isNotEmpty();
        }
    }

    @Test
    void multiclassSeparatesCommandAndControlFromScans() {
        DataTable t = events(4);
        TrainOptions o = options().withLabel(new LabelSpec("label", null, true, false));
        TrainingResult r = ModelTrainer.train(t, o, List.of());
        assertThat(r.model().provenance().classes()).containsExactly("cc", "normal", "scan");
        assertThat(r.test().perClass()).extracting(c -> c.name()).containsExactly("cc", "normal", "scan");
        assertThat(r.test().perClass()).allSatisfy(c -> assertThat(c.f1()).isGreaterThan(0.8));
        assertThat(r.test().classConfusion()).hasDimensions(3, 3);
    }
}
