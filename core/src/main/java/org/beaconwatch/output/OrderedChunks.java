package org.beaconwatch.output;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.beaconwatch.score.Finding;

/**
 * Rows of findings formatted on several threads and written in order: the calling thread reads
 * the findings (an in-memory list, or a merge of ranked runs from disk) into chunks, workers
 * format each chunk into bytes, and the calling thread writes the chunks in the order read, so the
 * output is byte for byte what one thread writes. A chunk's bytes stay under a megabyte or so
 * (the writer picks the number of findings per chunk), below the size the G1 collector handles as
 * a "humongous" object, and at most {@link #WINDOW_PER_THREAD} chunks per worker are in flight,
 * which bounds the memory held.
 */
final class OrderedChunks {
    /**
     * Chunks in flight per worker (formatted, or waiting for a worker): tens of milliseconds of
     * work, so the workers keep going while a busy machine leaves the writing thread unscheduled.
     */
    private static final int WINDOW_PER_THREAD = 8;

    /** Formats a chunk of findings into bytes. */
    @FunctionalInterface
    interface Format {
        /** Appends the bytes of the rows of {@code chunk} to {@code out}, in order. */
        void rows(Finding[] chunk, RowBytes out) throws IOException;
    }

    private OrderedChunks() {
    }

    /**
     * Writes every finding's row to {@code out} through {@code format}, {@code size} findings a
     * chunk formatted into a buffer of about {@code bytes} (buffers are reused once written), on
     * {@code threads} threads (1: all on the calling thread). A failure of the format is rethrown
     * on the calling thread.
     */
    static void write(Iterable<Finding> findings, int size, int bytes, Format format, int threads, OutputStream out)
            throws IOException {
        Iterator<Finding> it = findings.iterator();
        Finding[] chunk = next(it, size);
        if (threads < 2 || chunk == null || chunk.length < size) { // one chunk or one thread: no worker to start
            RowBytes b = new RowBytes(bytes);
            while (chunk != null) {
                b.reset();
                format.rows(chunk, b);
                b.writeTo(out);
                chunk = next(it, size);
            }
            return;
        }
        java.util.concurrent.ConcurrentLinkedQueue<RowBytes> free = new java.util.concurrent.ConcurrentLinkedQueue<>();
        ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "beaconwatch-write");
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Future<RowBytes>> inFlight = new ArrayDeque<>();
        try {
            while (chunk != null) {
                Finding[] c = chunk;
                inFlight.add(workers.submit(() -> {
                    RowBytes b = free.poll();
                    if (b == null) {
                        b = new RowBytes(bytes);
                    }
                    b.reset();
                    format.rows(c, b);
                    return b;
                }));
                if (inFlight.size() >= threads * WINDOW_PER_THREAD) {
                    writeNext(inFlight, free, out);
                }
                chunk = next(it, size);
            }
            while (!inFlight.isEmpty()) {
                writeNext(inFlight, free, out);
            }
        } finally {
            for (Future<RowBytes> f : inFlight) { // a failure: chunks not yet written are not wanted
                f.cancel(false);
            }
            workers.shutdown();
        }
    }

    /** The next chunk of up to {@code size} findings (fewer only at the end); null after the last. */
    private static Finding[] next(Iterator<Finding> it, int size) {
        if (!it.hasNext()) {
            return null;
        }
        Finding[] chunk = new Finding[size];
        int n = 0;
        while (n < size && it.hasNext()) {
            chunk[n++] = it.next();
        }
        return n == size ? chunk : java.util.Arrays.copyOf(chunk, n);
    }

    /** Writes the oldest chunk in flight and hands its buffer back. */
    private static void writeNext(ArrayDeque<Future<RowBytes>> inFlight, java.util.Queue<RowBytes> free,
                                  OutputStream out) throws IOException {
        RowBytes b = take(inFlight.poll());
        b.writeTo(out);
        free.offer(b);
    }

    /** A formatted chunk, its failure rethrown as is. */
    private static RowBytes take(Future<RowBytes> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while writing findings");
        } catch (ExecutionException e) {
            org.beaconwatch.io.WorkerFailure.rethrow(e.getCause());
            throw new IOException(e);
        }
    }
}
