package org.beaconwatch.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.io.spi.FormatReader;
import org.beaconwatch.io.spi.LineSource;
import org.beaconwatch.io.spi.Problems;
import org.beaconwatch.io.zeek.ZeekTsvReader;

/**
 * Parses one {@link ParseTask} on the calling thread: puts its batches on the task's queue, then
 * its results and {@link ParseTask#END}. A whole file is read by its format's reader (a compressed
 * one through a {@link DecompressingStream}, so decompressing and parsing overlap); a byte range
 * has its ends moved to line starts and is read by the Zeek TSV reader with the file's header
 * block in front. Problems are recorded, not decided: the consumer replays them in reading order.
 */
final class TaskParser {
    private final ReadOptions options;
    private final BatchPool pool;

    TaskParser(ReadOptions options, BatchPool pool) {
        this.options = options;
        this.pool = pool;
    }

    /** Parses {@code t}; any failure is kept in the task for the consumer, and END always follows. */
    void run(ParseTask t) {
        List<AutoCloseable> open = new ArrayList<>();
        try {
            if (t.ranged()) {
                runRange(t, open);
            } else {
                runWhole(t, open);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            t.failure = new InterruptedIOException("interrupted while reading " + t.input.name());
        } catch (Throwable e) {
            t.failure = e;
        } finally {
            for (AutoCloseable c : open) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // nothing more to do for a file already read
                }
            }
            if (!t.out.offer(ParseTask.END)) {
                try {
                    t.out.put(ParseTask.END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void runWhole(ParseTask t, List<AutoCloseable> open) throws IOException, InterruptedException {
        Decompression.Opened o = t.input.open();
        InputStream in = o.in();
        open.add(in);
        if (o.compression() != null) {
            DecompressingStream d = new DecompressingStream(in);
            open.add(0, d);
            in = d;
        }
        Problems problems = Problems.recording(t.input.name());
        t.problems = problems;
        FormatReader r = FlowInputs.reader(t.input, options, in, o.compression(), problems);
        open.add(0, r);
        t.extraColumns = r.extraColumns();
        drain(t, r);
        t.records = r.recordsRead();
    }

    private void runRange(ParseTask t, List<AutoCloseable> open) throws IOException, InterruptedException {
        FileChannel ch = FileChannel.open(t.input.path(), StandardOpenOption.READ);
        open.add(ch);
        long size = ch.size();
        long s = t.start == 0 || t.exactStart ? t.start : ParsePlan.lineStartAtOrAfter(ch, t.start, size);
        long e = t.end >= size ? size : ParsePlan.lineStartAtOrAfter(ch, t.end, size);
        t.rangeEnd = e;
        InputStream in = new RangeStream(ch, s, Math.max(s, e));
        if (t.head != null) {
            in = new SequenceInputStream(new ByteArrayInputStream(t.head), in);
        }
        Problems problems = Problems.recording(t.input.name());
        t.problems = problems;
        LineSource lines = new LineSource(in, options.maxLineBytes(), null);
        ZeekTsvReader r = new ZeekTsvReader(lines, problems, options.uidText());
        if (!t.exactStart) {
            r.recordDirectivesAfter(t.headLines);
        }
        drain(t, r);
        t.records = r.recordsRead();
        t.lines = lines.lineNo();
        t.late = r.lateDirectives();
    }

    private void drain(ParseTask t, FormatReader r) throws IOException, InterruptedException {
        while (!t.cancelled) {
            FlowBatch b = pool.batch();
            b.clear();
            boolean more = r.fill(b);
            if (b.isEmpty()) {
                pool.release(b);
            } else {
                t.out.put(b);
            }
            if (!more) {
                return;
            }
        }
    }
}
