package org.beaconwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyst loop closed in detect: a channel model trained on one day of a network (with an
 * analyst verdict on top of the capture labels) scores the channels of another day beside the
 * detector's own score, which stays as it was.
 */
class DetectWithModelTest {
    @Test
    void detectShowsTheModelRiskBesideTheUnchangedDetectorScore(@TempDir Path dir) throws Exception {
        Path njrat = ModelCommandsTest.data("stratosphere-njrat-ctu-malware-230-1-zeek/labeled-conn.log");
        Path day1 = ModelCommandsTest.data("stratosphere-ctu50-benign-windows-zeek/008-ctu-normal-40-day1.conn.log.labeled");
        Path day2 = ModelCommandsTest.data("stratosphere-ctu50-benign-windows-zeek/010-ctu-normal-42-day2.conn.log.labeled");
        Path verdicts = Files.writeString(dir.resolve("verdicts.csv"), """
                src,dst,dst_port,server_name,verdict,note,analyst,date
                147.32.81.167,20.199.120.151,443,,benign,Windows service,ann,2026-11-30
                """);
        Path model = dir.resolve("channels.bwm");
        CliRunner.Result t = CliRunner.run("train", day1.toString(), njrat.toString(), "--label", "label", "--verdicts",
                verdicts.toString(), "--features", "channel", "--split", "file", "--trees", "30", "--folds", "3",
                "--out", model.toString());
        assertThat(t.exitCode()).as(t.err()).isZero();

        CliRunner.Result plain = CliRunner.run("detect", "--all-sources", "--format", "csv", day2.toString());
        CliRunner.Result with = CliRunner.run("detect", "--all-sources", "--format", "csv", "--model", model.toString(),
                day2.toString());
        assertThat(with.exitCode()).as(with.err()).isEqualTo(plain.exitCode());
        assertThat(with.err()).contains("model: " + model).contains("at or above its threshold");
        List<String> a = plain.out().lines().toList();
        List<String> b = with.out().lines().toList();
        assertThat(b).hasSameSizeAs(a).hasSizeGreaterThan(100);
        assertThat(b.get(0)).isEqualTo(a.get(0) + ",model_risk");
        int scored = 0;
        for (int i = 1; i < a.size(); i++) {
            String row = b.get(i);
            // the detector's columns (rank, score, alert, ...) are unchanged; the model's risk is appended
            assertThat(row).startsWith(a.get(i) + ",");
            double risk = Double.parseDouble(row.substring(row.lastIndexOf(',') + 1));
            assertThat(risk).isBetween(0.0, 1.0);
            scored++;
        }
        assertThat(scored).isEqualTo(a.size() - 1);

        CliRunner.Result jsonl = CliRunner.run("detect", "--all-sources", "--format", "jsonl", "--model",
                model.toString(), day2.toString());
        assertThat(jsonl.out().lines().findFirst().orElse("")).contains("\"model_risk\":");
        CliRunner.Result table = CliRunner.run("detect", "--all-sources", "--top", "3", "--model", model.toString(),
                day2.toString());
        assertThat(table.out()).contains("RANK SCORE MODEL SEVERITY");
    }

    @Test
    void aModelThatIsNotAChannelModelIsRefused(@TempDir Path dir) throws Exception {
        Path day1 = ModelCommandsTest.data("stratosphere-ctu50-benign-windows-zeek/008-ctu-normal-40-day1.conn.log.labeled");
        Path model = dir.resolve("flows.bwm");
        CliRunner.Result t = CliRunner.run("train", day1.toString(), "--label", "label", "--split", "group:src",
                "--model", "rf", "--trees", "10", "--folds", "2", "--out", model.toString());
        assertThat(t.exitCode()).as(t.err()).isZero();
        CliRunner.Result d = CliRunner.run("detect", "--all-sources", "--model", model.toString(), day1.toString());
        assertThat(d.exitCode()).isEqualTo(2);
        assertThat(d.err()).contains("--features channel").doesNotContain("Exception");
    }
}
