package org.beaconwatch.channel;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Kept flows cut by source host: one compressed temporary file per partition ({@link SpillFiles}),
 * holding, in arrival order, every kept flow whose source address hashes to it, with its whole
 * channel key, so that each partition is later grouped into channels on its own (a channel, and
 * everything per host, lies in one partition). Rows are {@link #ROW} bytes, encoded into a
 * per-partition buffer and written in blocks (no call per field).
 */
final class SourceSpill {
    /** Bytes of one row: addresses 32, meta and port 8, name id 4, ts/bytes/duration 32, labels and port 12, uid 8, file 4. */
    static final int ROW = 100;
    /** Rows buffered per partition before a block is compressed. */
    private static final int BLOCK_ROWS = 256;

    private final SpillFiles files;
    private final byte[][] buffers;
    private final ByteBuffer[] views;
    private final int mask;

    /** @param partitions a power of two */
    SourceSpill(Path parent, int partitions) throws IOException {
        if (Integer.bitCount(partitions) != 1) {
            throw new IllegalArgumentException("partitions must be a power of two, got " + partitions);
        }
        files = new SpillFiles(parent, "beaconwatch-hosts-", partitions);
        buffers = new byte[partitions][];
        views = new ByteBuffer[partitions];
        mask = partitions - 1;
    }

    int partitions() {
        return mask + 1;
    }

    /** The partition of a source address. */
    int partitionOf(long sh, long sl) {
        return LongIds.mix(sh * 0x9E3779B97F4A7C15L ^ sl) & mask;
    }

    /** Rows written to partition {@code p}. */
    long rows(int p) {
        return files.count(p);
    }

    /** Appends one kept flow to its source's partition. */
    void write(long sh, long sl, long dh, long dl, int meta, int port, int nameId, long ts, long ob, long rb,
               long dur, int label, int detailed, int sport, long uidKey, int file) throws IOException {
        int p = partitionOf(sh, sl);
        ByteBuffer v = views[p];
        if (v == null) {
            buffers[p] = new byte[BLOCK_ROWS * ROW];
            v = ByteBuffer.wrap(buffers[p]);
            views[p] = v;
        }
        v.putLong(sh).putLong(sl).putLong(dh).putLong(dl).putInt(meta).putInt(port).putInt(nameId)
                .putLong(ts).putLong(ob).putLong(rb).putLong(dur).putInt(label).putInt(detailed).putInt(sport)
                .putLong(uidKey).putInt(file);
        if (!v.hasRemaining()) {
            flush(p);
        }
    }

    private void flush(int p) throws IOException {
        ByteBuffer v = views[p];
        if (v == null || v.position() == 0) {
            return;
        }
        synchronized (files) {
            files.out(p).write(buffers[p], 0, v.position());
            files.rowsWritten(p, v.position() / ROW);
        }
        v.clear();
    }

    /** Writes what is buffered and closes the files; they can then be read. */
    void finishWriting() throws IOException {
        for (int p = 0; p <= mask; p++) {
            flush(p);
            buffers[p] = null;
            views[p] = null;
        }
        files.finishWriting();
    }

    /** One row read back. */
    interface RowConsumer {
        void row(long sh, long sl, long dh, long dl, int meta, int port, int nameId, long ts, long ob, long rb,
                 long dur, int label, int detailed, int sport, long uidKey, int file);
    }

    /** Reads partition {@code p}'s rows in the order written. */
    void read(int p, RowConsumer to) throws IOException {
        long n = files.count(p);
        if (n == 0) {
            return;
        }
        byte[] buf = new byte[BLOCK_ROWS * ROW];
        ByteBuffer v = ByteBuffer.wrap(buf);
        try (DataInputStream in = files.in(p)) {
            for (long done = 0; done < n; ) {
                int k = (int) Math.min(BLOCK_ROWS, n - done);
                in.readFully(buf, 0, k * ROW);
                v.clear();
                for (int r = 0; r < k; r++) {
                    to.row(v.getLong(), v.getLong(), v.getLong(), v.getLong(), v.getInt(), v.getInt(), v.getInt(),
                            v.getLong(), v.getLong(), v.getLong(), v.getLong(), v.getInt(), v.getInt(), v.getInt(),
                            v.getLong(), v.getInt());
                }
                done += k;
            }
        }
    }

    /** Removes the files. */
    void delete() {
        files.delete();
    }
}
