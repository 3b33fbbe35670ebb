package org.beaconwatch.channel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.flow.UidSet;

/**
 * The kept flows of an aggregator cut by source host ({@link ChannelAggregator#partitionBySource}):
 * each goes, with its channel key, to its source's partition file ({@link SourceSpill}) instead of
 * a channel, and each partition is later grouped into an aggregator of its own
 * ({@link ChannelAggregator#sourcePartition}). Zeek connections logged twice are dropped per
 * partition when checked, as both copies of a connection have one source; the first build of each
 * partition takes them back from the whole input's counts.
 */
final class SourceCut {
    /**
     * Name ids of rows the scope dropped but whose uid the partition still checks (a connection
     * logged twice is counted once, under the reason of its first copy, as when the reader checks).
     */
    static final int DROPPED_NO_ADDRESS = -2, DROPPED_EXTERNAL_SOURCE = -3, DROPPED_DESTINATION = -4,
            DROPPED_ALLOWLISTED = -5;

    /** The aggregator that was cut: its names, labels and destination ids. */
    private final ChannelAggregator whole;
    /** Its counts, from which rows logged twice are taken back. */
    private final FlowCounts counts;
    private final SourceSpill files;
    private final boolean checkUids;
    /** Per file index, connections found logged twice when the source partitions were first built. */
    private long[] duplicates = new long[0];
    /** Partitions already built once (their rows logged twice taken back from the counts). */
    private final boolean[] counted;

    /**
     * @param partitions a power of two
     * @param checkUids  drop Zeek connections whose uid was seen before, per partition
     */
    SourceCut(ChannelAggregator whole, FlowCounts counts, Path dir, int partitions, boolean checkUids) {
        this.whole = whole;
        this.counts = counts;
        try {
            this.files = new SourceSpill(dir, partitions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write temporary files: " + e.getMessage(), e);
        }
        this.checkUids = checkUids;
        this.counted = new boolean[partitions];
    }

    /** Row {@code i} of {@code b}, kept: to its source's partition with its channel key. */
    void kept(FlowBatch b, int i, int nameId, int label, int detailed, int sport) {
        long uidKey = 0;
        if (checkUids && (b.uidHi[i] | b.uidLo[i]) != 0L) {
            uidKey = b.uidLo[i] == 0L ? 1L : b.uidLo[i]; // as the uid set keys it
        }
        write(b.srcHi[i], b.srcLo[i], b.dstHi[i], b.dstLo[i], ChannelTable.addressMeta(b, i), b.dstPort[i], nameId,
                b.ts[i], b.origBytes[i], b.respBytes[i], b.duration[i], label, detailed, sport, uidKey, b.file[i]);
    }

    /** A row the scope dropped: only its uid goes to its source's partition (nothing when unchecked). */
    void dropped(FlowBatch b, int i, int reason) {
        if (checkUids && (b.uidHi[i] | b.uidLo[i]) != 0L) {
            write(b.srcHi[i], b.srcLo[i], 0L, 0L, 0, 0, reason, 0L, 0L, 0L, 0L, -1, -1, -1,
                    b.uidLo[i] == 0L ? 1L : b.uidLo[i], b.file[i]);
        }
    }

    private void write(long sh, long sl, long dh, long dl, int meta, int port, int nameId, long ts, long ob, long rb,
                       long dur, int label, int detailed, int sport, long uidKey, int file) {
        try {
            files.write(sh, sl, dh, dl, meta, port, nameId, ts, ob, rb, dur, label, detailed, sport, uidKey, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write temporary files: " + e.getMessage(), e);
        }
    }

    /** Ends writing: the partitions can then be read. */
    void finishWriting() {
        try {
            files.finishWriting();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write temporary files: " + e.getMessage(), e);
        }
    }

    int partitions() {
        return files.partitions();
    }

    /**
     * Source partition {@code p}'s channel keys and spans only ({@link ChannelAggregator#sourcePartitionKeys});
     * built whole, and its spans read from the built channels, when records of one connection need
     * merging ({@code merged}).
     */
    ChannelAggregator partitionKeys(int p, boolean merged, ChannelAggregator.ChannelSpan spans) {
        if (merged) {
            ChannelAggregator all = partition(p, null);
            all.spans(spans);
            return all;
        }
        SpanTally tally = new SpanTally(0);
        ChannelAggregator child = partition(p, tally);
        tally.report(child.channelCount(), spans);
        return child;
    }

    /**
     * Groups source partition {@code p} into a new aggregator ({@link ChannelAggregator#sourcePartition});
     * with {@code keysOnly}, its flows are tallied there instead of kept, so the aggregator has
     * channel keys and no flows.
     */
    ChannelAggregator partition(int p, SpanTally keysOnly) {
        boolean count;
        synchronized (this) {
            whole.prepare();
            count = !counted[p];
            counted[p] = true;
        }
        ChannelAggregator child = whole.sourcePartitionAggregator();
        FlowIntake intake = child.intake();
        UidSet seen = checkUids ? UidSet.forRows(files.rows(p)) : null;
        // rows found logged twice: per file, and per reason the scope would have counted them under
        long[][] twice = {new long[0]};
        long[] uncounted = new long[-DROPPED_ALLOWLISTED];
        try {
            files.read(p, (sh, sl, dh, dl, meta, port, nameId, ts, ob, rb, dur, label, detailed, sport, uidKey,
                           file) -> {
                if (uidKey != 0L && !seen.add(uidKey)) {
                    if (file >= twice[0].length) {
                        twice[0] = Arrays.copyOf(twice[0], Math.max(file + 1, twice[0].length * 2));
                    }
                    twice[0][file]++;
                    uncounted[nameId < -1 ? -nameId - 1 : 0]++;
                    return;
                }
                if (nameId < -1) { // dropped by the scope: only its uid was wanted
                    return;
                }
                intake.addCut(sh, sl, dh, dl, meta, port, nameId, ts, ob, rb, dur, label, detailed, sport, keysOnly);
            });
        } catch (IOException e) {
            child.close();
            throw new UncheckedIOException("cannot read temporary file: " + e.getMessage(), e);
        }
        if (count) {
            uncount(twice[0], uncounted);
        }
        return child;
    }

    /**
     * The first build of a partition found rows logged twice ({@code perFile}; {@code byReason}[0]
     * kept ones, [-reason - 1] those the scope dropped): they are not counted at all, as when the
     * reader checks. Partitions may be built on several threads.
     */
    private synchronized void uncount(long[] perFile, long[] byReason) {
        if (perFile.length > duplicates.length) {
            duplicates = Arrays.copyOf(duplicates, perFile.length);
        }
        long all = 0;
        for (int f = 0; f < perFile.length; f++) {
            duplicates[f] += perFile[f];
            all += perFile[f];
        }
        counts.uncount(all, byReason);
    }

    /** See {@link ChannelAggregator#duplicatesPerFile()}. */
    synchronized long[] duplicatesPerFile() {
        return duplicates.clone();
    }

    /** Removes the files. */
    void delete() {
        files.delete();
    }
}
