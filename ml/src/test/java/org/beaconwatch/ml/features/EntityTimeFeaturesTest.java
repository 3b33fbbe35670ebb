package org.beaconwatch.ml.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EntityTimeFeaturesTest {

    @Test
    void laterRecordsNeverChangeEarlierFeatures() {
        SplittableRandom rnd = new SplittableRandom(5);
        int n = 400;
        double[] ts = new double[n];
        String[] src = new String[n];
        String[] dst = new String[n];
        double[] bytes = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = Math.floor(rnd.nextDouble(0, 20000)); // many equal timestamps
            src[i] = "h" + rnd.nextInt(5);
            dst[i] = "d" + rnd.nextInt(7);
            bytes[i] = rnd.nextInt(2000);
        }
        double[][] full = EntityTimeFeatures.compute(ts, src, dst, bytes);
        double cut = 10000;
        int m = 0;
        for (double t : ts) {
            if (t <= cut) {
                m++;
            }
        }
        double[] ts2 = new double[m];
        String[] s2 = new String[m];
        String[] d2 = new String[m];
        double[] b2 = new double[m];
        int[] back = new int[m];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (ts[i] <= cut) {
                ts2[k] = ts[i];
                s2[k] = src[i];
                d2[k] = dst[i];
                b2[k] = bytes[i];
                back[k++] = i;
            }
        }
        double[][] past = EntityTimeFeatures.compute(ts2, s2, d2, b2);
        for (int i = 0; i < m; i++) {
            assertThat(past[i]).as("row %d", back[i]).containsExactly(full[back[i]]);
        }
    }

    @Test
    void countsOnlyStrictlyEarlierRecordsAndSeesRegularity() {
        double[] ts = {100, 160, 220, 220, 280};
        String[] src = {"a", "a", "a", "a", "a"};
        String[] dst = {"c2", "c2", "c2", "other", "c2"};
        double[] bytes = {10, 10, 10, 500, 10};
        double[][] x = EntityTimeFeatures.compute(ts, src, dst, bytes);
        int srcBefore = EntityTimeFeatures.NAMES.indexOf("src_events_before");
        int pairBefore = EntityTimeFeatures.NAMES.indexOf("pair_events_before");
        int first = EntityTimeFeatures.NAMES.indexOf("pair_first_seen");
        int cv = EntityTimeFeatures.NAMES.indexOf("pair_gap_cv");
        assertThat(x[0][first]).isEqualTo(1);
        assertThat(x[0][srcBefore]).isZero();
        // the two records at t=220 do not see each other
        assertThat(x[2][srcBefore]).isEqualTo(Math.log1p(2));
        assertThat(x[3][srcBefore]).isEqualTo(Math.log1p(2));
        assertThat(x[3][first]).isEqualTo(1);
        assertThat(x[4][pairBefore]).isEqualTo(Math.log1p(3));
        assertThat(x[4][cv]).as("gaps 60, 60: perfectly regular").isZero();
        assertThat(Arrays.stream(x).flatMapToDouble(Arrays::stream).allMatch(Double::isFinite)).isTrue();
    }
}
