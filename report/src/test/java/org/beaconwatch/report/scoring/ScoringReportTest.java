package org.beaconwatch.report.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.beaconwatch.ml.eval.Evaluation;
import org.beaconwatch.output.Provenance;
import org.beaconwatch.ml.model.LabelSpec;
import org.beaconwatch.ml.model.ModelProvenance;
import org.beaconwatch.ml.model.TestFigures;
import org.junit.jupiter.api.Test;

class ScoringReportTest {

    @Test
    void pageShowsTriageModelAndTestFiguresAndEscapesLogText() throws Exception {
        ModelProvenance p = new ModelProvenance(2, "test", Map.of(), "gbt", "event", List.of("a", "b"), List.of("x"),
                new LabelSpec("label", null, false, false), List.of("benign", "malicious"), "group:host_id", 42, 5,
                0.25, 0.4, 100, List.of(), Map.of(), Map.of(), "platt: ...", null);
        TestFigures t = new TestFigures("test part", 50, 10, 0.91, 0.2, 0.97, 0.8, 0.9, 0.85, 0.05,
                List.of("a (PR-AUC drop 0.100 +- 0.010, gain 0.70)"));
        List<Evaluation.HostRisk> hosts = List.of(
                new Evaluation.HostRisk("<script>alert(1)</script>", 3, 2, 0.95, 0, List.of("a", "b"), 1.9, 2.85),
                new Evaluation.HostRisk("10.0.0.2", 1, 0, 0.2, 0, List.of(), 0.2, 0.4));
        String page = ScoringReport.page(new ScoringReport.Input(Provenance.of("score", "", List.of()), p.withTestFigures(t), t,
                new double[] {0.95, 0.9, 0.05, 0.2}, 0.4, "host_id", hosts, 20));
        assertThat(page).contains("Content-Security-Policy").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>").contains("2.85").contains("1.90").contains("0.910 (0.200)")
                .contains("platt").contains("a (PR-AUC drop 0.100").contains("data:image/png;base64,");
    }
}
