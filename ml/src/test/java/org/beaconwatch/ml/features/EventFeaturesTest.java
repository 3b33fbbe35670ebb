package org.beaconwatch.ml.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;
import org.junit.jupiter.api.Test;

class EventFeaturesTest {

    /** Positives beacon every ~300 s (+-5 %), negatives anywhere from 5 s to 2 h. */
    static DataTable events(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] ies = new double[n];
        String[] proc = new String[n];
        String[] label = new String[n];
        for (int i = 0; i < n; i++) {
            boolean pos = i % 5 == 0;
            ies[i] = pos ? 300 * (1 + rnd.nextDouble(-0.05, 0.05)) : Math.exp(rnd.nextDouble(Math.log(5), Math.log(7200)));
            if (i % 37 == 0) {
                ies[i] = Double.NaN;
            }
            proc[i] = pos ? (i % 2 == 0 ? "rundll32.exe" : "chrome.exe") : (i % 3 == 0 ? "chrome.exe" : "word.exe");
            label[i] = pos ? "1" : "0";
        }
        return new DataTable(List.of(new Column.Numeric("inter_event_seconds", Column.Role.FEATURE, ies),
                new Column.Categorical("proc_name", Column.Role.FEATURE, proc),
                new Column.Categorical("label", Column.Role.LABEL, label)), null, null);
    }

    static boolean[] positives(DataTable t) {
        boolean[] p = new boolean[t.rows()];
        for (int i = 0; i < p.length; i++) {
            p[i] = t.column("label").orElseThrow().text(i).equals("1");
        }
        return p;
    }

    @Test
    void learnsTheBeaconIntervalOfTheTrainingDataNotAFixedSixtySeconds() {
        DataTable t = events(2000, 1);
        int[] train = new int[1500];
        for (int i = 0; i < train.length; i++) {
            train[i] = i;
        }
        EventFeatures.Fitted f = (EventFeatures.Fitted) new EventFeatures().fit(t, train, positives(t));
        assertThat(f.learnedIntervals()).hasSize(1);
        assertThat(f.learnedIntervals().get(0)).isBetween(285.0, 315.0);
        FeatureMatrix x = f.transform(t);
        int close = x.names().indexOf("interval_mode_closeness");
        int missing = x.names().indexOf("interval_missing");
        assertThat(x.values()[5][close]).isGreaterThan(0.5); // a positive near 300 s
        assertThat(x.values()[0][missing]).isEqualTo(1); // row 0 has no interval
        assertThat(x.values()[0][close]).isZero();
    }

    @Test
    void processRiskIsFittedOnTrainingRowsOnlyAndUnseenValuesGetThePrior() {
        DataTable t = events(1000, 2);
        String[] proc = ((Column.Categorical) t.column("proc_name").orElseThrow()).values().clone();
        proc[999] = "never-seen.exe";
        t = t.with(new Column.Categorical("proc_name", Column.Role.FEATURE, proc));
        int[] train = new int[800];
        for (int i = 0; i < 800; i++) {
            train[i] = i;
        }
        boolean[] pos = positives(t);
        // flipping labels outside the training rows must not change any encoding
        boolean[] flipped = pos.clone();
        for (int i = 800; i < 1000; i++) {
            flipped[i] = !flipped[i];
        }
        FeatureMatrix a = new EventFeatures().fit(t, train, pos).transform(t);
        FeatureMatrix b = new EventFeatures().fit(t, train, flipped).transform(t);
        for (int i = 0; i < 1000; i++) {
            assertThat(a.values()[i]).containsExactly(b.values()[i]);
        }
        int risk = a.names().indexOf("process_risk");
        double rundll = a.values()[10][risk];
        double word = a.values()[1][risk];
        assertThat(rundll).isGreaterThan(0.8);
        assertThat(word).isLessThan(0.05);
        assertThat(a.values()[999][risk]).as("unseen process gets the training prior").isBetween(0.15, 0.25);
    }

    @Test
    void aTableWithoutTheNeededColumnsFailsWithAClearMessage() {
        DataTable t = events(200, 3);
        int[] train = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        FittedFeatures f = new EventFeatures().fit(t, train, positives(t));
        DataTable other = new DataTable(List.of(t.column("inter_event_seconds").orElseThrow()), null, null);
        assertThatThrownBy(() -> f.transform(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("proc_name").hasMessageContaining("that this input lacks");
    }
}
