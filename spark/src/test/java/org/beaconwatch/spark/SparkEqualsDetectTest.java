package org.beaconwatch.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SparkSession;
import org.beaconwatch.io.ErrorPolicy;
import org.beaconwatch.io.FlowInputs;
import org.beaconwatch.io.FlowSource;
import org.beaconwatch.io.NothingToAnalyseException;
import org.beaconwatch.output.FindingWriter;
import org.beaconwatch.score.BeaconDetector;
import org.beaconwatch.score.DetectionListener;
import org.beaconwatch.score.DetectionResult;
import org.beaconwatch.score.Finding;
import org.beaconwatch.sim.SimulationConfig;
import org.beaconwatch.sim.Simulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Spark job's findings equal {@code detect}'s: same findings in the same ranks, scores within
 * 1e-9, the same CSV bytes and the same flow and channel counts, on every data set in
 * {@code ../shared/data} (skipped with a message where the folder is absent) and on a simulated
 * multi-day log read in byte ranges. Local mode, two cores.
 */
class SparkEqualsDetectTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("beaconwatch-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1").getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    static Stream<Arguments> dataSets() throws IOException {
        String root = System.getProperty("beaconwatch.data", "../../shared/data");
        Path dir = Path.of(root);
        List<Arguments> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            out.add(Arguments.of(null, List.of()));
            return out.stream();
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(Files::isDirectory).sorted().toList()) {
                out.add(Arguments.of(p, List.<String>of()));
                String n = p.getFileName().toString();
                if (n.startsWith("slips-") || n.startsWith("stratosphere-ctu50")) {
                    out.add(Arguments.of(p, List.of("147.32.0.0/16")));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} internal={1}")
    @MethodSource("dataSets")
    void sparkEqualsDetectOnSharedData(Path dir, List<String> internal) throws Exception {
        assumeTrue(dir != null, "../shared/data is absent: real-data equality not checked");
        OptionsSpec spec = new OptionsSpec(internal, false, false, List.of(), 4, 0.6, ErrorPolicy.WARN);
        assertSame(List.of(dir.toString()), spec, SparkDetector.DEFAULT_SPLIT_BYTES);
    }

    @Test
    void sparkEqualsDetectOnSimulatedMultiDayLogReadInRanges(@TempDir Path tmp) throws Exception {
        Path sim = tmp.resolve("sim");
        Simulator.simulate(SimulationConfig.forHosts(20, 3, 7), sim);
        OptionsSpec spec = new OptionsSpec(List.of(), false, false, List.of(), 4, 0.6, ErrorPolicy.WARN);
        long size = Files.size(sim.resolve(Simulator.CONN_LOG));
        // ranges of about a seventh of the file: headers re-read, lines cut at range ends
        assertSame(List.of(sim.toString()), spec, size / 7 + 13);
    }

    @Test
    void sparkEqualsDetectOnGzipAndAllowlist(@TempDir Path tmp) throws Exception {
        Path sim = tmp.resolve("sim");
        Simulator.simulate(SimulationConfig.forHosts(8, 2, 11), sim);
        Path conn = sim.resolve(Simulator.CONN_LOG);
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(sim.resolve("conn.log.gz")))) {
            Files.copy(conn, o);
        }
        Files.delete(conn);
        OptionsSpec spec = new OptionsSpec(List.of("10.20.0.0/16"), false, false, List.of("*.microsoft.com"), 5, 0.5,
                ErrorPolicy.WARN);
        assertSame(List.of(sim.toString()), spec, 1 << 20);
    }

    @Test
    void malformedRecordsAreCountedPerFileAndFailStopsTheJob(@TempDir Path tmp) throws Exception {
        Path sim = tmp.resolve("sim");
        Simulator.simulate(SimulationConfig.forHosts(5, 1, 3), sim);
        Path conn = sim.resolve(Simulator.CONN_LOG);
        List<String> lines = new ArrayList<>(Files.readAllLines(conn));
        lines.add(lines.size() / 2, "not\ta\tzeek\trecord");
        Files.write(conn, lines);
        OptionsSpec warn = new OptionsSpec(List.of(), false, false, List.of(), 4, 0.6, ErrorPolicy.WARN);
        SparkDetector.Run run = assertSame(List.of(sim.toString()), warn, 1 << 16);
        assertThat(run.reports()).anySatisfy(r -> {
            assertThat(r.recordsSkipped()).isEqualTo(1);
            assertThat(r.examples().get(0)).contains("conn.log").contains("expected");
        });
        OptionsSpec fail = new OptionsSpec(List.of(), false, false, List.of(), 4, 0.6, ErrorPolicy.FAIL);
        assertThatThrownBy(() -> SparkDetector.detect(spark, List.of(sim.toString()), fail, 3, 1 << 16))
                .isInstanceOf(IOException.class).hasMessageContaining("conn.log");
    }

    private static SparkDetector.Run assertSame(List<String> inputs, OptionsSpec spec, long splitBytes)
            throws Exception {
        DetectionResult expected;
        List<org.beaconwatch.io.FileReport> expectedReports;
        try (FlowSource source = FlowInputs.open(inputs.stream().map(Path::of).toList(), spec.readOptions())) {
            try {
                expected = new BeaconDetector().detect(source, spec.detectOptions().withThreads(2),
                        DetectionListener.none());
            } catch (NothingToAnalyseException e) {
                assertThatThrownBy(() -> SparkDetector.detect(spark, inputs, spec, 3, splitBytes))
                        .isInstanceOf(NothingToAnalyseException.class).hasMessage(e.getMessage());
                return null;
            }
            expectedReports = List.copyOf(source.reports());
        }
        SparkDetector.Run run = SparkDetector.detect(spark, inputs, spec, 3, splitBytes);
        DetectionResult actual = run.result();
        assertThat(actual.findings()).hasSameSizeAs(expected.findings());
        for (int i = 0; i < expected.findings().size(); i++) {
            Finding e = expected.findings().get(i), a = actual.findings().get(i);
            assertThat(a.rank()).isEqualTo(e.rank());
            assertThat(a.channel()).as("rank %d", e.rank()).isEqualTo(e.channel());
            assertThat(Math.abs(a.score() - e.score())).as("score of %s", e.channel()).isLessThanOrEqualTo(1e-9);
            assertThat(a.features()).as("features of %s", e.channel()).isEqualTo(e.features());
        }
        assertThat(csv(actual)).isEqualTo(csv(expected));
        assertThat(actual.flowsRead()).isEqualTo(expected.flowsRead());
        assertThat(actual.flowsUsed()).isEqualTo(expected.flowsUsed());
        assertThat(actual.channels()).isEqualTo(expected.channels());
        assertThat(actual.internalSources()).isEqualTo(expected.internalSources());
        assertThat(actual.skippedExternalSource()).isEqualTo(expected.skippedExternalSource());
        assertThat(actual.allowlisted()).isEqualTo(expected.allowlisted());
        long expectedSkipped = expectedReports.stream().mapToLong(org.beaconwatch.io.FileReport::recordsSkipped).sum();
        long actualSkipped = run.reports().stream().mapToLong(org.beaconwatch.io.FileReport::recordsSkipped).sum();
        assertThat(actualSkipped).isEqualTo(expectedSkipped);
        return run;
    }

    private static String csv(DetectionResult r) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        FindingWriter.csv().write(r, o);
        return o.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
