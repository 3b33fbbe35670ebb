package org.beaconwatch.io.spi;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import org.beaconwatch.flow.FlowBatch;

/** One open input file being read by a format-specific reader. */
public interface FormatReader extends Closeable {

    /**
     * Appends records to {@code batch} until it is full or the file ends.
     *
     * @return false when the file is exhausted (rows may still have been added by this call)
     */
    boolean fill(FlowBatch batch) throws IOException;

    /** Names of extra columns this reader fills into {@link FlowBatch#extra}; empty by default. */
    default List<String> extraColumns() {
        return List.of();
    }

    /** Records delivered so far. */
    long recordsRead();

    /** The error bookkeeping of this file (skipped records, examples, truncation). */
    Problems problems();
}
