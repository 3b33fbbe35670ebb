package org.beaconwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    private static ExploreResult fixture;

    private static synchronized ExploreResult fixture() {
        if (fixture == null) {
            fixture = Explorer.explore(Fixtures.flows(1), ExploreOptions.of("label", "1"));
        }
        return fixture;
    }

    @Test
    void hostileValuesFromTheLogAreEscaped(@TempDir Path dir) throws Exception {
        ExploreResult r = fixture();
        Path html = ReportWriter.write(r, dir);
        String page = Files.readString(html);
        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(page).doesNotContain(Fixtures.HOSTILE).doesNotContain("<script").doesNotContain("<img src=x");
        // JSON keeps the raw value, properly quoted
        assertThat(Files.readString(dir.resolve("summary.json"))).contains("\"value\" : \"<script>alert(1)</script>\"");
    }

    @Test
    void sameInputAndSeedGiveByteIdenticalOutput(@TempDir Path dir) throws Exception {
        ExploreResult a = fixture();
        ExploreResult b = Explorer.explore(Fixtures.flows(1), ExploreOptions.of("label", "1"));
        assertThat(ReportWriter.json(a)).isEqualTo(ReportWriter.json(b));
        assertThat(ReportWriter.html(a)).isEqualTo(ReportWriter.html(b));
    }

    @Test
    void fixtureSignalsAndOutliersAreFound() {
        ExploreResult r = fixture();
        assertThat(r.labels().positiveClass()).isEqualTo("label=1");
        assertThat(r.signals().get(0).magnitude()).isEqualTo("large");
        assertThat(r.outliers().top().get(0).row()).isEqualTo(11);
        assertThat(r.outliers().top().get(0).why()).contains("orig_bytes");
        assertThat(r.outliers().perFeature().stream().filter(o -> o.feature().equals("orig_bytes")).findFirst()
                .orElseThrow().heavyTailed()).isTrue();
        assertThat(r.missing().columns()).singleElement().satisfies(m -> assertThat(m.missing()).isEqualTo(15));
        assertThat(r.channels().available()).isFalse();
    }

    @Test
    void channelViewSeparatesC2ChannelsInAHandBuiltTable() {
        ExploreResult r = Explorer.explore(Fixtures.flows(1), ExploreOptions.of("label", "1"), 600,
                Explorer.unrecorded(ExploreOptions.of("label", "1")), Fixtures.channels(2), "hand-built channel table");
        ExploreResult.ChannelView cv = r.channels();
        assertThat(cv.available()).isTrue();
        assertThat(cv.channels()).isEqualTo(80);
        assertThat(cv.positives()).isEqualTo(12); // "--positive 1" does not occur in channel labels: falls back to malicious
        assertThat(cv.signals().get(0).feature()).isIn("interval_cv", "periodicity");
        assertThat(Math.abs(cv.signals().get(0).effect())).isEqualTo(1.0);
        assertThat(cv.sentence()).contains("separates malicious channels from the rest with a large effect");
        assertThat(LabelledCharts.draw(r)).containsKey("ch:" + cv.features().get(0).feature());
    }

    @Test
    void sampledInputIsSaidSo() {
        ExploreResult r = Explorer.explore(Fixtures.flows(1), new ExploreOptions("label", null, 600, 7, 5), 12_345,
                Explorer.unrecorded(ExploreOptions.of("label", null)), null, null);
        assertThat(r.sample().sampled()).isTrue();
        assertThat(r.sample().note()).contains("Sampled: 600 of 12,345 rows");
        assertThat(r.overview().sentence()).contains("a seeded sample of 12,345");
    }

    @Test
    void singleClassInputDrawsNoImbalanceConclusion() {
        ExploreResult r = Explorer.explore(Fixtures.flows(1), ExploreOptions.of("label", "no-such-value"));
        assertThat(r.labels().positives()).isZero();
        assertThat(r.labels().sentence()).contains("with one class there is nothing to compare")
                .doesNotContain(":1)").doesNotContain("accuracy alone would mislead");
    }
}
