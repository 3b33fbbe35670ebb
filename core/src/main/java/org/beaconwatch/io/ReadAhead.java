package org.beaconwatch.io;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.beaconwatch.flow.FlowBatch;

/**
 * Parses the flow files ahead of their one consumer, on worker threads, so every core parses
 * from the first byte. The work is an ordered list of tasks ({@link ParsePlan}): a large
 * uncompressed Zeek TSV file is cut into byte ranges at line boundaries (each range parsed with
 * the file's first header block in front of it), any other file is one task (a compressed one is
 * decompressed on a thread of its own, so decompressing and parsing overlap). Workers take tasks
 * in order, at most {@code window} tasks ahead of the consumer (bounding memory), and several files
 * are parsed at once when the window allows; each task is parsed by a {@link TaskParser} into
 * batches from a {@link BatchPool}.
 *
 * <p>Workers only parse. Everything that depends on the order of rows (the per-file time window,
 * uids seen before, companion names, error-policy decisions and examples) stays with the consumer
 * ({@link ReadAheadHandOff}), which takes the tasks' batches in task order and replays each
 * task's recorded problems with their lines moved to the file's numbering, so results equal a
 * sequential read. A range that finds a header line changing the row layout (a second header
 * block) says so; the consumer then reads the rest of that file again with the right header
 * ({@link #rereadRest}).
 */
final class ReadAhead implements Closeable {
    /** Byte range per task of a large plain file: 16 MiB (about 125,000 Zeek rows). */
    static final long DEFAULT_RANGE_BYTES = 16L << 20;

    private final List<ParseTask> tasks;
    private final BatchPool pool = new BatchPool();
    private final TaskParser parser;
    private final List<Thread> workers = new ArrayList<>();
    private final List<Thread> extra = new ArrayList<>();
    private final int window;
    private int nextTask;
    private int consumed;
    private boolean closed;

    /**
     * @param files      the flow files in reading order
     * @param readers    worker threads
     * @param rangeBytes byte range per task of a large plain Zeek TSV file
     */
    ReadAhead(List<FlowInputs.InputFile> files, ReadOptions options, int readers, long rangeBytes) throws IOException {
        this.parser = new TaskParser(options, pool);
        this.window = readers + 2;
        this.tasks = ParsePlan.tasks(files, rangeBytes);
        for (int i = 0; i < readers; i++) {
            Thread t = new Thread(this::work, "beaconwatch-parse-" + i);
            t.setDaemon(true);
            workers.add(t);
        }
        for (Thread t : workers) {
            t.start();
        }
    }

    int size() {
        return tasks.size();
    }

    ParseTask task(int i) {
        return tasks.get(i);
    }

    /** The consumer is done with task i: workers may run further ahead. */
    synchronized void done(int i) {
        consumed = Math.max(consumed, i + 1);
        notifyAll();
    }

    /** Drops the batches kept for reuse (the consumer has read everything). */
    void dropPool() {
        pool.clear();
    }

    /** Hands back a batch a task delivered, for the workers to fill again. */
    void release(FlowBatch b) {
        pool.release(b);
    }

    /**
     * A task reading {@code input} from {@code start} (a line start) to its end with {@code head}
     * in front, run on a thread of its own: the rest of a file whose ranges met a second header.
     */
    ParseTask rereadRest(FlowInputs.InputFile input, long start, byte[] head, int headLines) {
        ParseTask t = new ParseTask(input, false, true, start, Long.MAX_VALUE, true, head, headLines);
        Thread th = new Thread(() -> parser.run(t), "beaconwatch-parse-rest");
        th.setDaemon(true);
        synchronized (this) {
            extra.add(th);
        }
        th.start();
        return t;
    }

    private void work() {
        while (true) {
            ParseTask t;
            synchronized (this) {
                while (!closed && nextTask < tasks.size() && nextTask >= consumed + window) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed || nextTask >= tasks.size()) {
                    return;
                }
                t = tasks.get(nextTask++);
            }
            if (!t.cancelled) {
                parser.run(t);
            }
        }
    }

    @Override
    public void close() {
        List<Thread> all;
        synchronized (this) {
            closed = true;
            for (ParseTask t : tasks) {
                t.cancelled = true;
            }
            notifyAll();
            all = new ArrayList<>(workers);
            all.addAll(extra);
        }
        for (Thread t : all) {
            t.interrupt();
        }
    }
}
