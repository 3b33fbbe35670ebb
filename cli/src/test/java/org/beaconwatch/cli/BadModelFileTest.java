package org.beaconwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** score and evaluate on a model file that is not one: one line on stderr, exit 1, nothing on stdout. */
class BadModelFileTest {

    @Test
    void scoreAndEvaluateRefuseABadModelFileInOneLine(@TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("events.csv"), "host_id,inter_event_seconds,label\nh,60,Benign\n");
        Path hello = Files.writeString(dir.resolve("m.bwm"), "hello\n");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("provenance.json"));
            z.write("{}".getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("model.ser"));
            z.write(new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5});
        }
        Path old = Files.write(dir.resolve("old.bwm"), zip.toByteArray());
        Path missing = dir.resolve("missing.bwm");
        String[][] cases = {
            {hello.toString(), hello + ": not a model file"},
            {old.toString(), old + ": written by an older Beaconwatch (Java serialisation, no longer read for safety);"
                    + " retrain the model with `beaconwatch train`"},
            {missing.toString(), "no such file: " + missing},
        };
        for (String[] c : cases) {
            CliRunner.Result s = CliRunner.run("score", "--model", c[0], input.toString(), "--out",
                    dir.resolve("scores.csv").toString());
            CliRunner.Result e = CliRunner.run("evaluate", "--model", c[0], input.toString());
            for (CliRunner.Result r : new CliRunner.Result[] {s, e}) {
                assertThat(r.exitCode()).isEqualTo(1);
                assertThat(r.out()).isEmpty();
                assertThat(r.err().strip()).isEqualTo("beaconwatch: " + c[1]);
            }
        }
        assertThat(dir.resolve("scores.csv")).doesNotExist();
    }
}
