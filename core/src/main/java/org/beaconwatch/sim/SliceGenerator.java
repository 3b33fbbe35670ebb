package org.beaconwatch.sim;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.LongConsumer;
import org.beaconwatch.io.WorkerFailure;

/**
 * Runs the simulation as a two-stage pipeline: a worker thread generates and sorts 15-minute
 * slices (all randomness stays on this one thread, in a fixed order, so output is deterministic)
 * and writes their ssl.log rows, while the calling thread writes the previous slice's conn.log rows. Three slice buffers circulate;
 * connections that fall after their slice (the tail of a browsing session) are carried into the
 * next buffer before the slice is handed over. Formatting conn.log costs about as much as
 * generating plus formatting ssl.log (JFR samples with {@code SimulatorSpeed}), so on two
 * cores the pipeline is up to 1.7 times faster than one thread.
 */
final class SliceGenerator {
    static final long SLICE_MICROS = 900_000_000L;
    private static final ConnEvents END = new ConnEvents(16);

    private final PeriodicChannel[] periodic;
    private final BackgroundModel background;
    private final ZeekLogWriter out;
    private final long start;
    private final long end;
    private final BlockingQueue<ConnEvents> free = new ArrayBlockingQueue<>(3);
    private final BlockingQueue<ConnEvents> full = new ArrayBlockingQueue<>(3);

    SliceGenerator(PeriodicChannel[] periodic, BackgroundModel background, ZeekLogWriter out, long start, long end) {
        this.periodic = periodic;
        this.background = background;
        this.out = out;
        this.start = start;
        this.end = end;
    }

    /** Generates every slice and writes it; channel counts and row counts are final on return. */
    void run(LongConsumer progress) throws IOException {
        for (int i = 0; i < 3; i++) {
            free.add(new ConnEvents(1 << 16));
        }
        FutureTask<Void> task = new FutureTask<>(() -> {
            try {
                generateAll();
                full.put(END);
            } catch (Throwable t) {
                // failed or cancelled: drop unwritten slices so END always fits and the writer wakes
                full.clear();
                full.offer(END);
                throw t;
            }
            return null;
        });
        Thread worker = new Thread(task, "beaconwatch-simulator");
        worker.setDaemon(true);
        worker.start();
        boolean done = false;
        try {
            while (true) {
                ConnEvents slice = full.take();
                if (slice == END) {
                    break;
                }
                long[] keys = slice.keys;
                for (int k = 0; k < slice.writable; k++) {
                    out.writeConn(slice, (int) (keys[k] & ConnEvents.IDX_MASK));
                }
                free.put(slice);
                progress.accept(out.connRows);
            }
            task.get();
            done = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("simulation interrupted");
        } catch (ExecutionException e) {
            WorkerFailure.rethrow(e.getCause());
            throw new IllegalStateException("simulation failed", e);
        } finally {
            if (!done) {
                // stop the worker and wait for it: it writes ssl.log, which the caller closes next
                task.cancel(true);
                WorkerFailure.joinUninterruptibly(worker);
            }
        }
    }

    private void generateAll() throws InterruptedException, IOException {
        long written = 0;
        ConnEvents cur = free.take();
        cur.clear();
        for (long s = start; s < end; s += SLICE_MICROS) {
            long sliceEnd = Math.min(end, s + SLICE_MICROS);
            for (PeriodicChannel ch : periodic) {
                ch.generate(cur, sliceEnd, end);
            }
            background.generate(cur, s, sliceEnd - s, end);
            cur.sortKeys(s);
            ConnEvents next = free.take();
            next.clear();
            long[] keys = cur.keys;
            int m = 0;
            for (int k = 0; k < cur.size; k++) {
                int i = (int) (keys[k] & ConnEvents.IDX_MASK);
                if (cur.ts[i] < sliceEnd) {
                    m = k + 1;
                    int ch = cur.channel[i];
                    if (ch >= 0) {
                        periodic[ch].conns++;
                    }
                } else if (cur.ts[i] < end) {
                    next.copyRow(cur, i);
                }
            }
            cur.writable = m;
            // the ssl.log rows are formatted here, balancing the work of the two threads
            for (int k = 0; k < m; k++) {
                int i = (int) (keys[k] & ConnEvents.IDX_MASK);
                if (ZeekLogWriter.hasSsl(cur, i)) {
                    out.writeSsl(cur, i, written + k);
                }
            }
            written += m;
            full.put(cur);
            cur = next;
        }
        free.put(cur);
    }
}
