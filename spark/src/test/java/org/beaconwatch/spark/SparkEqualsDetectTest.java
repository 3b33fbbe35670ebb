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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    @Test
    void httpAndSslNamesJoinedByUidWithCoreS_precedence(@TempDir Path tmp) throws Exception {
        Path sim = tmp.resolve("sim");
        Simulator.simulate(SimulationConfig.forHosts(8, 2, 17), sim);
        List<String[]> conns = records(sim.resolve(Simulator.CONN_LOG));
        Map<String, Integer> at = fields(sim.resolve(Simulator.CONN_LOG));
        // http.log: Host headers for a third of the connections, a CONNECT target for some of them
        // (it beats the TLS SNI of ssl.log), a second Host header for one uid (the first stays)
        StringBuilder http = new StringBuilder("#separator \\x09\n#path\thttp\n#fields\tts\tuid\tid.orig_h\t"
                + "id.orig_p\tid.resp_h\tid.resp_p\tmethod\thost\turi\n");
        for (int i = 0; i < conns.size(); i += 3) {
            String[] c = conns.get(i);
            String method = i % 9 == 0 ? "CONNECT" : "GET";
            String host = i % 9 == 0 ? "proxy-target-" + (i % 4) + ".example:443" : "www.site-" + (i % 5) + ".example";
            http.append(String.join("\t", c[at.get("ts")], c[at.get("uid")], c[at.get("id.orig_h")],
                    c[at.get("id.orig_p")], c[at.get("id.resp_h")], c[at.get("id.resp_p")], method, host, "/"))
                    .append('\n');
            if (i == 30) {
                http.append(String.join("\t", c[at.get("ts")], c[at.get("uid")], c[at.get("id.orig_h")],
                        c[at.get("id.orig_p")], c[at.get("id.resp_h")], c[at.get("id.resp_p")], "GET",
                        "second.example", "/")).append('\n');
            }
        }
        Files.writeString(sim.resolve("http.log"), http);
        assertSame(List.of(sim.toString()), spec(ErrorPolicy.WARN), Files.size(sim.resolve(Simulator.CONN_LOG)) / 3);
    }

    @Test
    void uidLoggedTwiceInAnotherFileAndChannelIsCountedOnce(@TempDir Path tmp) throws Exception {
        Path sim = tmp.resolve("sim");
        Simulator.simulate(SimulationConfig.forHosts(6, 2, 19), sim);
        Path conn = sim.resolve(Simulator.CONN_LOG);
        List<String> lines = Files.readAllLines(conn);
        Map<String, Integer> at = fields(conn);
        // a second sensor logs every fifth connection again, with another source port (another
        // channel only when the name is absent) and a later time; also twice in one file
        List<String> again = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith("#")) {
                again.add(l);
            }
        }
        List<String[]> recs = records(conn);
        for (int i = 0; i < recs.size(); i += 5) {
            String[] c = recs.get(i).clone();
            c[at.get("id.resp_p")] = "8443";
            again.add(String.join("\t", c));
            if (i % 50 == 0) {
                again.add(String.join("\t", c));
            }
        }
        Files.write(sim.resolve("conn.sensor2.log"), again);
        SparkDetector.Run run = assertSame(List.of(sim.toString()), spec(ErrorPolicy.WARN), 1 << 16);
        assertThat(run.reports()).anySatisfy(r -> assertThat(r.notes()).anySatisfy(n ->
                assertThat(n).contains("uid seen before")));
    }

    @Test
    void absurdTimesAreLeftOutPerFileAndLinesAreTheFilesOwnInEveryRange(@TempDir Path tmp) throws Exception {
        Path sim = tmp.resolve("sim");
        Simulator.simulate(SimulationConfig.forHosts(6, 2, 23), sim);
        Path conn = sim.resolve(Simulator.CONN_LOG);
        List<String> orig = Files.readAllLines(conn);
        List<String> lines = new ArrayList<>(orig);
        Map<String, Integer> at = fields(conn);
        int n = lines.size();
        // in the first range and in later ones: a time at 0 (1970), a negative time, a bad record
        for (int k : new int[] {n / 10, n / 2, 3 * n / 4}) {
            String[] c = lines.get(k).split("\t", -1);
            c[at.get("ts")] = "0.000001";
            lines.set(k, String.join("\t", c));
        }
        String[] neg = lines.get(2 * n / 3).split("\t", -1);
        neg[at.get("ts")] = "-5.0";
        lines.set(2 * n / 3, String.join("\t", neg));
        lines.add(4 * n / 5, "not\ta\tzeek\trecord");
        Files.write(conn, lines);
        long size = Files.size(conn);
        SparkDetector.Run run = assertSame(List.of(sim.toString()), spec(ErrorPolicy.WARN), size / 5 + 7);
        assertThat(run.reports()).anySatisfy(r -> assertThat(r.recordsSkipped()).isEqualTo(5));
        // under fail the job stops at a problem of a later range with the file's real line number
        List<String> clean = new ArrayList<>(orig);
        clean.add(4 * n / 5, "not\ta\tzeek\trecord");
        Files.write(conn, clean);
        assertThatThrownBy(() -> SparkDetector.detect(spark, List.of(sim.toString()), spec(ErrorPolicy.FAIL), 3,
                Files.size(conn) / 2 + 3)).isInstanceOf(IOException.class)
                .hasMessageContaining("conn.log:" + (4 * n / 5 + 1) + ": ");
    }

    @Test
    void aFileGivenTwiceIsReadOnceAndSaysSo(@TempDir Path tmp) throws Exception {
        Path sim = tmp.resolve("sim");
        Simulator.simulate(SimulationConfig.forHosts(5, 1, 29), sim);
        Files.copy(sim.resolve(Simulator.CONN_LOG), tmp.resolve("copy-of-conn.log"));
        SparkDetector.Run run = assertSame(List.of(sim.toString(), sim.resolve(Simulator.CONN_LOG).toString(),
                tmp.resolve("copy-of-conn.log").toString()), spec(ErrorPolicy.WARN), 1 << 20);
        assertThat(run.reports()).anySatisfy(r -> assertThat(r.notes()).containsExactly("named more than once: read once"));
        assertThat(run.reports()).anySatisfy(r -> assertThat(r.notes().get(0)).startsWith("same content as "));
    }

    @Test
    void csvWithAColumnMap(@TempDir Path tmp) throws Exception {
        Path sim = tmp.resolve("sim");
        Simulator.simulate(SimulationConfig.forHosts(6, 2, 31), sim);
        Path conn = sim.resolve(Simulator.CONN_LOG);
        Map<String, Integer> at = fields(conn);
        StringBuilder csv = new StringBuilder("when,from,to,to_port,p,up,down\n");
        for (String[] c : records(conn)) {
            csv.append(String.join(",", c[at.get("ts")], c[at.get("id.orig_h")], c[at.get("id.resp_h")],
                    c[at.get("id.resp_p")], c[at.get("proto")], c[at.get("orig_bytes")], c[at.get("resp_bytes")]))
                    .append('\n');
        }
        Path dir = Files.createDirectories(tmp.resolve("csv"));
        Files.writeString(dir.resolve("export.csv"), csv);
        OptionsSpec spec = new OptionsSpec(List.of(), false, false, List.of(), 4, 0.6, ErrorPolicy.WARN,
                Map.of("ts", "when", "src", "from", "dst", "to", "dport", "to_port", "proto", "p",
                        "orig_bytes", "up", "resp_bytes", "down"));
        SparkDetector.Run run = assertSame(List.of(dir.toString()), spec, 1 << 20);
        assertThat(run.result().findings()).isNotEmpty();
    }

    @Test
    void aZipArchiveIsRefusedWithAClearMessage(@TempDir Path tmp) throws Exception {
        Path zip = tmp.resolve("logs.zip");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new java.util.zip.ZipEntry("conn.log"));
            z.write("#fields\tts\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            z.closeEntry();
        }
        assertThatThrownBy(() -> SparkDetector.detect(spark, List.of(zip.toString()), spec(ErrorPolicy.WARN), 3,
                1 << 20)).isInstanceOf(IOException.class).hasMessageContaining("logs.zip: a zip archive")
                .hasMessageContaining("unzip");
    }

    @Test
    void alertsExitZeroInClusterDeployModeUnlessTold() {
        SparkDetectCommand c = new SparkDetectCommand();
        org.apache.spark.SparkConf client = new org.apache.spark.SparkConf(false);
        org.apache.spark.SparkConf cluster = new org.apache.spark.SparkConf(false).set("spark.submit.deployMode", "cluster");
        assertThat(c.alertsExitCode(client)).isEqualTo(3);
        assertThat(c.alertsExitCode(cluster)).isZero();
        c.alertsExitCode = 5;
        assertThat(c.alertsExitCode(cluster)).isEqualTo(5);
    }

    private static OptionsSpec spec(ErrorPolicy policy) {
        return new OptionsSpec(List.of(), false, false, List.of(), 4, 0.6, policy);
    }

    /** Column positions of a Zeek TSV log's #fields line. */
    private static Map<String, Integer> fields(Path log) throws IOException {
        for (String l : Files.readAllLines(log)) {
            if (l.startsWith("#fields\t")) {
                String[] f = l.substring("#fields\t".length()).split("\t", -1);
                Map<String, Integer> m = new HashMap<>();
                for (int i = 0; i < f.length; i++) {
                    m.put(f[i], i);
                }
                return m;
            }
        }
        throw new IOException("no #fields in " + log);
    }

    private static List<String[]> records(Path log) throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String l : Files.readAllLines(log)) {
            if (!l.startsWith("#") && !l.isEmpty()) {
                out.add(l.split("\t", -1));
            }
        }
        return out;
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
        assertThat(run.reports()).as("file reports").hasSameSizeAs(expectedReports);
        for (int i = 0; i < expectedReports.size(); i++) {
            org.beaconwatch.io.FileReport e = expectedReports.get(i), a = run.reports().get(i);
            assertThat(a.file()).isEqualTo(e.file());
            assertThat(a.recordsRead()).as("records of %s", e.file()).isEqualTo(e.recordsRead());
            assertThat(a.recordsSkipped()).as("skipped in %s", e.file()).isEqualTo(e.recordsSkipped());
            assertThat(a.examples()).as("examples of %s", e.file()).isEqualTo(e.examples());
            assertThat(a.notes()).as("notes of %s", e.file()).isEqualTo(e.notes());
        }
        return run;
    }

    private static String csv(DetectionResult r) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        FindingWriter.csv().write(r, o);
        return o.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
