package org.beaconwatch.report.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The one browser-test set-up of the report pages: loads a page in a real headless Chromium (Debian
 * package {@code chromium}), returns the rendered DOM and every console line. A CSP violation, a
 * broken resource or a script error would all show up on the console. Skips the test where
 * Chromium is not installed.
 */
public final class Chromium {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final int TIMEOUT_SECONDS = 90;

    /** The rendered page and the browser's console lines. */
    public record Page(String dom, List<String> console) {
        /** Asserts that every section id renders as a section, and that nothing was logged to the console. */
        public Page hasSectionsAndNoConsoleMessage(List<String> sectionIds) {
            for (String id : sectionIds) {
                assertThat(dom).as("section %s", id).contains("<section id=\"" + id + "\"");
            }
            assertThat(console).as("console messages").isEmpty();
            assertThat(dom).as("provenance footer").contains("<footer id=\"provenance\">");
            return this;
        }
    }

    private Chromium() {
    }

    /** Loads {@code html} (a profile and the logs go to {@code work}); skips the test without Chromium. */
    public static Page load(Path html, Path work) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "skipped: /usr/bin/chromium not found (apt-get install -y chromium)");
        Path profile = Files.createDirectories(work.resolve("chromium-profile"));
        List<String> cmd = List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--dump-dom",
                html.toUri().toString());
        Path out = work.resolve("dom.html");
        Path err = work.resolve("chromium-stderr.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within " + TIMEOUT_SECONDS + " s");
        }
        String dom = Files.readString(out, StandardCharsets.UTF_8);
        String log = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("chromium exit code; stderr:%n%s", log).isZero();
        List<String> console = log.lines().filter(l -> l.contains("CONSOLE") || l.contains("Uncaught")
                || l.contains("Refused to")).toList();
        return new Page(dom, console);
    }
}
