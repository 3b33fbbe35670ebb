package org.beaconwatch.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.beaconwatch.score.BeaconDetector;
import org.beaconwatch.score.DetectOptions;
import org.beaconwatch.score.DetectionListener;
import org.beaconwatch.score.DetectionResult;
import org.beaconwatch.sim.SimulationConfig;
import org.beaconwatch.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Same answers: detection over inputs parsed ahead on worker threads (large plain files in byte
 * ranges, here made tiny so every file is cut into many; compressed files decompressed on their own
 * thread; several files at once) gives exactly the findings, counts and per-file reports of the
 * reference, a sequential read grouped and scored on one thread. Findings are compared as whole
 * records: same ranks, same channels, every score and feature bit for bit.
 */
class ParallelReadEqualityTest {
    @TempDir
    Path tmp;

    /** Outcome of one run: the result, or the failure's class and message. */
    private record Outcome(DetectionResult result, List<FileReport> reports, String failure) {
    }

    private static Outcome run(List<Path> inputs, ReadOptions ro, int readers, long rangeBytes, int threads) {
        return run(inputs, ro, readers, rangeBytes, threads, new BeaconDetector());
    }

    private static Outcome run(List<Path> inputs, ReadOptions ro, int readers, long rangeBytes, int threads,
                               BeaconDetector detector) {
        DetectOptions o = DetectOptions.defaults().withThreads(threads);
        try (FlowSource s = readers == 0 ? FlowInputs.open(inputs, ro) : FlowInputs.open(inputs, ro, readers, rangeBytes)) {
            DetectionResult r = detector.detect(s, o, DetectionListener.none());
            return new Outcome(r, List.copyOf(s.reports()), null);
        } catch (IOException | RuntimeException e) {
            return new Outcome(null, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * The reference reads the uid text (as before uids were hashed on the parsing threads); the
     * others read as {@code detect} does, with the uid's hash only, sequentially and in parallel.
     */
    private static void assertSameAnswers(List<Path> inputs, ReadOptions ro) {
        Outcome ref = run(inputs, ro, 0, 0, 1);
        ReadOptions hashOnly = ro.withUidText(false);
        List<Outcome> runs = new ArrayList<>();
        List<String> whats = new ArrayList<>();
        runs.add(run(inputs, hashOnly, 0, 0, 1));
        whats.add(inputs + " sequential, no uid text");
        for (int readers : new int[] {2, 3}) {
            for (long range : new long[] {1 << 10, 1 << 14}) {
                runs.add(run(inputs, hashOnly, readers, range, 2));
                whats.add(inputs + " readers=" + readers + " range=" + range);
            }
        }
        for (int k = 0; k < runs.size(); k++) {
            Outcome got = runs.get(k);
            String what = whats.get(k);
            assertThat(got.failure()).as(what).isEqualTo(ref.failure());
            if (ref.failure() == null) {
                assertThat(got.reports()).as(what).isEqualTo(ref.reports());
                assertThat(got.result().findings()).as(what).isEqualTo(ref.result().findings());
                assertThat(got.result().flowsRead()).as(what).isEqualTo(ref.result().flowsRead());
                assertThat(got.result().flowsUsed()).as(what).isEqualTo(ref.result().flowsUsed());
                assertThat(got.result().channels()).as(what).isEqualTo(ref.result().channels());
                assertThat(got.result().channelsBelowMinConns()).as(what).isEqualTo(ref.result().channelsBelowMinConns());
            }
        }
    }

    @Test
    void everySharedDataFileAndFolder() throws IOException {
        List<List<Path>> inputs = SharedDataInputs.foldersAndFiles();
        for (List<Path> input : inputs) {
            assertSameAnswers(input, ReadOptions.defaults());
        }
        assertThat(SharedDataInputs.files(inputs)).isGreaterThan(10);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void simulatorSeeds(long seed) throws IOException {
        Path out = tmp.resolve("sim" + seed);
        Simulator.simulate(SimulationConfig.forRows(40_000, seed), out);
        assertSameAnswers(List.of(out.resolve(Simulator.CONN_LOG)), ReadOptions.defaults());
        assertSameAnswers(List.of(out), ReadOptions.defaults()); // conn + ssl joined by uid
        // a tiny memory budget: flows spill to disk every few thousand, channels scored a part at a time
        Outcome ref = run(List.of(out), ReadOptions.defaults(), 0, 0, 1);
        Outcome tiny = run(List.of(out), ReadOptions.defaults(), 2, 1 << 14, 2, new BeaconDetector().withMemory(1));
        assertThat(tiny.failure()).isNull();
        assertThat(tiny.result().findings()).isEqualTo(ref.result().findings());
        assertThat(tiny.reports()).isEqualTo(ref.reports());
    }

    /**
     * Rotated logs, gzip and plain, with what makes a parallel read hard: a second header block
     * with another column order in the middle of a file, malformed rows, an absurd timestamp and
     * connections logged twice across files; under each error policy.
     */
    @Test
    void rotatedFilesWithEveryOrderDependentCheck() throws IOException {
        Path sim = tmp.resolve("sim");
        Simulator.simulate(SimulationConfig.forRows(120_000, 9), sim);
        SharedDataInputs.ZeekLines log = SharedDataInputs.ZeekLines.of(sim.resolve(Simulator.CONN_LOG));
        List<String> header = log.header();
        List<String> rows = log.rows();
        int third = rows.size() / 3;
        Path dir = tmp.resolve("rotated");
        Files.createDirectories(dir);
        // part 1: plain, with a malformed row and an absurd timestamp
        List<String> p1 = new ArrayList<>(header);
        p1.addAll(rows.subList(0, third));
        p1.add(third / 2, "not\ta\tzeek\trow");
        String[] f = rows.get(10).split("\t", -1);
        f[0] = "1.0";
        f[1] = "Cabsurd0001";
        p1.add(third / 3, String.join("\t", f));
        Files.write(dir.resolve("conn.00.log"), p1, StandardCharsets.UTF_8);
        // part 2: gzip, starting with ten rows logged in part 1 as well
        List<String> p2 = new ArrayList<>(header);
        p2.addAll(rows.subList(third - 10, 2 * third));
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(dir.resolve("conn.01.log.gz")))) {
            o.write((String.join("\n", p2) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        // part 3: plain; half way, a new header block puts the first two columns the other way round
        List<String> p3 = new ArrayList<>(header);
        int mid = third + third / 2;
        p3.addAll(rows.subList(2 * third, 2 * third + third / 2));
        for (String h : header) {
            p3.add(h.startsWith("#fields") || h.startsWith("#types") ? swapFirstTwo(h) : h);
        }
        for (String r : rows.subList(2 * third + third / 2, rows.size())) {
            p3.add(swapFirstTwo(r));
        }
        p3.add(mid / 4, "x\ty");
        Files.write(dir.resolve("conn.02.log"), p3, StandardCharsets.UTF_8);
        Files.copy(sim.resolve(Simulator.SSL_LOG), dir.resolve("ssl.log"));

        for (ErrorPolicy p : ErrorPolicy.values()) {
            assertSameAnswers(List.of(dir), ReadOptions.defaults().withErrorPolicy(p));
        }
        Outcome warn = run(List.of(dir), ReadOptions.defaults(), 2, 1 << 12, 2);
        assertThat(warn.failure()).isNull();
        assertThat(warn.reports().toString()).contains("far from this file's other times").contains("logged twice");
    }

    /** Swaps the first two tab-separated values after the directive name (or of a row). */
    private static String swapFirstTwo(String line) {
        String[] f = line.split("\t", -1);
        int a = line.startsWith("#") ? 1 : 0;
        String t = f[a];
        f[a] = f[a + 1];
        f[a + 1] = t;
        return String.join("\t", f);
    }
}
