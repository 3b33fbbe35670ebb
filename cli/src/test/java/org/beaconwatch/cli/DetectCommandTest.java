package org.beaconwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectCommandTest {

    private static Path data() {
        Path d = CliRunner.data();
        assumeTrue(d != null, "shared data folder ../shared/data is absent; skipping real-data CLI test");
        return d;
    }

    @Test
    void njratC2IsFirstInTheTableAndExitCodeSaysAlerts() {
        CliRunner.Result r = CliRunner.run("detect", data().resolve("stratosphere-njrat-ctu-malware-230-1-zeek").toString());
        assertThat(r.exitCode()).isEqualTo(3);
        // the channel table follows the host table
        String channels = r.out().substring(r.out().indexOf("RANK SCORE"));
        String firstRow = channels.lines().filter(l -> l.trim().startsWith("1 ")).findFirst().orElseThrow();
        assertThat(firstRow).contains("192.168.1.115").contains("41.108.179.197:1177");
        assertThat(r.out()).contains("1 alert");
    }

    @Test
    void csvHasTheDocumentedColumnsAndProvenance(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("findings.csv");
        CliRunner.Result r = CliRunner.run("detect", data().resolve("activecm-rita-proxy-beacon-zeek").toString(),
                "--format", "csv", "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(3);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).startsWith("rank,score,severity,alert,type,src,dst,dst_port,proto,server_name,conns,"
                + "first_seen,last_seen,period_s,jitter,timing_score,periodicity_score,size_score,persistence_score,"
                + "prevalence,explanation");
        String beacon = lines.stream().filter(l -> l.contains("www.honestimnotevil.com")).findFirst().orElseThrow();
        assertThat(beacon).startsWith("1,").contains(",true,beacon,10.136.0.18,");
        assertThat(lines.stream().filter(l -> l.contains("www.google.com")).noneMatch(l -> l.contains(",true,")))
                .isTrue();
        String meta = Files.readString(Path.of(out + ".meta.json"));
        assertThat(meta).contains("\"version\"").contains("\"sha256\"").contains("conn.log");
    }

    @Test
    void allowlistAppliesAtAnalysisTime() {
        Path njrat = data().resolve("stratosphere-njrat-ctu-malware-230-1-zeek");
        CliRunner.Result r = CliRunner.run("detect", njrat.toString(), "--allow", "41.108.179.0/24", "--format", "jsonl");
        assertThat(r.out()).doesNotContain("41.108.179.197");
    }

    @Test
    void jsonLinesCarryOneObjectPerFinding() {
        CliRunner.Result r = CliRunner.run("detect",
                data().resolve("slips-test-cc-periodic-https/test-cc-capture-2.binetflow").toString(),
                "--format", "jsonl", "--internal", "147.32.0.0/16");
        assertThat(r.exitCode()).isEqualTo(3);
        String first = r.out().lines().findFirst().orElseThrow();
        assertThat(first).startsWith("{\"rank\":1,").contains("\"src\":\"147.32.80.37\"").contains("\"alert\":true");
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(CliRunner.run("detect", "x.log", "--format", "xml").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("detect", "x.log", "--internal", "10.0.0.0/99").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("detect", "x.log", "--threshold", "7").exitCode()).isEqualTo(2);
        CliRunner.Result m = CliRunner.run("detect", "x.log", "--memory", "lots");
        assertThat(m.exitCode()).isEqualTo(2);
        assertThat(m.err()).contains("--memory");
        assertThat(CliRunner.run("detect", "x.log", "--memory", "0").exitCode()).isEqualTo(2);
    }

    @Test
    void aTinyMemoryBudgetGivesTheSameFindings(@TempDir Path tmp) {
        CliRunner.Result sim = CliRunner.run("simulate", "--hosts", "20", "--days", "2", "--out", tmp.toString());
        assertThat(sim.exitCode()).isZero();
        CliRunner.Result all = CliRunner.run("detect", tmp.toString(), "--format", "jsonl");
        CliRunner.Result tiny = CliRunner.run("detect", tmp.toString(), "--format", "jsonl", "--memory", "1k");
        CliRunner.Result one = CliRunner.run("detect", tmp.toString(), "--format", "jsonl", "--threads", "1");
        assertThat(all.exitCode()).isEqualTo(3);
        assertThat(tiny.exitCode()).isEqualTo(3);
        assertThat(tiny.out()).isEqualTo(all.out());
        assertThat(one.out()).isEqualTo(all.out());
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith("beaconwatch-spill-")).toList())
                    .as("temporary files removed").isEmpty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void topRowsAndAlertsOnlyAreWhatTheFullRankingWrites(@TempDir Path tmp) {
        // the table's top rows and --alerts-only keep only what they write (no full ranking):
        // same rows, ranks, counts, host table and exit code as the full output
        CliRunner.Result sim = CliRunner.run("simulate", "--hosts", "20", "--days", "2", "--out", tmp.toString());
        assertThat(sim.exitCode()).isZero();
        CliRunner.Result all = CliRunner.run("detect", tmp.toString(), "--format", "csv");
        List<String> rows = all.out().lines().skip(1).toList();
        assertThat(rows.size()).isGreaterThan(50);
        CliRunner.Result alerts = CliRunner.run("detect", tmp.toString(), "--format", "csv", "--alerts-only");
        assertThat(alerts.exitCode()).isEqualTo(all.exitCode()).isEqualTo(3);
        assertThat(alerts.out().lines().skip(1).toList())
                .containsExactlyElementsOf(rows.stream().filter(l -> l.contains(",true,")).toList()).isNotEmpty();
        assertThat(alerts.err()).isEqualTo(all.err());
        CliRunner.Result table = CliRunner.run("detect", tmp.toString(), "--top", "7");
        assertThat(table.exitCode()).isEqualTo(3);
        String channels = table.out().substring(table.out().indexOf("RANK SCORE"));
        List<String> ranks = channels.lines().filter(l -> l.matches("\\s*[0-9]+ +[0-9.]+ .*")).toList();
        assertThat(ranks).hasSize(7);
        for (int i = 0; i < 7; i++) {
            List<String> csv = com.google.common.base.Splitter.on(',').limit(7).splitToList(rows.get(i));
            assertThat(ranks.get(i).trim()).startsWith(csv.get(0) + " ").contains(csv.get(5) + " -> ");
        }
        assertThat(table.out()).contains("... " + String.format(java.util.Locale.ROOT, "%,d", rows.size() - 7) + " more")
                .contains(all.err().lines().filter(l -> l.contains(" scored, ")).findFirst().orElseThrow()
                        .replaceAll(";.*", ""));
    }

    @Test
    void simulateThenDetectFindsThePlantedBeacons(@TempDir Path tmp) {
        CliRunner.Result sim = CliRunner.run("simulate", "--hosts", "10", "--days", "1", "--out", tmp.toString());
        assertThat(sim.exitCode()).isZero();
        assertThat(sim.out()).contains("conn.log").contains("ground_truth.csv");
        CliRunner.Result det = CliRunner.run("detect", tmp.toString(), "--format", "csv");
        assertThat(det.exitCode()).isEqualTo(3);
        assertThat(det.out().lines().count()).isGreaterThan(5);
    }

    @Test
    void demoShowsFindingsAndWhereTheCsvWent(@TempDir Path tmp) {
        CliRunner.Result r = CliRunner.run("demo", "--out", tmp.resolve("demo").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("RANK").contains("beacons with jitter <= 50 %:   8 of 8 alerted")
                .contains("findings.csv");
        assertThat(Files.exists(tmp.resolve("demo/findings.csv"))).isTrue();
    }

    @Test
    void saysWhyNothingWasAnalysedWhenSourcesAreNotInternal() {
        CliRunner.Result r = CliRunner.run("detect",
                data().resolve("stratosphere-ctu50-benign-windows-zeek/008-ctu-normal-40-day1.conn.log.labeled").toString());
        assertThat(r.exitCode()).as("nothing analysed is an error, not 'no alerts'").isEqualTo(1);
        assertThat(r.err()).contains("source outside the internal networks").contains("--internal CIDR");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void hostsFileAndIntelHitsNameTheInfectedHost(@TempDir Path tmp) throws IOException {
        Path intel = tmp.resolve("feodo.csv");
        Files.writeString(intel, """
                                 # "first_seen_utc","dst_ip","dst_port","c2_status","last_online","malware"
                                 "2024-01-01 00:00:00","41.108.179.197","1177","online","2024-01-02","NjRAT"
                                 """);
        Path csv = tmp.resolve("hosts.csv");
        Path jsonl = tmp.resolve("hosts.jsonl");
        Path njrat = data().resolve("stratosphere-njrat-ctu-malware-230-1-zeek");
        CliRunner.Result r = CliRunner.run("detect", njrat.toString(), "--intel", intel.toString(), "--hosts", csv.toString());
        assertThat(r.exitCode()).isEqualTo(3);
        // the table shows the hosts above the channels
        assertThat(r.out().indexOf("HOST SCORE")).isLessThan(r.out().indexOf("RANK SCORE"));
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("rank,host,score,severity,alerts,findings,top_type,top_dst,explanation");
        assertThat(lines.get(1)).startsWith("1,192.168.1.115,").contains(",threat_intel,")
                .contains("feodo.csv, NjRAT").contains("also beacon");
        CliRunner.run("detect", njrat.toString(), "--hosts", jsonl.toString(), "--format", "csv");
        assertThat(Files.readAllLines(jsonl).get(0)).startsWith("{\"rank\":1,\"host\":\"192.168.1.115\"");
    }
}
