package org.beaconwatch.report.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.beaconwatch.ml.eval.Evaluation;
import org.beaconwatch.ml.eval.Evaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class EvaluationReportTest {

    public static Evaluation evaluation() {
        boolean[] y = {true, true, false, false, false, true};
        double[] risk = {0.9, 0.7, 0.6, 0.2, 0.1, 0.4};
        String[] hosts = {"<script>alert(1)</script>", "h2", "h2", "h3", "h3", "h4"};
        String[] reasons = {"process_risk=0.9 (+0.4)", "interval_mode_closeness=1 (+0.3)", "", "", "", ""};
        Evaluator.Scores s = new Evaluator.Scores(y, risk, risk, risk, new String[] {"cc", "cc", "normal", "normal",
            "normal", "scan"}, new String[] {"cc", "cc", "cc", "normal", "normal", "normal"}, null,
                List.of("cc", "normal", "scan"), hosts, reasons);
        return Evaluator.evaluate("test part", "gbt on event features", s, 0.5, Map.of("baseline:x", risk))
                .withCrossValidation(Evaluator.crossValidation("group", new double[] {0.8, 0.9}, 0.85));
    }

    @Test
    void pageIsSelfContainedEscapedAndShowsTheFigures(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("eval.html");
        EvaluationReport.write(evaluation(), f);
        String html = Files.readString(f);
        assertThat(html).contains("PR-AUC (average precision)").contains("ROC-AUC")
                .contains("data:image/png;base64,").contains("Host triage").contains("Per class")
                .contains("baseline:x").contains("process_risk").contains("0.850 ± 0.071");
        assertThat(html).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("<script");
        assertThat(EvaluationReport.section(evaluation())).startsWith("<section");
    }
}
