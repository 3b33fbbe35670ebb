package org.beaconwatch.spark;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.beaconwatch.io.spi.Problems;

/**
 * The problems of a byte range after a file's first, with line numbers counted from the range's
 * start: how many malformed records, the first few events (enough for the file's examples) and
 * whether the range ended early. The driver replays them into the file's problems at the file's
 * real line numbers.
 *
 * @param malformed malformed records (the range's skipped count)
 * @param first     the first events, at most the examples a file report keeps
 */
record RangeEvents(long malformed, List<Event> first) implements Serializable {
    private static final long serialVersionUID = 1L;

    static final RangeEvents NONE = new RangeEvents(0, List.of());

    /** One event as core's {@link Problems.Event} has it (line relative to the range). */
    record Event(long line, String reason, boolean truncation) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    static RangeEvents of(Problems recording, int maxExamples) {
        List<Problems.Event> all = recording.events();
        if (all.isEmpty()) {
            return NONE;
        }
        long n = 0;
        List<Event> first = new ArrayList<>();
        for (Problems.Event e : all) {
            if (!e.truncation()) {
                n++;
            }
            if (first.size() < maxExamples || e.truncation()) {
                first.add(new Event(e.line(), e.reason(), e.truncation()));
            }
        }
        return new RangeEvents(n, first);
    }

    /**
     * A malformed record in a later byte range under {@code --on-error fail}: the driver turns it
     * into core's message with the file's real line number.
     */
    static final class Failure extends IOException {
        private static final long serialVersionUID = 1L;
        final int file;
        final int split;
        final long line;
        final String reason;

        Failure(int file, int split, long line, String reason) {
            super("record at line " + line + " of byte range " + split + ": " + reason);
            this.file = file;
            this.split = split;
            this.line = line;
            this.reason = reason;
        }
    }
}
