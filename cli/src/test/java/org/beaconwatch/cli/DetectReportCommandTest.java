package org.beaconwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** detect --html and --verdicts, run as a user runs them. */
class DetectReportCommandTest {

    @Test
    void htmlReportAndVerdictsOnTheRitaProxySample(@TempDir Path tmp) throws IOException {
        Path rita = CliRunner.data().resolve("activecm-rita-proxy-beacon-zeek");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(rita), "skipped: " + rita + " not found");
        Path verdicts = tmp.resolve("verdicts.csv");
        Files.writeString(verdicts, """
                                    src,dst,dst_port,server_name,verdict,note,analyst,date
                                    10.136.0.18,,,www.honestimnotevil.com,malicious,C2,ana,2026-11-30
                                    10.136.0.18,,,www.google.com,benign,,ana,2026-11-30
                                    """);
        Path html = tmp.resolve("report.html");
        Path csv = tmp.resolve("findings.csv");
        CliRunner.Result r = CliRunner.run("detect", rita.toString(), "--verdicts", verdicts.toString(),
                "--html", html.toString(), "--format", "csv", "--out", csv.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
        assertThat(r.err()).contains("1 suppressed by verdict");
        List<String> rows = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(rows.get(0)).endsWith(",label,detailed_label,verdict");
        assertThat(rows).anyMatch(l -> l.contains("www.honestimnotevil.com") && l.endsWith(",malicious"));
        assertThat(rows).noneMatch(l -> l.contains("www.google.com"));
        assertThat(Files.readString(tmp.resolve("findings.csv.meta.json"))).contains("\"suppressed_by_verdict\" : 1");
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(page).contains("10.136.0.18 -&gt; www.honestimnotevil.com", "verdict malicious",
                "<section id=\"hosts\">", "suppressed by verdict").doesNotContain("<script");
    }

    @Test
    void htmlTopMustNotBeNegative(@TempDir Path tmp) {
        CliRunner.Result r = CliRunner.run("detect", "x.log", "--html", tmp.resolve("r.html").toString(),
                "--html-top", "-1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--html-top");
    }

    @Test
    void aBadVerdictFileStopsWithItsLineAndNoOutput(@TempDir Path tmp) throws IOException {
        Path verdicts = tmp.resolve("verdicts.csv");
        Files.writeString(verdicts, "src,dst,dst_port,server_name,verdict\n10.0.0.1,1.2.3.4,,,maybe\n");
        Path sim = tmp.resolve("sim");
        assertThat(CliRunner.run("simulate", "--hosts", "3", "--days", "1", "--out", sim.toString()).exitCode()).isZero();
        Path html = tmp.resolve("r.html");
        CliRunner.Result r = CliRunner.run("detect", sim.toString(), "--verdicts", verdicts.toString(),
                "--html", html.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("verdicts.csv").contains("2").contains("maybe");
        assertThat(html).doesNotExist();
    }
}
