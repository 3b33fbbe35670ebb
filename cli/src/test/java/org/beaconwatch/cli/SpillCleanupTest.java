package org.beaconwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Temporary spill files of {@code detect --memory} are removed when the run ends: on success, and
 * when the user presses Ctrl-C (SIGINT) or a service manager stops it (SIGTERM) in the middle of a
 * run that has spilled. Each run gets its own temporary folder (java.io.tmpdir), which must be empty
 * afterwards.
 */
class SpillCleanupTest {
    @TempDir
    static Path dir;
    static Path logs;

    @BeforeAll
    static void simulate() {
        logs = dir.resolve("sim");
        CliRunner.Result r = CliRunner.run("simulate", "--rows", "300000", "--seed", "5", "--out", logs.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    private static Process start(Path tmp) throws IOException {
        Files.createDirectories(tmp);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "detect", logs.toString(), "--memory", "1k", "--format", "csv",
                "--threads", "1"));
        File out = tmp.resolveSibling(tmp.getFileName() + ".out").toFile();
        File err = tmp.resolveSibling(tmp.getFileName() + ".err").toFile();
        return new ProcessBuilder(cmd).redirectOutput(out).redirectError(err).start();
    }

    private static List<Path> left(Path tmp) throws IOException {
        try (Stream<Path> s = Files.walk(tmp)) {
            return s.filter(p -> !p.equals(tmp)).toList();
        }
    }

    /** Waits until the run has written at least one spill file, then sends the signal. */
    private static void signalOnceSpilled(Process p, Path tmp, String signal) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive()) {
            boolean spilled;
            try (Stream<Path> s = Files.walk(tmp)) {
                spilled = s.anyMatch(f -> f.getFileName().toString().startsWith("partition-"));
            }
            if (spilled) {
                Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
                assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the run ended or never spilled before the signal could be sent");
    }

    private static void assertCleanExit(Process p) throws InterruptedException {
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("no exit within 60 s");
        }
    }

    @Test
    void aSuccessfulRunLeavesNoSpillFiles() throws Exception {
        Path tmp = dir.resolve("tmp-ok");
        Process p = start(tmp);
        assertCleanExit(p);
        assertThat(p.exitValue()).isIn(0, 3);
        assertThat(left(tmp)).isEmpty();
    }

    @Test
    void ctrlCInTheMiddleOfASpilledRunRemovesTheSpillFiles() throws Exception {
        Path tmp = dir.resolve("tmp-int");
        Process p = start(tmp);
        signalOnceSpilled(p, tmp, "INT");
        assertCleanExit(p);
        assertThat(p.exitValue()).isNotZero();
        assertThat(left(tmp)).isEmpty();
    }

    @Test
    void sigtermInTheMiddleOfASpilledRunRemovesTheSpillFiles() throws Exception {
        Path tmp = dir.resolve("tmp-term");
        Process p = start(tmp);
        signalOnceSpilled(p, tmp, "TERM");
        assertCleanExit(p);
        assertThat(p.exitValue()).isNotZero();
        assertThat(left(tmp)).isEmpty();
    }
}
