package org.beaconwatch.ml.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.beaconwatch.ml.model.ModelTrainer;
import org.beaconwatch.ml.model.TrainOptions;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;
import org.junit.jupiter.api.Test;

class LeakySplitTest {

    /**
     * 60 hosts, 15 of them infected (every row positive); each host has a fingerprint (a typical
     * byte size) that says nothing about infection. Only memorising hosts can score well.
     */
    static DataTable hostFingerprints(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int hosts = 60;
        int per = 30;
        String[] host = new String[hosts * per];
        String[] label = new String[hosts * per];
        double[] size = new double[hosts * per];
        double[] noise = new double[hosts * per];
        for (int h = 0; h < hosts; h++) {
            double fp = rnd.nextDouble(100, 10000);
            boolean infected = h % 4 == 0;
            for (int i = 0; i < per; i++) {
                int r = h * per + i;
                host[r] = "HOST-" + h;
                label[r] = infected ? "1" : "0";
                size[r] = fp * (1 + rnd.nextDouble(-0.001, 0.001));
                noise[r] = rnd.nextDouble();
            }
        }
        return new DataTable(List.of(new Column.Categorical("host_id", Column.Role.IDENTIFIER, host),
                new Column.Numeric("bytes_typical", Column.Role.FEATURE, size),
                new Column.Numeric("noise", Column.Role.FEATURE, noise),
                new Column.Categorical("label", Column.Role.LABEL, label)), null, List.of("fixture"));
    }

    @Test
    void randomRowSplitOnDataWithHostsIsRefusedWithAnExplanation() {
        DataTable t = hostFingerprints(1);
        TrainOptions o = TrainOptions.defaults("label", SplitSpec.parse("random")).withTrees(30, 3);
        assertThatThrownBy(() -> ModelTrainer.train(t, o, List.of()))
                .isInstanceOf(LeakySplitException.class)
                .hasMessageContaining("same host would land in both training and test")
                .hasMessageContaining("--split group:host_id")
                .hasMessageContaining("--allow-leaky-split");
    }

    @Test
    void theRefusedSplitWouldHaveInflatedTheScore() {
        DataTable t = hostFingerprints(2);
        TrainOptions base = TrainOptions.defaults("label", SplitSpec.parse("group:host_id")).withTrees(100, 3);
        double honest = ModelTrainer.train(t, base, List.of()).test().prAuc();
        double leaky = ModelTrainer.train(t, base.withSplit(SplitSpec.parse("random"), true), List.of()).test().prAuc();
        // the host fingerprint carries no information about infection: only the leaky split can "find" it
        System.out.printf(java.util.Locale.ROOT, "host-fingerprint fixture: PR-AUC group split %.3f, random split %.3f%n",
                honest, leaky);
        assertThat(leaky).isGreaterThan(0.9);
        assertThat(honest).isLessThan(0.6);
        assertThat(leaky - honest).isGreaterThan(0.4);
    }

    @Test
    void groupSplitNeverPutsAHostOnBothSidesAndFoldsToo() {
        DataTable t = hostFingerprints(3);
        boolean[] pos = new boolean[t.rows()];
        Column label = t.column("label").orElseThrow();
        int[] all = new int[t.rows()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
            pos[i] = label.text(i).equals("1");
        }
        Split s = Splits.split(t, all, SplitSpec.parse("group:host_id"), pos, 0.25, 7, false);
        Column host = t.column("host_id").orElseThrow();
        assertThat(hosts(host, s.train())).doesNotContainAnyElementsOf(hosts(host, s.test()));
        assertThat(s.train().length + s.test().length).isEqualTo(t.rows());
        boolean anyPosTest = false;
        for (int r : s.test()) {
            anyPosTest |= pos[r];
        }
        assertThat(anyPosTest).as("stratified by group: test holds infected hosts").isTrue();
        for (Split f : Splits.folds(t, s.train(), SplitSpec.parse("group:host_id"), pos, 4, 7)) {
            assertThat(hosts(host, f.train())).doesNotContainAnyElementsOf(hosts(host, f.test()));
        }
    }

    @Test
    void timeSplitTrainsStrictlyBeforeTheTestPeriodWithTheGap() {
        double[] ts = new double[100];
        String[] label = new String[100];
        for (int i = 0; i < 100; i++) {
            ts[i] = 1000 + (i * 37 % 100) * 10.0;
            label[i] = i % 3 == 0 ? "1" : "0";
        }
        DataTable t = new DataTable(List.of(new Column.Numeric("ts", Column.Role.TIME, ts),
                new Column.Categorical("label", Column.Role.LABEL, label)), null, null);
        int[] all = new int[100];
        for (int i = 0; i < 100; i++) {
            all[i] = i;
        }
        Split s = Splits.split(t, all, SplitSpec.parse("time:50"), new boolean[100], 0.3, 1, false);
        double maxTrain = Double.NEGATIVE_INFINITY;
        double minTest = Double.POSITIVE_INFINITY;
        for (int r : s.train()) {
            maxTrain = Math.max(maxTrain, ts[r]);
        }
        for (int r : s.test()) {
            minTest = Math.min(minTest, ts[r]);
        }
        assertThat(maxTrain).isLessThan(minTest - 50);
        assertThat(s.test()).hasSize(30);
        for (Split f : Splits.folds(t, s.train(), SplitSpec.parse("time"), new boolean[100], 3, 1)) {
            double mt = Double.NEGATIVE_INFINITY;
            for (int r : f.train()) {
                mt = Math.max(mt, ts[r]);
            }
            for (int r : f.test()) {
                assertThat(ts[r]).isGreaterThan(mt);
            }
        }
    }

    @Test
    void fileSplitTestsOnTheNamedCapture() {
        String[] label = {"1", "0", "1", "0", "1", "0"};
        DataTable t = new DataTable(List.of(new Column.Categorical("label", Column.Role.LABEL, label)),
                new int[] {0, 0, 1, 1, 2, 2}, List.of("a/day1.log", "b/day2.log", "c/day3.log"));
        Split s = Splits.split(t, new int[] {0, 1, 2, 3, 4, 5}, SplitSpec.parse("file:day2"), new boolean[6], 0.5, 1,
                false);
        assertThat(s.test()).containsExactly(2, 3);
        assertThat(s.train()).containsExactly(0, 1, 4, 5);
        assertThatThrownBy(() -> Splits.split(t.select(new int[] {0, 1}), new int[] {0, 1}, SplitSpec.parse("file"),
                new boolean[2], 0.5, 1, false)).hasMessageContaining("at least 2 input files");
    }

    private static Set<String> hosts(Column c, int[] rows) {
        Set<String> s = new HashSet<>();
        for (int r : rows) {
            s.add(c.text(r));
        }
        return s;
    }
}
