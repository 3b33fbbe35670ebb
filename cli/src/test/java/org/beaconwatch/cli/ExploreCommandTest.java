package org.beaconwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Black-box tests of {@code beaconwatch explore}. */
class ExploreCommandTest {

    @Test
    void explainsItselfInHelp() {
        CliRunner.Result r = CliRunner.run("explore", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--label", "--positive", "--out", "--max-rows", "--seed", "report.html",
                "summary.json");
    }

    @Test
    void writesTheReportForTheBeaconEventsCsv(@TempDir Path dir) throws Exception {
        Path data = CliRunner.data();
        Assumptions.assumeTrue(data != null, "skipped: shared data folder not found");
        Path csv = data.resolve("beacon-events-synthetic/beacon_events_train.csv");
        CliRunner.Result r = CliRunner.run("explore", csv.toString(), "--label", "label", "--out", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(dir.resolve("report.html")).isRegularFile();
        String json = Files.readString(dir.resolve("summary.json"));
        assertThat(json).contains("\"column\" : \"inter_event_seconds\"").contains("\"missing\" : 500");
        assertThat(json).contains("\"sha256\"");
        assertThat(r.out()).contains("strongest signals:").contains("inter_event_seconds").contains("proc_name");
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("inter_event_seconds is missing in 500 rows");
    }

    @Test
    void samplesLargeInputsAndSaysSo(@TempDir Path dir) throws Exception {
        Path data = CliRunner.data();
        Assumptions.assumeTrue(data != null, "skipped: shared data folder not found");
        Path csv = data.resolve("beacon-events-synthetic/beacon_events_train.csv");
        CliRunner.Result r = CliRunner.run("explore", csv.toString(), "--label", "label", "--max-rows", "2000",
                "--out", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("sampled 2,000 of 10,000 rows");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("Sampled: 2,000 of 10,000 rows");
    }

    @Test
    void unknownLabelColumnIsAUsageError(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("events.csv");
        Files.writeString(csv, "event_id,host_id,timestamp,src_ip,dst_ip,dst_port,protocol,bytes_out,bytes_in,"
                + "inter_event_seconds,proc_name,user,country_code,signed_binary,label\n"
                + "E1,H1,2025-02-02 19:44:31,10.0.0.1,1.2.3.4,443,tcp,100,200,60.1,a.exe,u1,US,1,1\n"
                + "E2,H2,2025-02-02 19:45:31,10.0.0.2,1.2.3.5,443,tcp,300,400,,b.exe,u2,US,0,0\n");
        CliRunner.Result r = CliRunner.run("explore", csv.toString(), "--label", "verdict", "--out",
                dir.resolve("out").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no label column 'verdict'").doesNotContain("Exception");
    }

    @Test
    void channelViewSeparatesTheIot23CcChannel(@TempDir Path dir) throws Exception {
        Path data = CliRunner.data();
        Assumptions.assumeTrue(data != null, "skipped: shared data folder not found");
        Path log = data.resolve("iot23-ctu-iot-malware-capture-34-1-mirai-zeek/conn.log.labeled");
        CliRunner.Result r = CliRunner.run("explore", log.toString(), "--label", "detailed-label", "--positive", "C&C",
                "--out", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String json = Files.readString(dir.resolve("summary.json"));
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(json).contains("\"available\" : true");
        assertThat(html).contains("separates detailed_label=C&amp;C channels from the rest with a large effect")
                .contains("separate the classes completely");
    }

    @Test
    void channelViewSeparatesTheNjratCcChannel(@TempDir Path dir) throws Exception {
        Path data = CliRunner.data();
        Assumptions.assumeTrue(data != null, "skipped: shared data folder not found");
        Path log = data.resolve("stratosphere-njrat-ctu-malware-230-1-zeek/labeled-conn.log");
        CliRunner.Result r = CliRunner.run("explore", log.toString(), "--label", "detailedlabel", "--positive", "CC",
                "--out", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("separates detailed_label=CC channels from the rest with a large effect")
                .contains("separate the classes completely");
    }
}
