package org.beaconwatch.report.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;
import org.junit.jupiter.api.Test;

class FullScanTest {

    @Test
    void chunkedScanGivesExactMomentsAndQuantilesWithinTheStatedRankError() {
        SplittableRandom r = new SplittableRandom(1);
        int chunks = 20, per = 5000, n = chunks * per;
        double[] all = new double[n];
        FullScan scan = new FullScan();
        long missing = 0;
        for (int c = 0; c < chunks; c++) {
            double[] v = new double[per];
            String[] state = new String[per];
            for (int i = 0; i < per; i++) {
                v[i] = i % 97 == 0 ? Double.NaN : Math.exp(3 + 2 * r.nextGaussian());
                all[c * per + i] = v[i];
                missing += Double.isNaN(v[i]) ? 1 : 0;
                state[i] = r.nextInt(10) == 0 ? "S0" : "SF";
            }
            List<Column> cols = new ArrayList<>();
            cols.add(new Column.Numeric("orig_bytes", Column.Role.FEATURE, v));
            if (c != 3) { // a chunk where the column has no value at all is absent from it
                cols.add(new Column.Categorical("conn_state", Column.Role.FEATURE, state));
            }
            scan.add(new DataTable(cols, null, List.of("x")));
        }
        FullScan.Result res = scan.result();
        assertThat(res.rows()).isEqualTo(n);
        FullScan.NumericFull ob = res.numeric().get(0);
        double[] s = ColumnTypes.finiteSorted(all);
        double mean = Arrays.stream(s).average().orElseThrow();
        assertThat(ob.n()).isEqualTo(s.length);
        assertThat(ob.missing()).isEqualTo(missing);
        assertThat(ob.mean()).isCloseTo(mean, offset(1e-9 * mean));
        assertThat(ob.min()).isEqualTo(s[0]);
        assertThat(ob.max()).isEqualTo(s[s.length - 1]);
        // the sketched median's true rank lies within the stated rank error
        for (double p : new double[] {0.25, 0.5, 0.75, 0.99}) {
            double q = p == 0.25 ? ob.q1() : p == 0.5 ? ob.median() : p == 0.75 ? ob.q3() : ob.p99();
            int below = 0;
            for (double x : s) {
                below += x <= q ? 1 : 0;
            }
            assertThat((double) below / s.length).as("rank of q%.2f", p).isCloseTo(p, offset(res.rankError()));
        }
        FullScan.CategoricalFull st = res.categorical().get(0);
        assertThat(st.missing()).isEqualTo(per);
        assertThat(st.n()).isEqualTo(n - per);
        assertThat(st.distinctExact()).isTrue();
        assertThat(st.topExact()).isTrue();
        assertThat(st.top().get(0).value()).isEqualTo("SF");
        assertThat(st.top().get(0).count() + st.top().get(1).count()).isEqualTo(n - per);
        assertThat(res.rankError()).isBetween(0.01, 0.02);
    }

    @Test
    void manyCategoriesSwitchToSketchesAndSayTheyAreEstimates() {
        FullScan scan = new FullScan();
        String[] v = new String[30_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 3 == 0 ? "popular.example" : "name" + i + ".example";
        }
        scan.add(new DataTable(List.of(new Column.Categorical("server_name", Column.Role.FEATURE, v)), null,
                List.of("x")));
        FullScan.CategoricalFull c = scan.result().categorical().get(0);
        assertThat(c.distinctExact()).isFalse();
        assertThat(c.topExact()).isFalse();
        assertThat((double) c.distinct()).isCloseTo(20_001, offset(20_001 * 0.03));
        assertThat(c.top().get(0).value()).isEqualTo("popular.example");
        assertThat(c.top().get(0).count()).isBetween(10_000L, 10_000L + c.maxError());
    }
}
