package org.beaconwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.beaconwatch.BuildInfo;
import org.beaconwatch.ml.eval.Evaluation;
import org.beaconwatch.ml.eval.Evaluator;
import org.beaconwatch.ml.model.InputDigest;
import org.beaconwatch.ml.model.LabelSpec;
import org.beaconwatch.ml.model.ModelProvenance;
import org.beaconwatch.output.Provenance;
import org.beaconwatch.report.detection.DetectionFixtures;
import org.beaconwatch.report.detection.DetectionReport;
import org.beaconwatch.report.evaluation.EvaluationReport;
import org.beaconwatch.report.evaluation.EvaluationReportTest;
import org.beaconwatch.report.explore.UnlabelledFixtures;
import org.beaconwatch.report.explore.UnlabelledReport;
import org.beaconwatch.report.scoring.ScoringReport;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;
import org.junit.jupiter.api.Test;

/**
 * Every HTML page (labelled and unlabelled exploration, evaluation, scoring, detection) comes from the
 * one page skeleton: the strict Content-Security-Policy, the provenance with the build's real version
 * in the header and footer, and figures printed by the one formatter.
 */
class EveryPageTest {
    private static final Pattern DATA_URI = Pattern.compile("data:image/png;base64,[A-Za-z0-9+/=]+");

    /** The version in the parent pom.xml, which the build filters into the jar. */
    static String pomVersion() throws IOException {
        String pom = Files.readString(Path.of("..", "pom.xml"));
        Matcher m = Pattern.compile("<artifactId>beaconwatch-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertThat(m.find()).as("version of the parent pom").isTrue();
        return m.group(1);
    }

    static Map<String, String> pages() throws IOException {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("explore (labelled)", ReportWriter.html(Explorer.explore(Fixtures.flows(1),
                ExploreOptions.of("label", "1"), 600, Provenance.of("explore", "label=label", List.of()),
                Fixtures.channels(2), "hand-built")));
        pages.put("explore (unlabelled)", UnlabelledReport.html(UnlabelledFixtures.explore()));
        pages.put("detection", DetectionReport.html(DetectionFixtures.page(true)));
        pages.put("evaluation", EvaluationReport.page(EvaluationReportTest.evaluation(),
                Provenance.of("evaluate", "model=m.bwm", List.of(new Provenance.Input("test.csv", 10, "cd".repeat(32))))));
        ModelProvenance model = new ModelProvenance(2, BuildInfo.version(), Map.of(), "gbt", "event", List.of("a"),
                List.of("x"), new LabelSpec("label", null, false, false), List.of("benign", "malicious"), "random", 42, 5,
                0.25, 0.4, 100, List.of(new InputDigest("train.csv", "ef".repeat(32), 99)), Map.of(), Map.of(), null,
                null);
        pages.put("scoring", ScoringReport.page(new ScoringReport.Input(Provenance.of("score", "model=m.bwm", List.of()),
                model, null, new double[] {0.9, 0.1}, 0.4, null, List.of(), 10)));
        return pages;
    }

    @Test
    void everyPageShowsTheBuildsRealVersionUnderOneSkeletonAndPolicy() throws IOException {
        String version = BuildInfo.version();
        assertThat(version).isEqualTo(pomVersion()).isNotEqualTo("unknown");
        for (Map.Entry<String, String> e : pages().entrySet()) {
            String html = e.getValue();
            assertThat(html).as(e.getKey()).startsWith("<!DOCTYPE html>")
                    .contains("<p class=\"provenance\">beaconwatch " + version + " &middot; ")
                    .contains("<footer id=\"provenance\">")
                    .contains("Made by <b>beaconwatch " + version + "</b>");
            assertThat(count(html, "Content-Security-Policy")).as(e.getKey() + ": one policy").isEqualTo(1);
            assertThat(html).as(e.getKey()).contains("content=\"default-src 'none'; img-src data:; "
                    + "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\"");
            assertThat(count(html, "<html")).as(e.getKey() + ": one page skeleton").isEqualTo(1);
            assertThat(html).as(e.getKey()).doesNotContain("<script");
        }
    }

    @Test
    void theSameFigurePrintsTheSameOnTheExploreAndEvaluationPages() throws IOException {
        int n = 4025;
        int positives = 805; // 20.0 %
        SplittableRandom r = new SplittableRandom(3);
        double[] bytes = new double[n];
        String[] label = new String[n];
        boolean[] y = new boolean[n];
        double[] risk = new double[n];
        String[] hosts = new String[n];
        String[] reasons = new String[n];
        String[] cls = new String[n];
        for (int i = 0; i < n; i++) {
            y[i] = i < positives;
            label[i] = y[i] ? "1" : "0";
            bytes[i] = (y[i] ? 900 : 100) + r.nextInt(500);
            risk[i] = y[i] ? 0.5 + r.nextDouble() / 2 : r.nextDouble() / 2;
            hosts[i] = "h" + (i % 7);
            reasons[i] = "";
            cls[i] = label[i];
        }
        List<Column> cols = new ArrayList<>();
        cols.add(new Column.Numeric("bytes", Column.Role.FEATURE, bytes));
        cols.add(new Column.Categorical("label", Column.Role.LABEL, label));
        ExploreResult explored = Explorer.explore(new DataTable(cols, null, List.of("t.csv")),
                ExploreOptions.of("label", "1"));
        Evaluation evaluated = Evaluator.evaluate("test part", "gbt", new Evaluator.Scores(y, risk, risk, risk, cls, cls,
                null, List.of("0", "1"), hosts, reasons), 0.5, Map.of());
        String explore = DATA_URI.matcher(ReportWriter.html(explored)).replaceAll("");
        String evaluation = DATA_URI.matcher(EvaluationReport.page(evaluated, Provenance.of("evaluate", "", List.of())))
                .replaceAll("");
        for (String page : List.of(explore, evaluation)) {
            assertThat(page).contains("4,025").doesNotContain("4025").contains("20.0%");
        }
    }

    private static int count(String s, String what) {
        int k = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            k++;
        }
        return k;
    }
}
