package org.beaconwatch.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A findings store's temporary folder goes when its JVM stops without closing the store: at a plain
 * exit, on Ctrl-C (SIGINT) and when a service manager stops it (SIGTERM).
 */
class FindingStoreCleanupTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"exit", "INT", "TERM"})
    void theFolderIsRemovedWhenTheJvmStops(String how) throws Exception {
        Path parent = Files.createDirectories(tmp.resolve(how));
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), FindingStoreProbe.class.getName(), parent.toString(),
                "exit".equals(how) ? "exit" : "wait");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("ready");
            if (!"exit".equals(how)) {
                try (Stream<Path> s = Files.list(parent)) {
                    assertThat(s).as("the store's folder while it runs").hasSize(1);
                }
                Process kill = new ProcessBuilder("kill", "-" + how, Long.toString(p.pid())).start();
                assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("no exit within 60 s");
            }
        }
        try (Stream<Path> s = Files.list(parent)) {
            assertThat(s).as("left behind after %s", how).isEmpty();
        }
    }
}
