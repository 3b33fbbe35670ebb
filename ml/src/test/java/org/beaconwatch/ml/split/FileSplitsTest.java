package org.beaconwatch.ml.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;
import org.junit.jupiter.api.Test;

/** The folds of a file split: no input file (capture) on both sides of a fold. */
class FileSplitsTest {

    /** Four captures of three rows each; the first row of each capture is positive. */
    private static DataTable fourCaptures() {
        String[] label = new String[12];
        int[] source = new int[12];
        for (int r = 0; r < 12; r++) {
            label[r] = r % 3 == 0 ? "1" : "0";
            source[r] = r / 3;
        }
        return new DataTable(List.of(new Column.Categorical("label", Column.Role.LABEL, label)), source,
                List.of("a/day1.log", "b/day2.log", "c/day3.log", "d/day4.log"));
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = from; i < to; i++) {
            r[i - from] = i;
        }
        return r;
    }

    @Test
    void foldsOfAFileSplitLeaveOneTrainingFileOutAtATime() {
        DataTable t = fourCaptures();
        boolean[] pos = new boolean[12];
        for (int r = 0; r < 12; r += 3) {
            pos[r] = true;
        }
        Split outer = Splits.split(t, range(0, 12), SplitSpec.parse("file"), pos, 0.25, 1, false);
        assertThat(outer.test()).containsExactly(9, 10, 11);
        // five folds asked, three training files: one fold per file
        List<Split> folds = Splits.folds(t, outer.train(), SplitSpec.parse("file"), pos, 5, 1);
        assertThat(folds).hasSize(3);
        Set<Integer> validated = new HashSet<>();
        for (Split f : folds) {
            Set<Integer> testFiles = sources(t, f.test());
            assertThat(testFiles).hasSize(1);
            assertThat(sources(t, f.train())).doesNotContainAnyElementsOf(testFiles).hasSize(2);
            validated.addAll(testFiles);
        }
        assertThat(validated).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void captureFoldsNeedThreeCaptures() {
        DataTable t = fourCaptures();
        List<Split> folds = Splits.captureFolds(t, range(0, 9));
        assertThat(folds).extracting(Split::description)
                .containsExactly("capture fold 1/3", "capture fold 2/3", "capture fold 3/3");
        assertThat(folds.get(1).test()).containsExactly(3, 4, 5);
        assertThat(folds.get(1).train()).containsExactly(0, 1, 2, 6, 7, 8);
        assertThat(Splits.captureFolds(t, range(0, 6))).isNull();
    }

    private static Set<Integer> sources(DataTable t, int[] rows) {
        Set<Integer> s = new HashSet<>();
        for (int r : rows) {
            s.add(t.source(r));
        }
        return s;
    }
}
