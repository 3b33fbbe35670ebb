package org.beaconwatch.report.explore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.beaconwatch.report.page.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unlabelled exploration page in a real headless Chromium: every section, no console message, payloads as text. */
class UnlabelledReportBrowserTest {
    @Test
    void unlabelledReportRendersWithoutConsoleMessages(@TempDir Path dir) throws Exception {
        Path html = UnlabelledReport.write(UnlabelledFixtures.explore(), dir.resolve("out"));
        Chromium.Page loaded = Chromium.load(html, dir);
        String dom = loaded.dom();
        loaded.hasSectionsAndNoConsoleMessage(List.of("overview", "missing", "distributions", "outliers", "correlation", "groups", "activity",
                "talkers"));
        assertThat(dom).contains("1. Overview", "3. Distributions", "5. Correlation", "6. Groups", "8. Top talkers");
        assertThat(dom).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script")
                .doesNotContain("<img");
    }
}
