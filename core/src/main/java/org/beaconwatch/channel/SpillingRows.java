package org.beaconwatch.channel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The kept flows of one {@link ChannelAggregator} while adding, in arrival order: in memory
 * ({@link Rows}: flat primitive columns in fixed-size chunks, channel id, start, bytes each way,
 * duration; labels, source port and server-name destination only when the input has them) up to
 * the memory budget ({@link ChannelAggregator#memoryBudget}), past it written to compressed
 * temporary files, one per partition of channels ({@link Spill}). When adding ends, {@link #group}
 * hands them over as {@link GroupedRows}. Results do not depend on the budget.
 */
final class SpillingRows {
    /** Partitions of channels written to files when over the budget (a power of two). */
    static final int PARTITIONS = 64;

    /** The channels the rows belong to (whether a channel is keyed by server name). */
    private final ChannelTable table;
    private Rows mem = new Rows();
    private long budget = Long.MAX_VALUE;
    private Path spillParent;
    private Spill spill;

    SpillingRows(ChannelTable table) {
        this.table = table;
    }

    /** At most about {@code bytes} of rows in memory; spill files under {@code dir} (null: the system's). */
    void budget(long bytes, Path dir) {
        this.budget = bytes;
        this.spillParent = dir;
    }

    /** The same budget and spill folder as {@code other} (a source partition's aggregator). */
    void sameBudgetAs(SpillingRows other) {
        budget(other.budget, other.spillParent);
    }

    /** Appends one kept flow of channel {@code ch}; spills past the budget. */
    void append(int ch, long ts, long ob, long rb, long dur, int label, int detailed, int sport,
                long nameDstHi, long nameDstLo, int nameDstPort) {
        append(ch, table.named(ch), ts, ob, rb, dur, label, detailed, sport, nameDstHi, nameDstLo, nameDstPort);
    }

    /**
     * As {@link #append(int, long, long, long, long, int, int, int, long, long, int)} for a caller
     * that knows whether {@code ch} is a server-name channel: the per-flow path, which saves a
     * look-up of the channel's kind by id (a cache miss on a table of millions of channels).
     */
    void append(int ch, boolean named, long ts, long ob, long rb, long dur, int label, int detailed, int sport,
                long nameDstHi, long nameDstLo, int nameDstPort) {
        mem.append(ch, ts, ob, rb, dur, label, detailed, sport, named, nameDstHi, nameDstLo, nameDstPort);
        if ((mem.size & 0xfff) == 0 && mem.size * mem.bytesPerRow() > budget) {
            spillRows();
        }
    }

    private void spillRows() {
        try {
            if (spill == null) {
                spill = new Spill(spillParent, PARTITIONS);
            }
            spill.write(mem);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write temporary files: " + e.getMessage(), e);
        }
        mem = new Rows();
    }

    /** Whether rows went to spill files. */
    boolean spilled() {
        return spill != null;
    }

    /** The rows held in memory, in arrival order: all of them unless {@link #spilled()}; null once grouped. */
    Rows inMemory() {
        return mem;
    }

    /** Rows written to spill files (0 when all stayed in memory). */
    long spilledRows() {
        return spill == null ? 0 : spill.rowsWritten;
    }

    /**
     * Ends adding: the rows grouped by channel, in memory (counting sort, arrival order kept within
     * a channel, on two threads when {@code twoThreads}) or, when rows were spilled, the rest
     * written to the partition files. The rows are then held by the result only.
     */
    GroupedRows group(List<String> names, String[] labels, boolean twoThreads) {
        GroupedRows grouped;
        if (spill != null) {
            if (mem.size > 0) {
                spillRows();
            }
            try {
                spill.finishWriting();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write temporary files: " + e.getMessage(), e);
            }
            grouped = GroupedRows.spilled(table, names, labels, spill);
        } else {
            grouped = GroupedRows.inMemory(table, names, labels, mem, twoThreads);
        }
        mem = null; // held by grouped
        return grouped;
    }

    /** Removes the spill files, if any. */
    void delete() {
        if (spill != null) {
            spill.delete();
        }
    }
}
