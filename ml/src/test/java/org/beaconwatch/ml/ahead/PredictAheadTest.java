package org.beaconwatch.ml.ahead;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.beaconwatch.ml.model.ModelTrainer;
import org.beaconwatch.ml.model.TrainOptions;
import org.beaconwatch.ml.model.TrainingResult;
import org.beaconwatch.ml.split.SplitSpec;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictAheadTest {
    static final long HOUR = 3600;

    static LanlEvents.Events events(List<String> auth, List<String> red, Path dir) throws Exception {
        Files.write(dir.resolve("auth.txt"), auth);
        Files.write(dir.resolve("redteam.txt"), red);
        return LanlEvents.read(List.of(dir.resolve("auth.txt"), dir.resolve("redteam.txt")));
    }

    /** Rows of {@code t} with ts below {@code cut}, as text lines (features and label). */
    static List<String> rowsBefore(DataTable t, double cut, boolean withLabel) {
        Column ts = t.column("ts").orElseThrow();
        List<String> out = new ArrayList<>();
        for (int r = 0; r < t.rows(); r++) {
            if (((Column.Numeric) ts).values()[r] < cut) {
                StringBuilder sb = new StringBuilder();
                for (Column c : t.columns()) {
                    if (withLabel || !c.name().equals("label")) {
                        sb.append(c.text(r)).append('|');
                    }
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    @Test
    void noFeatureSeesTheFuture(@TempDir Path dir) throws Exception {
        LanlSimulation.Result sim = LanlSimulation.run(new LanlSimulation.Config(30, 30, 11));
        LanlEvents.Events all = events(sim.auth(), sim.redteam(), dir);
        long cut = 20 * HOUR;
        // the same history up to the cut, then a different future: more events, new pairs, failures, attacks
        List<String> auth = new ArrayList<>();
        for (String l : sim.auth()) {
            if (Long.parseLong(l.substring(0, l.indexOf(','))) < cut) {
                auth.add(l);
            }
        }
        List<String> red = new ArrayList<>();
        for (String l : sim.redteam()) {
            if (Long.parseLong(l.substring(0, l.indexOf(','))) < cut) {
                red.add(l);
            }
        }
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < 2000; i++) {
            long t = cut + rnd.nextLong(10 * HOUR);
            auth.add(t + ",U1@DOM1,U1@DOM1,C" + (1 + rnd.nextInt(30)) + ",C" + (1 + rnd.nextInt(30))
                    + ",NTLM,Network,LogOn,Fail");
            if (i % 10 == 0) {
                red.add(t + ",U9@DOM1,C" + (1 + rnd.nextInt(30)) + ",C" + (1 + rnd.nextInt(30)));
            }
        }
        Path other = Files.createDirectory(dir.resolve("other"));
        LanlEvents.Events changed = events(auth, red, other);
        DataTable a = PredictAhead.examples(all, HOUR);
        DataTable b = PredictAhead.examples(changed, HOUR);
        // every example whose window starts at or before the cut has the same features: only its label,
        // which is about [T, T + W), may look past T (and only the last window before the cut reaches it)
        assertThat(rowsBefore(b, (double) (cut + 1), false)).isEqualTo(rowsBefore(a, (double) (cut + 1), false)).isNotEmpty();
        assertThat(rowsBefore(b, (double) cut, true)).isEqualTo(rowsBefore(a, (double) cut, true));
    }

    @Test
    void labelsAreAttacksInTheNextWindowAndFeaturesCountThePast(@TempDir Path dir) throws Exception {
        List<String> auth = List.of("0,U1@D,U1@D,C1,C2,Kerberos,Network,LogOn,Success",
                "100,U1@D,U1@D,C1,C2,Kerberos,Network,LogOn,Fail",
                "3700,U1@D,U1@D,C1,C3,Kerberos,Network,LogOn,Success",
                "7300,U1@D,U1@D,C1,C2,Kerberos,Network,LogOn,Success");
        List<String> red = List.of("4000,U9@D,C1,C2");
        DataTable t = PredictAhead.examples(events(auth, red, dir), HOUR);
        // T = 3600: pair C1->C2 (active in [0, 3600)); attacked in [3600, 7200) -> malicious
        assertThat(t.rows()).isEqualTo(3);
        assertThat(t.column("dst").orElseThrow().text(0)).isEqualTo("C2");
        assertThat(t.column("label").orElseThrow().text(0)).isEqualTo("malicious");
        assertThat(((Column.Numeric) t.column("pair_events_last_window").orElseThrow()).values()[0]).isEqualTo(2);
        assertThat(((Column.Numeric) t.column("pair_failed_last_window").orElseThrow()).values()[0]).isEqualTo(1);
        assertThat(((Column.Numeric) t.column(PredictAhead.BASELINE).orElseThrow()).values()[0]).isZero();
        // T = 7200: C1->C3 and C1->C2 (the red-team event counts as activity); the attack is now history
        int c2 = t.column("dst").orElseThrow().text(1).equals("C2") ? 1 : 2;
        assertThat(((Column.Numeric) t.column(PredictAhead.BASELINE).orElseThrow()).values()[c2]).isEqualTo(1);
        assertThat(t.column("label").orElseThrow().text(c2)).isEqualTo("benign");
    }

    @Test
    void featuretoolsExportAndLanlFilesAreRecognisedByContent() {
        assertThat(LanlEvents.detect("secs,src_name,dest_name,src_host,dest_host,label"))
                .isEqualTo(LanlEvents.Kind.FEATURETOOLS);
        assertThat(LanlEvents.detect("1,C625@DOM1,U147@DOM1,C625,C625,Negotiate,Batch,LogOn,Success"))
                .isEqualTo(LanlEvents.Kind.AUTH);
        assertThat(LanlEvents.detect("1,0,C1065,389,C3799,N10451,6,10,5323")).isEqualTo(LanlEvents.Kind.FLOWS);
        assertThat(LanlEvents.detect("150885,U620@DOM1,C17693,C1003")).isEqualTo(LanlEvents.Kind.REDTEAM);
        assertThat(LanlEvents.detect("ts,src,dst")).isNull();
    }

    @Test
    void featuretoolsLabelsAMarkAttacksAndNaIsNotAnAttack(@TempDir Path dir) throws Exception {
        Path f = Files.write(dir.resolve("export.csv"), List.of("secs,src_name,dest_name,src_host,dest_host,label",
                "10,U1,U1,C1,C2,N", "20,U2,U2,C3,C4,A", "30,U3,U3,C5,C6,N/A"));
        LanlEvents.Events e = LanlEvents.read(List.of(f));
        assertThat(e.attack()).containsExactly(false, true, false);
        assertThat(e.src()).containsExactly("C1", "C3", "C5");
    }

    @Test
    void onTheSimulatedFixtureTheModelBeatsChanceAndTheLastWindowBaseline() {
        LanlEvents.Events e = eventsOf(LanlSimulation.run(LanlSimulation.Config.fixture()));
        DataTable t = PredictAhead.examples(e, HOUR);
        TrainOptions o = TrainOptions.defaults("label", SplitSpec.parse("time:3600")).withFeatures("record")
                .withBaseline(PredictAhead.BASELINE).withTrees(40, 3);
        TrainingResult r = ModelTrainer.train(t, o, List.of());
        double base = r.test().prAucByScore().get("baseline:" + PredictAhead.BASELINE);
        assertThat(r.test().prAuc()).isGreaterThan(5 * r.test().chancePrAuc());
        assertThat(r.test().prAuc()).isGreaterThan(base - 0.05); // at least as good as the baseline, within noise
    }

    @Test
    void theCommittedFixtureIsWhatTheSimulationWrites() throws Exception {
        Path dir = Path.of("..", "docs", "examples", "lanl-sim");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(dir), "fixture folder not found from " + Path.of("")
                .toAbsolutePath());
        LanlSimulation.Result sim = LanlSimulation.run(LanlSimulation.Config.fixture());
        assertThat(gunzip(dir.resolve("auth.txt.gz"))).isEqualTo(sim.auth());
        assertThat(gunzip(dir.resolve("redteam.txt.gz"))).isEqualTo(sim.redteam());
    }

    static List<String> gunzip(Path p) throws Exception {
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(p))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        }
    }

    static LanlEvents.Events eventsOf(LanlSimulation.Result sim) {
        try {
            Path dir = Files.createTempDirectory("lanl");
            LanlEvents.Events e = events(sim.auth(), sim.redteam(), dir);
            Files.delete(dir.resolve("auth.txt"));
            Files.delete(dir.resolve("redteam.txt"));
            Files.delete(dir);
            return e;
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
