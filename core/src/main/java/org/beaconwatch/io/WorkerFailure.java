package org.beaconwatch.io;

import java.io.IOException;

/**
 * Waiting for worker threads: what one failed with, rethrown on the thread that waits for it, and
 * its end awaited whatever interrupts the waiting thread.
 */
public final class WorkerFailure {
    private WorkerFailure() {
    }

    /**
     * Rethrows {@code t} as it is when it is an IOException, a RuntimeException or an Error, wrapped
     * in an IOException otherwise; does nothing when {@code t} is null.
     */
    public static void rethrow(Throwable t) throws IOException {
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error er) {
            throw er;
        }
        if (t != null) {
            throw new IOException(t);
        }
    }

    /**
     * Waits for {@code t} to end, however often this thread is interrupted meanwhile (the interrupt
     * is kept for the caller), so that no worker outlives the step that started it.
     */
    public static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What a task returned; its failure rethrown as it is ({@link #rethrow}, an IOException as an
     * UncheckedIOException); interrupted or cancelled: an IllegalStateException naming {@code doing}.
     */
    public static <T> T result(java.util.concurrent.Future<T> f, String doing) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + doing, e);
        } catch (java.util.concurrent.CancellationException e) {
            throw new IllegalStateException(doing + ": cancelled", e);
        } catch (java.util.concurrent.ExecutionException e) {
            try {
                rethrow(e.getCause());
            } catch (IOException io) {
                throw new java.io.UncheckedIOException(io);
            }
            throw new IllegalStateException(e);
        }
    }
}
