package org.beaconwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** explore on a log without a label, sampled and in full. */
class ExploreUnlabelledCommandTest {

    @Test
    void unlabelledSimulatedLogSampledAndInFull(@TempDir Path tmp) throws IOException {
        Path sim = tmp.resolve("sim");
        assertThat(CliRunner.run("simulate", "--hosts", "5", "--days", "1", "--out", sim.toString()).exitCode()).isZero();
        Path conn = sim.resolve("conn.log");
        CliRunner.Result r = CliRunner.run("explore", conn.toString(), "--by", "service,conn_state", "--max-rows", "2000",
                "--out", tmp.resolve("a").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("sampled 2,000 of");
        String page = Files.readString(tmp.resolve("a/report.html"), StandardCharsets.UTF_8);
        assertThat(page).contains("<section id=\"groups\">", "By <code>service</code>", "By <code>conn_state</code>",
                "responder&#39;s port").doesNotContain("Every row: exact and estimated");
        CliRunner.Result full = CliRunner.run("explore", conn.toString(), "--max-rows", "0", "--out",
                tmp.resolve("b").toString());
        assertThat(full.exitCode()).as(full.err()).isZero();
        String p2 = Files.readString(tmp.resolve("b/report.html"), StandardCharsets.UTF_8);
        // small input: the sample is the whole input, so every figure is exact and no sketch is needed
        assertThat(p2).contains("Every figure is exact");
        assertThat(Files.readString(tmp.resolve("b/summary.json"))).contains("\"numeric\"");
    }

    @Test
    void groupingByAnUnknownColumnOrWithALabelIsAUsageError(@TempDir Path tmp) throws IOException {
        Path sim = tmp.resolve("sim");
        assertThat(CliRunner.run("simulate", "--hosts", "3", "--days", "1", "--out", sim.toString()).exitCode()).isZero();
        CliRunner.Result r = CliRunner.run("explore", sim.resolve("conn.log").toString(), "--by", "nope", "--out",
                tmp.resolve("a").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("nope");
        CliRunner.Result l = CliRunner.run("explore", sim.resolve("conn.log").toString(), "--label", "label", "--by",
                "service", "--out", tmp.resolve("b").toString());
        assertThat(l.exitCode()).isEqualTo(2);
    }
}
