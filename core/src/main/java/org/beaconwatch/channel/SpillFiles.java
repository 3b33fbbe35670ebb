package org.beaconwatch.channel;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;

/**
 * A private temporary folder of zstd-compressed partition files: one stream per partition,
 * opened when first written, rows appended in order, read back one partition at a time. The folder
 * is removed by {@link #delete()} or, failing that, by a shutdown hook (normal exit, Ctrl-C,
 * SIGTERM); after that nothing new can be written. One copy of this for every spill of detection:
 * flows past the memory budget by channel ({@link Spill}) and rows cut by source
 * host ({@link SourceSpill}).
 */
final class SpillFiles {
    /**
     * Compression: zstd's fastest level (the files are read once or twice and then removed; about
     * four times faster than deflate's fastest, and smaller), with a 128 KiB window so that a
     * stream's native memory stays small when hundreds are open.
     */
    private static final int LEVEL = 1, WINDOW_LOG = 17;
    private static final int BUFFER = 1 << 14;

    final Path dir;
    private final Path[] files;
    private final DataOutputStream[] out;
    private final long[] counts;
    private final Thread hook;
    /** Set once the files are removed (end of run or shutdown hook): no file may be created after. */
    private boolean deleted;

    /**
     * @param parent     folder to make the private folder in (null: the system's temporary folder)
     * @param prefix     the private folder's name prefix
     * @param partitions number of partition files
     */
    SpillFiles(Path parent, String prefix, int partitions) throws IOException {
        dir = parent == null ? Files.createTempDirectory(prefix) : Files.createTempDirectory(parent, prefix);
        files = new Path[partitions];
        out = new DataOutputStream[partitions];
        counts = new long[partitions];
        for (int p = 0; p < partitions; p++) {
            files[p] = dir.resolve("partition-" + p + ".bin");
        }
        hook = new Thread(this::deleteFiles, "beaconwatch-spill-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    int partitions() {
        return files.length;
    }

    /**
     * The stream of partition {@code p}, opened on first use; the caller writes one row and then
     * calls {@link #rowWritten(int)}. Callers synchronise on this object while writing.
     */
    DataOutputStream out(int p) throws IOException {
        if (deleted) { // the JVM is shutting down (Ctrl-C, SIGTERM): write nothing new
            throw new InterruptedIOException("stopped: the run is shutting down");
        }
        DataOutputStream o = out[p];
        if (o == null) {
            ZstdOutputStream z = new ZstdOutputStream(Files.newOutputStream(files[p]), LEVEL);
            z.setWindowLog(WINDOW_LOG);
            o = new DataOutputStream(new BufferedOutputStream(z, BUFFER));
            out[p] = o;
        }
        return o;
    }

    void rowWritten(int p) {
        counts[p]++;
    }

    /** {@code n} rows were written to partition {@code p} at once. */
    void rowsWritten(int p, long n) {
        counts[p] += n;
    }

    /** Rows written to partition {@code p}. */
    long count(int p) {
        return counts[p];
    }

    /** Closes every stream; the files can then be read. */
    synchronized void finishWriting() throws IOException {
        for (int p = 0; p < out.length; p++) {
            if (out[p] != null) {
                out[p].close();
                out[p] = null;
            }
        }
    }

    /** Reads partition {@code p} from its start (only after {@link #finishWriting()}; the caller closes it). */
    DataInputStream in(int p) throws IOException {
        if (deleted) {
            throw new InterruptedIOException("stopped: the run is shutting down");
        }
        return new DataInputStream(new BufferedInputStream(new ZstdInputStream(Files.newInputStream(files[p])),
                1 << 16));
    }

    /** Removes the files and the folder now, and the shutdown hook. */
    void delete() {
        deleteFiles();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private synchronized void deleteFiles() {
        deleted = true;
        for (int p = 0; p < out.length; p++) {
            if (out[p] != null) {
                try {
                    out[p].close();
                } catch (IOException ignored) {
                    // removed next
                }
            }
        }
        Arrays.fill(out, null);
        for (Path f : files) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException ignored) {
                // best effort
            }
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
