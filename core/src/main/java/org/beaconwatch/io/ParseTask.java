package org.beaconwatch.io;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.beaconwatch.io.spi.Problems;

/**
 * One unit of parsing and its results, published to the consumer before {@link #END}: a whole
 * file, a byte range of a large plain Zeek TSV file ({@link ParsePlan}), or the rest of such a
 * file read again after a second header block ({@link ReadAhead#rereadRest}). A worker
 * ({@link TaskParser}) puts the task's batches on {@link #out} and writes the results before
 * {@code END}; the consumer ({@link ReadAheadHandOff}) takes them in order.
 */
final class ParseTask {
    /** Put on {@link #out} after a task's last batch: its results are written. */
    static final Object END = new Object();
    /** Batches a whole-file task may have waiting for the consumer. */
    private static final int WHOLE_FILE_BATCHES = 8;

    final FlowInputs.InputFile input;
    final boolean first, last;      // first / last task of its file
    final long start, end;          // byte range (nominal; -1 = whole file)
    final boolean exactStart;       // start is a line start already (a re-read rest of file)
    final byte[] head;              // header lines put in front of the range (null: none)
    final int headLines;
    final BlockingQueue<Object> out;
    volatile boolean cancelled;
    // results, written by the worker before END
    volatile List<String> extraColumns = List.of();
    volatile Problems problems;
    volatile long records, lines, rangeEnd;
    volatile List<byte[]> late = List.of();
    volatile Throwable failure;

    ParseTask(FlowInputs.InputFile input, boolean first, boolean last, long start, long end, boolean exactStart,
              byte[] head, int headLines) {
        this.input = input;
        this.first = first;
        this.last = last;
        this.start = start;
        this.end = end;
        this.exactStart = exactStart;
        this.head = head;
        this.headLines = headLines;
        this.out = start < 0 ? new ArrayBlockingQueue<>(WHOLE_FILE_BATCHES + 1) : new LinkedBlockingQueue<>();
    }

    boolean ranged() {
        return start >= 0;
    }
}
