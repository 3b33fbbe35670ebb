package org.beaconwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {

    private static Path data() {
        Path d = CliRunner.data();
        assumeTrue(d != null, "shared data folder ../shared/data is absent; skipping real-data CLI test");
        return d;
    }

    @Test
    void inspectsIot23WithItsLabelCounts() {
        CliRunner.Result r = CliRunner.run("inspect", data().resolve("iot23-ctu-iot-malware-capture-34-1-mirai-zeek").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Zeek conn.log (TSV)").contains("23,145 read, 0 skipped")
                .contains("C&C").contains("6,706").contains("DDoS").contains("14,394")
                .contains("192.168.1.195");
    }

    @Test
    void inspectsTheProxyFolderWithCompanionLogs() {
        CliRunner.Result r = CliRunner.run("inspect", data().resolve("activecm-rita-proxy-beacon-zeek").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("463 read").contains("Zeek http.log, 407 records").contains("Zeek ssl.log");
    }

    @Test
    void inspectsEachArgumentSeparately() {
        Path d = data();
        CliRunner.Result r = CliRunner.run("inspect",
                d.resolve("slips-test-cc-periodic-https/test-cc-capture-1.binetflow").toString(),
                d.resolve("nsl-kdd/KDDTest+.txt").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Argus binetflow").contains("297 read")
                .contains("NSL-KDD").contains("22,544 read").contains("normal");
    }

    @Test
    void badRowsAreSummarisedAndFailPolicyStops(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("conn.log");
        Files.writeString(f, """
                             #separator \\x09
                             #fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto
                             1.0\tC1\t10.0.0.1\t1\t8.8.8.8\t53\tudp
                             2.0\tC2\t10.0.0.999\t1\t8.8.8.8\t53\tudp
                             3.0\tC3\t10.0.0.1\t1\t8.8.8.8
                             """);
        CliRunner.Result warn = CliRunner.run("inspect", f.toString());
        assertThat(warn.exitCode()).isZero();
        assertThat(warn.out()).contains("1 read, 2 skipped");
        assertThat(warn.err()).contains("skipped 2 of 3 records").contains("conn.log:4:").contains("conn.log:5:");

        CliRunner.Result fail = CliRunner.run("inspect", "--on-error", "fail", f.toString());
        assertThat(fail.exitCode()).isEqualTo(1);
        assertThat(fail.err()).contains("conn.log:4:").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void unknownFormatAndMissingFileAreOneLineErrors(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("notes.txt");
        Files.writeString(f, "hello world\nthis is not a log\n");
        CliRunner.Result r = CliRunner.run("inspect", f.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("notes.txt").contains("unknown format").doesNotContain("\tat ");
        CliRunner.Result missing = CliRunner.run("inspect", tmp.resolve("nope.log").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.log");
    }

    @Test
    void badOnErrorValueIsAUsageError() {
        CliRunner.Result r = CliRunner.run("inspect", "--on-error", "explode", "x.log");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--on-error must be fail, skip or warn");
    }
}
