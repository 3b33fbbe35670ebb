package org.beaconwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.beaconwatch.report.page.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the labelled exploration page in a real headless Chromium ({@link Chromium}): every section
 * renders, the page logs no console message, and payloads in a category and a host id stay text.
 */
class ReportBrowserTest {
    @Test
    void reportLoadsWithoutConsoleErrorsAndShowsEverySection(@TempDir Path dir) throws Exception {
        ExploreResult r = Explorer.explore(Fixtures.flows(1), ExploreOptions.of("label", "1"), 600,
                Explorer.unrecorded(ExploreOptions.of("label", "1")),
                Fixtures.channels(2), "hand-built channel table");
        Path html = ReportWriter.write(r, dir.resolve("out"));
        Chromium.Page page = Chromium.load(html, dir);
        String dom = page.dom();
        page.hasSectionsAndNoConsoleMessage(List.of("overview", "missing", "labels", "outliers", "features",
                "interactions", "channels", "signals"));
        assertThat(dom).contains("1. Overview", "2. Missing values", "3. Label distribution", "4. Outliers investigated",
                "5. Each feature against the label", "6. Interactions", "7. Channel view", "8. Signals");
        assertThat(dom).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)")
                .doesNotContain("<img src=x");
    }
}
