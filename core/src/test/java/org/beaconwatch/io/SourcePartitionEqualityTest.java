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
import org.beaconwatch.score.FindingsKept;
import org.beaconwatch.sim.SimulationConfig;
import org.beaconwatch.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Same answers: an input cut by source host into temporary files and scored one partition at a
 * time gives exactly the findings (ranks, scores and features bit for bit), host table, counts and
 * per-file reports of the same input grouped whole, whatever the number of partitions, with the
 * "logged twice" check moved from the reader to the partitions, with parsing threads and with a
 * tiny memory budget inside each partition; and the same top rows and alerts when only those are
 * kept.
 */
class SourcePartitionEqualityTest {
    @TempDir
    Path tmp;

    private record Outcome(DetectionResult result, List<FileReport> reports, String failure) {
    }

    private static Outcome run(List<Path> inputs, ReadOptions ro, int readers, BeaconDetector detector) {
        DetectOptions o = DetectOptions.defaults().withThreads(2);
        try (FlowSource s = readers == 0 ? FlowInputs.open(inputs, ro.withUidText(false))
                : FlowInputs.open(inputs, ro.withUidText(false), readers, 1 << 14)) {
            DetectionResult r = detector.detect(s, o, DetectionListener.none());
            return new Outcome(r, List.copyOf(s.reports()), null);
        } catch (IOException | RuntimeException e) {
            return new Outcome(null, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static void assertSameAnswers(List<Path> inputs, ReadOptions ro) {
        Outcome whole = run(inputs, ro, 0, new BeaconDetector().cuttingBySource(0));
        record Case(String what, Outcome got) {
        }
        List<Case> cases = new ArrayList<>();
        for (int parts : new int[] {1, 4, 16}) {
            cases.add(new Case(inputs + " cut " + parts, run(inputs, ro, 0, new BeaconDetector().cuttingBySource(parts))));
        }
        cases.add(new Case(inputs + " cut 8, parsed ahead, 1-byte budget",
                run(inputs, ro, 2, new BeaconDetector().cuttingBySource(8).withMemory(1))));
        for (Case c : cases) {
            Outcome got = c.got();
            assertThat(got.failure()).as(c.what()).isEqualTo(whole.failure());
            if (whole.failure() != null) {
                continue;
            }
            DetectionResult w = whole.result(), g = got.result();
            assertThat(got.reports()).as(c.what()).isEqualTo(whole.reports());
            assertThat(g.findings()).as(c.what()).isEqualTo(w.findings());
            assertThat(g.hosts()).as(c.what()).isEqualTo(w.hosts());
            assertThat(g.flowsRead()).as(c.what()).isEqualTo(w.flowsRead());
            assertThat(g.flowsUsed()).as(c.what()).isEqualTo(w.flowsUsed());
            assertThat(g.channels()).as(c.what()).isEqualTo(w.channels());
            assertThat(g.channelsBelowMinConns()).as(c.what()).isEqualTo(w.channelsBelowMinConns());
            assertThat(g.internalSources()).as(c.what()).isEqualTo(w.internalSources());
            assertThat(g.skippedExternalSource()).as(c.what()).isEqualTo(w.skippedExternalSource());
            assertThat(g.skippedDestination()).as(c.what()).isEqualTo(w.skippedDestination());
            assertThat(g.allowlisted()).as(c.what()).isEqualTo(w.allowlisted());
            assertThat(g.scored()).as(c.what()).isEqualTo(w.scored());
            assertThat(g.alertCount()).as(c.what()).isEqualTo(w.alertCount());
        }
        if (whole.failure() == null) {
            for (FindingsKept k : List.of(FindingsKept.top(3, false), FindingsKept.top(2, true), FindingsKept.alertsOnly(),
                    FindingsKept.ALL_STREAMED)) {
                Outcome wk = run(inputs, ro, 0, new BeaconDetector().cuttingBySource(0).keeping(k));
                Outcome ck = run(inputs, ro, 0, new BeaconDetector().cuttingBySource(4).keeping(k));
                try (DetectionResult c = ck.result()) {
                    assertThat(c.findings()).as(inputs + " " + k).isEqualTo(wk.result().findings());
                    if (k.streamed()) { // read back from temporary files, not held in the heap
                        assertThat(c.findings().getClass().getSimpleName()).isEqualTo("RankedList");
                    }
                    assertThat(c.hosts()).as(inputs + " " + k).isEqualTo(wk.result().hosts());
                    assertThat(c.scored()).as(inputs + " " + k).isEqualTo(wk.result().scored());
                    assertThat(c.alertCount()).as(inputs + " " + k).isEqualTo(wk.result().alertCount());
                }
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
    @ValueSource(longs = {1, 2})
    void simulatorSeeds(long seed) throws IOException {
        Path out = tmp.resolve("sim" + seed);
        Simulator.simulate(SimulationConfig.forRows(40_000, seed), out);
        assertSameAnswers(List.of(out), ReadOptions.defaults()); // conn + ssl + dns
    }

    /** Four days of a few hosts: the "first seen recently" modifier needs the first and last connection of the whole input. */
    @Test
    void severalDays() throws IOException {
        Path out = tmp.resolve("days");
        Simulator.simulate(SimulationConfig.forHosts(6, 4, 3), out);
        assertSameAnswers(List.of(out), ReadOptions.defaults());
        Outcome whole = run(List.of(out), ReadOptions.defaults(), 0, new BeaconDetector().cuttingBySource(0));
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        for (var f : whole.result().findings()) {
            first = Math.min(first, f.firstSeen());
            last = Math.max(last, f.lastSeen());
        }
        assertThat(last - first).as("the input spans days, so the modifier is in play").isGreaterThan(2 * 86_400_000_000L);
    }

    /** Rotated gzip and plain files with connections logged twice across files, a malformed row. */
    @Test
    void rotatedFilesWithConnectionsLoggedTwice() throws IOException {
        Path sim = tmp.resolve("sim");
        Simulator.simulate(SimulationConfig.forRows(60_000, 5), sim);
        SharedDataInputs.ZeekLines log = SharedDataInputs.ZeekLines.of(sim.resolve(Simulator.CONN_LOG));
        List<String> header = log.header();
        List<String> rows = log.rows();
        int half = rows.size() / 2;
        Path dir = tmp.resolve("rotated");
        Files.createDirectories(dir);
        List<String> p1 = new ArrayList<>(header);
        p1.addAll(rows.subList(0, half));
        p1.add(half / 2, "not\ta\tzeek\trow");
        Files.write(dir.resolve("conn.00.log"), p1, StandardCharsets.UTF_8);
        List<String> p2 = new ArrayList<>(header);
        p2.addAll(rows.subList(half - 500, rows.size())); // 500 connections logged in both files
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(dir.resolve("conn.01.log.gz")))) {
            o.write((String.join("\n", p2) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Files.copy(sim.resolve(Simulator.SSL_LOG), dir.resolve("ssl.log"));
        assertSameAnswers(List.of(dir), ReadOptions.defaults());
        Outcome cut = run(List.of(dir), ReadOptions.defaults(), 0, new BeaconDetector().cuttingBySource(4));
        assertThat(cut.reports().toString()).contains("logged twice");
    }
}
