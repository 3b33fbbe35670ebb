package org.beaconwatch.io;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * A rough count of the rows in a list of flow files, from their sizes on disk: a plain connection
 * log takes {@link #BYTES_PER_ROW} bytes per row or more, a compressed one is taken as
 * {@link #COMPRESSION_RATIO} times its size. Used to choose how to process an input and to size
 * the set of uids seen; never for a result.
 */
final class RowEstimate {
    /** Bytes of a plain connection log per row (a Zeek TSV row is 130-250). */
    static final long BYTES_PER_ROW = 130;
    /** How much larger a compressed log is when decompressed. */
    static final long COMPRESSION_RATIO = 8;

    private RowEstimate() {
    }

    /** The estimated rows of {@code files}; -1 when a file has no local path or its size cannot be read. */
    static long of(List<FlowInputs.InputFile> files) {
        long rows = 0;
        for (FlowInputs.InputFile f : files) {
            if (f.path() == null) {
                return -1;
            }
            long size;
            try {
                size = Files.size(f.path());
            } catch (IOException e) {
                return -1;
            }
            boolean compressed = f.compression() != null || f.entry() != null;
            rows += size / BYTES_PER_ROW * (compressed ? COMPRESSION_RATIO : 1);
        }
        return rows;
    }
}
