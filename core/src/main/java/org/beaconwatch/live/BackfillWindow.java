package org.beaconwatch.live;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.io.spi.LineSource;
import org.beaconwatch.io.spi.Problems;
import org.beaconwatch.io.zeek.ZeekJsonReader;
import org.beaconwatch.io.zeek.ZeekTsvReader;

/**
 * Chooses where the back-fill starts: the first rotation period whose conn log's events can reach
 * into the last window of event time, judged by the first records of the conn logs.
 */
final class BackfillWindow {
    /** Zeek's default rotation interval, assumed by the back-fill when the logs do not show theirs. */
    private static final long ROTATION_MICROS = 3_600_000_000L;

    private BackfillWindow() {
    }

    /**
     * The period key of the first rotation period that reaches into the window ("\uffff": none).
     * The window ends at the first record of {@code current/conn.log} (or, without one, one rotation
     * period after the first record of the newest rotated conn log).
     */
    static String start(LogDirectory dir, long windowMicros, int maxLineBytes) throws IOException {
        List<Path> conns = new ArrayList<>();
        for (Path p : dir.replayOrder()) {
            if (dir.isRotated(p) && LogFiles.TYPES.get(LogFiles.type(p)).equals("conn")) {
                conns.add(p);
            }
        }
        String none = "\uffff";
        if (conns.isEmpty()) {
            return none;
        }
        long end = firstTs(dir.current().resolve("conn.log"), maxLineBytes);
        int last = conns.size() - 1;
        if (end == Long.MIN_VALUE) {
            long s = firstTs(conns.get(last), maxLineBytes);
            long before = last > 0 ? firstTs(conns.get(last - 1), maxLineBytes) : Long.MIN_VALUE;
            long period = s != Long.MIN_VALUE && before != Long.MIN_VALUE && s > before ? s - before : ROTATION_MICROS;
            end = s == Long.MIN_VALUE ? Long.MIN_VALUE : s + period;
        }
        if (end == Long.MIN_VALUE) {
            return dir.periodKey(conns.get(0)); // no event time to go by: all of it
        }
        String from = none;
        long next = end; // first event after the period being looked at
        for (int i = last; i >= 0; i--) {
            if (next != Long.MIN_VALUE && next <= end - windowMicros) {
                break; // this period ended before the window began
            }
            from = dir.periodKey(conns.get(i));
            long s = firstTs(conns.get(i), maxLineBytes);
            if (s != Long.MIN_VALUE) {
                next = s;
            }
        }
        return from;
    }

    /** Event time (epoch µs) of the earliest record in the first 64 KiB of a conn log, or Long.MIN_VALUE. */
    static long firstTs(Path p, int maxLineBytes) {
        byte[] head;
        try (InputStream in = LogFiles.open(p)) {
            head = in.readNBytes(1 << 16);
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
        byte[] lines = Arrays.copyOf(head, LogFiles.lastNewline(head, head.length) + 1);
        Problems problems = new Problems(p.toString(), org.beaconwatch.io.ErrorPolicy.SKIP, 0);
        LineSource src = new LineSource(new ByteArrayInputStream(lines), maxLineBytes, null);
        org.beaconwatch.io.spi.FormatReader reader = LogFiles.firstContentByte(lines) == '{'
                ? new ZeekJsonReader(src, problems) : new ZeekTsvReader(src, problems);
        FlowBatch b = new FlowBatch();
        long min = Long.MIN_VALUE;
        try {
            boolean more = true;
            while (more) {
                b.clear();
                more = reader.fill(b);
                for (int i = 0; i < b.size(); i++) {
                    min = min == Long.MIN_VALUE ? b.ts[i] : Math.min(min, b.ts[i]);
                }
            }
        } catch (IOException e) {
            return min;
        }
        return min;
    }
}
