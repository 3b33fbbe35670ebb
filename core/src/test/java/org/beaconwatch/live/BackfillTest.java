package org.beaconwatch.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.beaconwatch.io.ReadOptions;
import org.beaconwatch.sim.SimulationConfig;
import org.beaconwatch.sim.SimulationResult;
import org.beaconwatch.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Follow mode started without a checkpoint reads the rotated logs of the last window first, once each. */
class BackfillTest {
    private static final long HOUR = 3_600_000_000L;
    private static final long WINDOW = 6 * HOUR;

    /** A day of hourly rotated logs; the last hour is still being written in current/. */
    private static Path layout(Path tmp, boolean alsoRotated) throws IOException {
        SimulationResult sim = Simulator.simulate(SimulationConfig.smallOffice().withHosts(3), tmp.resolve("sim"));
        Path zeek = tmp.resolve("zeek");
        ZeekLayout.rotateHourly(sim.connLog(), "conn", zeek);
        ZeekLayout.rotateHourly(sim.sslLog(), "ssl", zeek);
        Path current = zeek.resolve("current");
        Files.createDirectories(current);
        Path day = zeek.resolve("2026-01-05");
        for (String type : List.of("conn", "ssl")) {
            Path last = day.resolve(type + ".23:00:00-00:00:00.log.gz");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(last))) {
                Files.write(current.resolve(type + ".log"), in.readAllBytes());
            }
            if (!alsoRotated) {
                Files.delete(last);
            }
        }
        return zeek;
    }

    /** Event times (µs) of every conn record of the day, in file order. */
    private static List<Long> allTimes(Path zeek) throws IOException {
        List<Long> ts = new ArrayList<>();
        for (String l : Files.readAllLines(zeek.resolve("../sim/conn.log"), StandardCharsets.ISO_8859_1)) {
            if (!l.startsWith("#")) {
                ts.add(org.beaconwatch.io.spi.Bytes.parseMicros(l.substring(0, l.indexOf('\t'))));
            }
        }
        return ts;
    }

    private static List<Long> follow(Path zeek, List<String> warnings) throws IOException {
        List<Long> read = new ArrayList<>();
        LogFollower.Sink sink = b -> {
            for (int i = 0; i < b.size(); i++) {
                read.add(b.ts[i]);
            }
        };
        LogFollower f = new LogFollower(zeek, ReadOptions.defaults(), warnings::add);
        while (!f.backfillDone()) {
            while (f.backfillStep(WINDOW, sink)) {
                // back-fill chunk by chunk
            }
            f.poll(sink);
        }
        f.poll(sink);
        f.close();
        return read;
    }

    private static void assertLastWindowReadOnceInOrder(List<Long> read, List<Long> all) {
        assertThat(read).isNotEmpty();
        long first = read.get(0);
        long currentStart = all.stream().filter(t -> t >= all.get(all.size() - 1) / HOUR * HOUR).findFirst().orElseThrow();
        assertThat(first).as("the back-fill starts in the rotation period where the window begins (or the one before)")
                .isLessThanOrEqualTo(currentStart - WINDOW).isGreaterThan(currentStart - WINDOW - 2 * HOUR);
        List<Long> expected = all.subList(all.indexOf(first), all.size());
        assertThat(read).as("every record from there on, once, in time order").isEqualTo(expected);
    }

    @Test
    void freshFollowReadsTheLastWindowOfRotatedLogsThenCurrent(@TempDir Path tmp) throws IOException {
        Path zeek = layout(tmp, false);
        List<String> warnings = new ArrayList<>();
        List<Long> read = follow(zeek, warnings);
        assertLastWindowReadOnceInOrder(read, allTimes(zeek));
    }

    @Test
    void aLogThatIsBothRotatedAndCurrentIsReadOnce(@TempDir Path tmp) throws IOException {
        Path zeek = layout(tmp, true);
        List<String> warnings = new ArrayList<>();
        List<Long> read = follow(zeek, warnings);
        assertLastWindowReadOnceInOrder(read, allTimes(zeek));
        assertThat(warnings).anyMatch(w -> w.contains("conn.23:00:00-00:00:00.log.gz is also"));
    }

    @Test
    void aRestartDuringTheBackfillGoesOnWhereItStopped(@TempDir Path tmp) throws IOException {
        Path zeek = layout(tmp, false);
        List<Long> read = new ArrayList<>();
        LogFollower.Sink sink = b -> {
            for (int i = 0; i < b.size(); i++) {
                read.add(b.ts[i]);
            }
        };
        LogFollower f = new LogFollower(zeek, ReadOptions.defaults(), w -> { });
        assertThat(f.backfillStep(WINDOW, sink)).isTrue();
        assertThat(f.backfillStep(WINDOW, sink)).isTrue();
        StateFile.Out o = new StateFile.Out();
        f.save(o);
        f.close();
        LogFollower g = new LogFollower(zeek, ReadOptions.defaults(), w -> { });
        g.load(new StateFile.In(o.toByteArray(), "test"));
        while (!g.backfillDone()) {
            while (g.backfillStep(WINDOW, sink)) {
                // back-fill chunk by chunk
            }
            g.poll(sink);
        }
        g.close();
        assertLastWindowReadOnceInOrder(read, allTimes(zeek));
    }
}
