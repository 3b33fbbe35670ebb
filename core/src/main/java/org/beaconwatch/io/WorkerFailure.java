package org.beaconwatch.io;

import java.io.IOException;

/** What a worker thread failed with, rethrown on the thread that waits for it. */
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
}
