package org.beaconwatch.report.explore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unlabelled exploration page in a real headless Chromium: every section, no console message, payloads as text. */
class UnlabelledReportBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void unlabelledReportRendersWithoutConsoleMessages(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "skipped: /usr/bin/chromium not found (apt-get install -y chromium)");
        Path html = UnlabelledReport.write(UnlabelledFixtures.explore(), dir.resolve("out"));
        Path profile = Files.createDirectories(dir.resolve("profile"));
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--dump-dom",
                html.toUri().toString()));
        Path out = dir.resolve("dom.html");
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 90 s");
        }
        String dom = Files.readString(out, StandardCharsets.UTF_8);
        String log = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("chromium exit code; stderr:%n%s", log).isZero();
        for (String id : List.of("overview", "missing", "distributions", "outliers", "correlation", "groups", "activity",
                "talkers")) {
            assertThat(dom).as("section %s", id).contains("<section id=\"" + id + "\">");
        }
        assertThat(dom).contains("1. Overview", "3. Distributions", "5. Correlation", "6. Groups", "8. Top talkers");
        assertThat(dom).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script")
                .doesNotContain("<img");
        List<String> console = log.lines().filter(l -> l.contains("CONSOLE") || l.contains("Uncaught")
                || l.contains("Refused to")).toList();
        assertThat(console).as("console messages").isEmpty();
    }
}
