package org.beaconwatch.ml.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;
import org.junit.jupiter.api.Test;

/** Cross-validation folds inside a time split keep the outer split's gap between training and validation rows. */
class TimeFoldGapTest {
    private static DataTable rowsAtRandomTimes(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] ts = new double[n];
        String[] label = new String[n];
        for (int i = 0; i < n; i++) {
            ts[i] = rnd.nextDouble(0, 86_400);
            label[i] = rnd.nextInt(5) == 0 ? "1" : "0";
        }
        return new DataTable(List.of(new Column.Numeric("ts", Column.Role.TIME, ts),
                new Column.Categorical("label", Column.Role.LABEL, label)), null, List.of("fixture"));
    }

    @Test
    void noValidationRowLiesWithinTheGapOfATrainingRow() {
        DataTable t = rowsAtRandomTimes(2_000, 7);
        double[] ts = ((Column.Numeric) t.column("ts").orElseThrow()).values();
        int[] all = new int[t.rows()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        double gap = 3_600;
        List<Split> folds = Splits.folds(t, all, SplitSpec.parse("time:3600"), new boolean[t.rows()], 5, 1);
        assertThat(folds).hasSize(5);
        for (Split f : folds) {
            assertThat(f.train()).isNotEmpty();
            double lastTrain = Double.NEGATIVE_INFINITY;
            for (int r : f.train()) {
                lastTrain = Math.max(lastTrain, ts[r]);
            }
            for (int r : f.test()) {
                assertThat(ts[r] - lastTrain).as(f.description()).isGreaterThanOrEqualTo(gap);
            }
        }
        // without a gap the folds keep every earlier row, so the gap is what removed rows
        List<Split> noGap = Splits.folds(t, all, SplitSpec.parse("time"), new boolean[t.rows()], 5, 1);
        for (int k = 0; k < folds.size(); k++) {
            assertThat(noGap.get(k).train().length).isGreaterThan(folds.get(k).train().length);
            assertThat(noGap.get(k).test()).isEqualTo(folds.get(k).test());
        }
    }
}
