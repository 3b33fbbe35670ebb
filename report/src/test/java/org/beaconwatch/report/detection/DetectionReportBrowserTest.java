package org.beaconwatch.report.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.beaconwatch.report.page.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the detection report in a real headless Chromium (Debian package {@code chromium}): every
 * section and card renders, nothing is logged to the console (a CSP violation or script error would
 * be), and the script and onerror payloads in a server name and a label stay text.
 */
class DetectionReportBrowserTest {
    @Test
    void detectionReportRendersWithoutConsoleMessagesAndPayloadsStayText(@TempDir Path dir) throws Exception {
        DetectionPage page = DetectionFixtures.page(true);
        Path html = dir.resolve("report.html");
        DetectionReport.write(page, html);
        Chromium.Page loaded = Chromium.load(html, dir);
        String dom = loaded.dom();
        loaded.hasSectionsAndNoConsoleMessage(List.of("summary", "hosts", "findings"));
        for (DetectionPage.Card c : page.cards()) {
            assertThat(dom).as("card %s", c.anchor()).contains("id=\"" + c.anchor() + "\"");
        }
        assertThat(dom).contains("<svg").contains("Connections over time", "Periodogram", "Inter-arrival times",
                "Bytes sent per connection", "Silence it");
        // the payloads are text in the DOM, not elements
        assertThat(dom).contains("&lt;script&gt;alert(1)&lt;/script&gt;.example")
                .contains("&lt;img src=x onerror=alert(2)&gt;")
                .doesNotContain("<script").doesNotContain("<img");
    }
}
