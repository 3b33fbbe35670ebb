package org.beaconwatch.report.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.beaconwatch.output.Provenance;
import org.junit.jupiter.api.Test;

class UnlabelledExplorationTest {

    @Test
    void portsAreCategoriesAndHeavyTailsGetALogScale() {
        UnlabelledResult r = UnlabelledFixtures.explore();
        assertThat(r.numeric()).extracting(Distributions.Numeric::name)
                .containsExactly("duration", "orig_bytes", "resp_bytes");
        assertThat(r.categorical()).extracting(Distributions.Categorical::name).contains("dst_port", "service");
        Distributions.Categorical port = r.categorical().stream().filter(c -> c.name().equals("dst_port")).findFirst()
                .orElseThrow();
        assertThat(port.top()).extracting(Distributions.Share::value).containsExactly("443", "53", "80");
        Distributions.Numeric ob = r.numeric().get(1);
        assertThat(ob.logScale()).isTrue();
        assertThat(ob.max()).isEqualTo(9e9);
        assertThat(ob.description()).isEqualTo("payload bytes the originator sent");
        assertThat(r.numeric().get(2).missing()).isEqualTo(40);
        assertThat(r.extremes()).isNotEmpty();
        assertThat(r.extremes().get(0).row()).isEqualTo(11);
        assertThat(r.extremes().get(0).column()).isEqualTo("orig_bytes");
    }

    @Test
    void correlationRatioAndCramersVAgreeWithHandComputedValues() {
        // groups {0,0,1,1} with values {1,3,5,7}: means 2 and 6, grand mean 4; SSB = 4*4 = 16, SST = 9+1+1+9 = 20
        double eta = Associations.correlationRatio(new int[] {0, 0, 1, 1}, 2, new double[] {1, 3, 5, 7}, false);
        assertThat(eta).isCloseTo(Math.sqrt(16.0 / 20.0), offset(1e-12));
        UnlabelledResult r = UnlabelledFixtures.explore();
        // service determines dst_port for dns: a strong categorical association
        Associations.Pair p = r.associations().pairs().stream()
                .filter(x -> x.measure().startsWith("Cram") && List.of(x.a(), x.b()).containsAll(List.of("dst_port", "service")))
                .findFirst().orElseThrow();
        assertThat(p.value()).isGreaterThan(0.9);
        // orig_bytes and resp_bytes are built from each other: strong positive Spearman
        int i = r.associations().numericNames().indexOf("orig_bytes");
        int j = r.associations().numericNames().indexOf("resp_bytes");
        assertThat(r.associations().spearman()[i][j]).isGreaterThan(0.5);
    }

    @Test
    void groupsAndActivity() {
        UnlabelledResult r = UnlabelledFixtures.explore();
        assertThat(r.groupings()).extracting(Groups.Grouping::by).containsExactly("service", "conn_state");
        Groups.Group dns = r.groupings().get(0).groups().stream().filter(g -> g.value().equals("dns")).findFirst()
                .orElseThrow();
        assertThat(dns.n()).isEqualTo(667);
        assertThat(dns.boxes().get(1).median()).isBetween(40.0, 60.0);
        long total = 0;
        for (long c : r.activity().connections()) {
            total += c;
        }
        assertThat(total).isEqualTo(2000);
        assertThat(r.activity().binHours()).isEqualTo(1);
        assertThat(r.talkers().sourcesByConnections()).hasSize(10);
        assertThatThrownBy(() -> UnlabelledExploration.explore(UnlabelledFixtures.conn(3), 2000, false, 42,
                List.of("nope"), Provenance.of("explore", "", List.of()))).hasMessageContaining("nope");
    }

    @Test
    void pageEscapesEveryValueFromTheLog() throws Exception {
        String html = UnlabelledReport.html(UnlabelledFixtures.explore());
        assertThat(html).doesNotContain("<script").doesNotContain("<img")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        for (String id : List.of("overview", "missing", "distributions", "outliers", "correlation", "groups", "activity",
                "talkers")) {
            assertThat(html).contains("<section id=\"" + id + "\">");
        }
    }
}
