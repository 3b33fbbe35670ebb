package org.beaconwatch.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte ranges a large plain Zeek TSV file is cut into, once each end is moved to a line start
 * as a worker does, hold every line of the file exactly once, in order: no row is lost or read
 * twice however the nominal ends fall.
 */
class ParsePlanTest {
    private static final String HEAD = "#separator \\x09\n#fields\tts\tuid\n#types\ttime\tstring\n";

    @TempDir
    Path tmp;

    @Test
    void rangesAtLineStartsHoldEveryLineOnce() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        StringBuilder text = new StringBuilder(HEAD);
        List<Long> lineStarts = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            lineStarts.add((long) text.length());
            text.append(i).append('\t').append("x".repeat(random.nextInt(80))).append('\n');
        }
        Path file = tmp.resolve("conn.log");
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        long size = Files.size(file);
        long rangeBytes = 256 << 10;

        List<ParseTask> tasks = ParsePlan.tasks(
                List.of(new FlowInputs.InputFile(file, "conn.log", LogFormat.ZEEK_CONN_TSV, null)), rangeBytes);

        assertThat(tasks.size()).isGreaterThan(5);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long expectedStart = 0;
            for (int i = 0; i < tasks.size(); i++) {
                ParseTask t = tasks.get(i);
                assertThat(t.first).isEqualTo(i == 0);
                assertThat(t.last).isEqualTo(i == tasks.size() - 1);
                assertThat(t.start).isEqualTo(expectedStart);
                // the worker's real range: both ends moved to line starts (as TaskParser does)
                long s = t.start == 0 ? 0 : ParsePlan.lineStartAtOrAfter(ch, t.start, size);
                long e = t.end >= size ? size : ParsePlan.lineStartAtOrAfter(ch, t.end, size);
                assertThat(s).isIn(i == 0 ? List.of(0L) : lineStarts);
                assertThat(e == size || lineStarts.contains(e)).as("range end %d is a line start", e).isTrue();
                if (i > 0) {
                    assertThat(new String(t.head, StandardCharsets.US_ASCII)).isEqualTo(HEAD);
                    assertThat(t.headLines).isEqualTo(3);
                } else {
                    assertThat(t.head).isNull();
                    // the first range holds the file's first batches, as a sequential read makes them
                    long linesInFirst = lineStarts.stream().filter(p -> p < e).count();
                    assertThat(linesInFirst).isGreaterThanOrEqualTo(ParsePlan.FIRST_RANGE_LINES);
                }
                expectedStart = t.end;
            }
            assertThat(expectedStart).isEqualTo(size);
        }
    }

    @Test
    void lineStartAtOrAfterFindsTheNextLineStart() throws IOException {
        Path file = tmp.resolve("lines.log");
        Files.writeString(file, "ab\ncd\n\nef", StandardCharsets.US_ASCII);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long[] expected = {0, 3, 3, 3, 6, 6, 6, 7, 9, 9}; // for p = 0 .. size
            for (int p = 1; p <= size; p++) {
                assertThat(ParsePlan.lineStartAtOrAfter(ch, p, size)).as("p=%d", p).isEqualTo(expected[p]);
            }
        }
    }

    @Test
    void shortOrCompressedFilesAreOneTask() throws IOException {
        Path file = tmp.resolve("conn.log");
        Files.writeString(file, HEAD + "1\ta\n2\tb\n", StandardCharsets.US_ASCII);
        List<ParseTask> tasks = ParsePlan.tasks(List.of(
                new FlowInputs.InputFile(file, "conn.log", LogFormat.ZEEK_CONN_TSV, null),
                new FlowInputs.InputFile(file, "conn.log.gz", LogFormat.ZEEK_CONN_TSV, "gz")), 4);
        assertThat(tasks).hasSize(2).allSatisfy(t -> {
            assertThat(t.ranged()).isFalse();
            assertThat(t.first && t.last).isTrue();
        });
    }
}
