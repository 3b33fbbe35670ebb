package org.beaconwatch.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.beaconwatch.io.ReadOptions;
import org.beaconwatch.sim.SimulationConfig;
import org.beaconwatch.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Following current/: partial lines, rotation, replacement, truncation, restart after a rotation. */
class LogFollowerTest {

    @Test
    void followsGrowthRotationTruncationAndARestartAcrossARotation(@TempDir Path tmp) throws IOException {
        Path sim = tmp.resolve("sim");
        Simulator.simulate(SimulationConfig.smallOffice().withHosts(2), sim);
        List<String> header = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        for (String l : Files.readAllLines(sim.resolve("conn.log"), StandardCharsets.ISO_8859_1)) {
            if (l.startsWith("#")) {
                if (!l.startsWith("#close")) {
                    header.add(l);
                }
            } else if (rows.size() < 400) {
                rows.add(l);
            }
        }
        Path zeek = tmp.resolve("zeek");
        Path current = zeek.resolve("current");
        Files.createDirectories(current);
        Path conn = current.resolve("conn.log");
        List<String> warnings = new ArrayList<>();
        long[] flows = new long[1];
        LogFollower.Sink count = b -> flows[0] += b.size();
        LogFollower f = new LogFollower(zeek, ReadOptions.defaults(), warnings::add);

        f.poll(count);
        assertThat(flows[0]).as("no current/conn.log yet").isZero();

        String r101 = rows.get(100);
        write(conn, String.join("\n", header) + "\n" + lines(rows, 0, 100) + r101.substring(0, 20), false);
        f.poll(count);
        assertThat(flows[0]).as("the partial last line waits").isEqualTo(100);

        write(conn, r101.substring(20) + "\n" + lines(rows, 101, 200), true);
        f.poll(count);
        assertThat(flows[0]).isEqualTo(200);

        // rotation: lines written just before it are read through the old handle
        write(conn, lines(rows, 200, 250), true);
        Path day = zeek.resolve("2026-01-05");
        Files.createDirectories(day);
        Files.move(conn, day.resolve("conn.00:00:00-01:00:00.log"));
        write(conn, String.join("\n", header) + "\n" + lines(rows, 250, 300), false);
        f.poll(count);
        assertThat(flows[0]).isEqualTo(300);
        assertThat(warnings).anyMatch(w -> w.contains("was replaced"));

        // truncation in place (same inode)
        try (FileChannel ch = FileChannel.open(conn, StandardOpenOption.WRITE)) {
            ch.truncate(0);
        }
        write(conn, String.join("\n", header) + "\n" + lines(rows, 300, 320), true);
        f.poll(count);
        assertThat(flows[0]).isEqualTo(320);
        assertThat(warnings).anyMatch(w -> w.contains("truncated"));

        // checkpoint, stop; meanwhile the sensor writes, rotates and compresses, and starts a new file
        StateFile.Out o = new StateFile.Out();
        f.save(o);
        f.close();
        write(conn, lines(rows, 320, 340), true);
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(day.resolve("conn.01:00:00-02:00:00.log.gz")))) {
            gz.write(Files.readAllBytes(conn));
        }
        Files.delete(conn);
        write(conn, String.join("\n", header) + "\n" + lines(rows, 340, 360), false);
        LogFollower g = new LogFollower(zeek, ReadOptions.defaults(), warnings::add);
        g.load(new StateFile.In(o.toByteArray(), "test"));
        g.poll(count);
        assertThat(flows[0]).as("nothing lost, nothing read twice").isEqualTo(360);
        assertThat(warnings).anyMatch(w -> w.contains("rotated while stopped; reading the rest from"));
        g.close();
    }

    private static String lines(List<String> rows, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append(rows.get(i)).append('\n');
        }
        return sb.toString();
    }

    private static void write(Path p, String text, boolean append) throws IOException {
        Files.writeString(p, text, StandardCharsets.ISO_8859_1, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
    }
}
