package org.beaconwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.beaconwatch.report.ExploreResult.MissingColumn;
import org.beaconwatch.report.ExploreResult.Signal;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The done-when criteria of issue 4 on the synthetic beacon-events training set. */
class ExplorerBeaconEventsTest {
    static ExploreResult result;

    @BeforeAll
    static void explore() throws Exception {
        String data = System.getProperty("beaconwatch.data");
        Path csv = data == null ? null : Path.of(data, "beacon-events-synthetic", "beacon_events_train.csv");
        Assumptions.assumeTrue(csv != null && Files.isRegularFile(csv),
                "skipped: shared data not found (set -Dbeaconwatch.data to the shared data folder)");
        result = Explorer.explore(BeaconEventsTable.read(csv), ExploreOptions.of("label", null));
    }

    @Test
    void showsThe500MissingInterEventSecondsAndTestsDependenceOnLabel() {
        MissingColumn m = result.missing().columns().stream()
                .filter(c -> c.column().equals("inter_event_seconds")).findFirst().orElseThrow();
        assertThat(m.missing()).isEqualTo(500);
        assertThat(m.missingByClass()).containsOnlyKeys("malicious", "other");
        assertThat(m.missingByClass().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(500);
        assertThat(m.p()).isBetween(0.0, 1.0);
        assertThat(m.cramersV()).isBetween(0.0, 1.0);
        assertThat(m.reading()).contains("inter_event_seconds is missing in 500 rows").contains("chi-square");
        assertThat(result.missing().handling()).contains("median");
    }

    @Test
    void listsInterEventSecondsProcNameAndSignedBinaryAmongTheStrongestSignals() {
        List<String> top = result.signals().stream().limit(5).map(Signal::feature).toList();
        assertThat(top).contains("inter_event_seconds", "proc_name", "signed_binary");
        for (Signal s : result.signals().subList(0, 5)) {
            assertThat(Math.abs(s.effect())).as("|effect| of %s", s.feature()).isGreaterThan(0.3);
            assertThat(s.pAdjusted()).isLessThan(1e-6);
            assertThat(s.reading()).isNotBlank();
        }
    }

    @Test
    void labelsAreCountedAndImbalanceExplained() {
        assertThat(result.labels().positives()).isEqualTo(2236);
        assertThat(result.labels().negatives()).isEqualTo(7764);
        assertThat(result.labels().majorityBaselineAccuracy()).isCloseTo(0.7764, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(result.labels().reading()).contains("precision").contains("recall");
    }

    @Test
    void namesItsOutliers() {
        assertThat(result.outliers().forest().flagged()).isEqualTo(100);
        assertThat(result.outliers().top()).hasSize(20);
        assertThat(result.outliers().top().get(0).host()).startsWith("HOST-");
        assertThat(result.outliers().top().get(0).why()).isNotBlank();
        assertThat(result.outliers().common().reading()).contains("flagged rows");
        assertThat(result.outliers().perFeature()).extracting(ExploreResult.NumericOutliers::feature)
                .contains("orig_bytes", "resp_bytes", "inter_event_seconds");
    }

    @Test
    void writesJsonAndOneSelfContainedHtml(@TempDir Path dir) throws Exception {
        // BEACONWATCH_REPORT_OUT=DIR keeps a copy for looking at (screenshots).
        String keep = System.getenv("BEACONWATCH_REPORT_OUT");
        Path html = ReportWriter.write(result, keep != null ? Path.of(keep) : dir);
        dir = html.getParent();
        String page = Files.readString(html);
        String json = Files.readString(dir.resolve("summary.json"));
        assertThat(page).contains("id=\"overview\"", "id=\"missing\"", "id=\"labels\"", "id=\"outliers\"",
                "id=\"features\"", "id=\"interactions\"", "id=\"channels\"", "id=\"signals\"");
        assertThat(page).contains("data:image/png;base64,").doesNotContain("<script").doesNotContain("http://")
                .doesNotContain("https://");
        assertThat(Files.size(html)).isLessThan(4_000_000);
        assertThat(json).contains("\"inter_event_seconds\"").contains("\"missing\" : 500");
    }
}
