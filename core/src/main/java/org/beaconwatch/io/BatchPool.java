package org.beaconwatch.io;

import java.util.concurrent.ConcurrentLinkedQueue;
import org.beaconwatch.flow.FlowBatch;

/**
 * Batches the consumer has handed back, for the workers to fill again, so a read allocates
 * about as many batches as are in flight at once.
 */
final class BatchPool {
    private final ConcurrentLinkedQueue<FlowBatch> pool = new ConcurrentLinkedQueue<>();

    /** A batch for a worker to fill; the consumer hands it back with {@link #release}. */
    FlowBatch batch() {
        FlowBatch b = pool.poll();
        return b != null ? b : new FlowBatch();
    }

    /** Keeps {@code b} for reuse (a batch of the default capacity only). */
    void release(FlowBatch b) {
        if (b.capacity() == FlowBatch.DEFAULT_CAPACITY) {
            pool.offer(b);
        }
    }

    /** Drops the batches kept for reuse (the consumer has read everything). */
    void clear() {
        pool.clear();
    }
}
