package org.beaconwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Running out of memory ends in one line on stderr that says what ran out and what to do, exit code
 * 1, nothing on stdout and no stack trace (unless --debug): on the main thread, wrapped in another
 * exception, and in a worker thread.
 */
class OutOfMemoryTest {
    @TempDir
    static Path dir;
    static Path logs;

    @BeforeAll
    static void simulate() {
        logs = dir.resolve("sim");
        // About 200,000 flows (26 MB conn.log + ssl.log): needs far more than a 24 MB heap.
        CliRunner.Result r = CliRunner.run("simulate", "--rows", "200000", "--seed", "3", "--out", logs.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    record Run(int exitCode, String out, String err) {
    }

    /** Runs a main class of the test classpath in a new JVM with a small heap. */
    static Run java(String heap, String mainClass, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        File out = dir.resolve("out-" + System.nanoTime()).toFile(), err = dir.resolve("err-" + System.nanoTime()).toFile();
        Process p = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("no exit within 60 s: " + cmd);
        }
        return new Run(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    static void assertOneLine(Run r, String heap) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).as(r.err()).hasSize(1);
        assertThat(r.err()).startsWith("beaconwatch: out of memory: the Java heap is full at its maximum size of " + heap)
                .contains("BEACONWATCH_JAVA_OPTS=-Xmx1g")
                .doesNotContain("Exception in thread").doesNotContain("at org.").doesNotContain("at java.");
    }

    @Test
    void detectOnAnInputTooLargeForTheHeapSaysSoInOneLine() throws Exception {
        Run r = java("24m", Main.class.getName(), "detect", logs.toString(), "--format", "csv");
        assertOneLine(r, "24.0 MiB");
    }

    @Test
    void debugAddsTheTrace() throws Exception {
        Run r = java("24m", Main.class.getName(), "detect", logs.toString(), "--format", "csv", "--debug");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("beaconwatch: out of memory: the Java heap is full")
                .contains("java.lang.OutOfMemoryError").contains("\tat ");
    }

    @Test
    void aWorkerThreadThatRunsOutEndsTheRunWithTheSameLine() throws Exception {
        Run r = java("24m", WorkerOutOfMemory.class.getName());
        assertOneLine(r, "24.0 MiB");
    }

    @Test
    void anOutOfMemoryErrorWrappedInExceptionsIsFoundAndReported() {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        Exception wrapped = new ExecutionException(new CompletionException(new IllegalStateException("scoring failed", oom)));
        assertThat(OutOfMemoryMessage.find(wrapped)).isSameAs(oom);
        IllegalStateException suppressing = new IllegalStateException("close failed");
        suppressing.addSuppressed(oom);
        assertThat(OutOfMemoryMessage.find(suppressing)).isSameAs(oom);
        assertThat(OutOfMemoryMessage.find(new IllegalStateException("no memory problem"))).isNull();

        CommandLine cl = Main.commandLine();
        cl.addSubcommand("boom", new CommandLine(new Boom(wrapped)));
        java.io.StringWriter out = new java.io.StringWriter(), err = new java.io.StringWriter();
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        int code = cl.execute("boom");
        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString()).contains("out of memory: the Java heap is full").contains("-Xmx")
                .doesNotContain("ExecutionException").doesNotContain("\tat ");
    }

    @Test
    void otherKindsOfMemoryNameWhatRanOut() {
        assertThat(OutOfMemoryMessage.describe(new OutOfMemoryError("Metaspace"))).contains("Metaspace")
                .contains("MaxMetaspaceSize");
        assertThat(OutOfMemoryMessage.describe(new OutOfMemoryError("Direct buffer memory")))
                .contains("direct buffer memory").contains("MaxDirectMemorySize");
        assertThat(OutOfMemoryMessage.describe(new OutOfMemoryError("unable to create native thread: possibly out of memory")))
                .contains("thread");
        assertThat(OutOfMemoryMessage.describe(new OutOfMemoryError("GC overhead limit exceeded"))).contains("Java heap");
    }

    @CommandLine.Command(name = "boom")
    static final class Boom implements java.util.concurrent.Callable<Integer> {
        private final Exception toThrow;

        Boom(Exception toThrow) {
            this.toThrow = toThrow;
        }

        @Override
        public Integer call() throws Exception {
            throw toThrow;
        }
    }

    /** A program whose worker thread exhausts the heap while the main thread waits for it. */
    static final class WorkerOutOfMemory {
        private WorkerOutOfMemory() {
        }

        public static void main(String[] args) throws InterruptedException {
            OutOfMemoryMessage.installUncaughtHandler(false);
            Thread worker = new Thread(() -> {
                @SuppressWarnings("ModifiedButNotUsed") // filled only to exhaust the heap
                List<long[]> hog = new ArrayList<>();
                while (true) {
                    hog.add(new long[1 << 16]);
                }
            }, "beaconwatch-score-1");
            worker.start();
            worker.join();
            Thread.sleep(30_000); // not reached: the handler ends the run
            System.out.println("carried on after the worker died");
        }
    }

    @Test
    void suggestsTwiceTheHeapButNoMoreThanTheMachineHas() {
        long gib = 1L << 30;
        assertThat(OutOfMemoryMessage.advice(6 * gib, 24 * gib)).contains("-Xmx12g");
        assertThat(OutOfMemoryMessage.advice(12 * gib, 24 * gib)).contains("-Xmx20g").doesNotContain("-Xmx24g");
        assertThat(OutOfMemoryMessage.advice(20 * gib, 24 * gib)).doesNotContain("-Xmx")
                .contains("most of this machine's 24.0 GiB").contains("split the input");
        assertThat(OutOfMemoryMessage.advice(6 * gib, 0)).contains("-Xmx12g");
    }
}
