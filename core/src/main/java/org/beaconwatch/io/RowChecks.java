package org.beaconwatch.io;

import java.io.IOException;
import java.util.List;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.flow.UidSet;
import org.beaconwatch.io.spi.Problems;
import org.beaconwatch.io.spi.UidHash;

/**
 * The checks every row of a flow file passes as it arrives, in reading order, before anyone sees
 * it: a time far outside the bulk of its file ({@link TimeWindow}) is a malformed record under the
 * error policy, and a Zeek connection whose uid was seen before (in this file or an earlier one)
 * is dropped and counted, for the note in the file's report. Keeps what the checks left out of the
 * current file.
 *
 * <p>Hot path: the loop in {@link #check(FlowBatch, int, int, int, Problems)} runs once per row;
 * it calls only this class's own methods and allocates nothing.
 */
final class RowChecks {
    /** The flow files, for sizing the uid set from their estimated rows. */
    private final List<FlowInputs.InputFile> files;
    /** The uids seen; made on the first Zeek row checked, sized from the input ({@link #newUidSet}). */
    private UidSet uids;
    /** The caller checks uids (see {@link #leaveDuplicatesToCaller()}): no uid set here. */
    private boolean uidsDeferred;
    private final long[] uidHash = new long[2];
    private TimeWindow window;
    private long leftOut;          // rows of the current file the reader counted but we dropped
    private long duplicateUids;    // of the current file
    private boolean zeek;

    RowChecks(List<FlowInputs.InputFile> files) {
        this.files = files;
    }

    /** Starts checking a new file of format {@code format}: a fresh time window, nothing left out yet. */
    void startFile(LogFormat format) {
        window = new TimeWindow();
        leftOut = 0;
        duplicateUids = 0;
        zeek = format == LogFormat.ZEEK_CONN_TSV || format == LogFormat.ZEEK_CONN_JSON;
    }

    /** Rows of the current file the reader counted but the checks dropped. */
    long leftOut() {
        return leftOut;
    }

    /** Connections of the current file dropped because their uid was seen before. */
    long duplicateUids() {
        return duplicateUids;
    }

    /** From now on the caller checks uids: rows are only given their uid hash ({@link #leaveUnchecked}). */
    void leaveDuplicatesToCaller() {
        uidsDeferred = true;
    }

    /** Every row has been read: frees the uids seen (hundreds of MB for tens of millions of connections). */
    void dropUids() {
        uids = null;
    }

    /**
     * Drops rows [from, to) with an absurd time (reported to {@code problems}) or a uid seen
     * before (counted), compacting the batch; returns its new size.
     */
    int check(FlowBatch b, int from, int to, Problems problems) throws IOException {
        int out = from + check(b, from, to, from, problems);
        if (out != to) {
            b.truncate(out);
        }
        return out;
    }

    /**
     * Checks rows [from, to), moving the kept ones to {@code at} onwards; returns how many were kept.
     * An absurd time is reported to {@code problems}, the current file's under the error policy.
     */
    int check(FlowBatch b, int from, int to, int at, Problems problems) throws IOException {
        TimeWindow w = window;
        if (!w.started()) {
            w.start(b, from, to);
        }
        final long[] ts = b.ts;
        final boolean dedupe = zeek && !uidsDeferred;
        if (dedupe && uids == null) {
            uids = newUidSet();
        }
        int out = at;
        for (int i = from; i < to; i++) {
            if (dedupe && (i - from) % UidSet.WARM_BLOCK == 0) {
                uids.warm(b.uidLo, i, Math.min(to, i + UidSet.WARM_BLOCK));
            }
            long t = ts[i];
            if ((t < w.lo || t > w.hi) && TimeWindow.hasAddresses(b, i)) {
                String why = w.check(t);
                if (why != null) {
                    problems.malformed(b.line[i], why);
                    leftOut++;
                    continue;
                }
            }
            if (dedupe && seenBefore(b, i)) {
                duplicateUids++;
                leftOut++;
                continue;
            }
            if (out != i) {
                b.moveRow(i, out);
            }
            out++;
        }
        return out - at;
    }

    /**
     * A uid set sized for three quarters of the estimated rows ({@link RowEstimate}; a row of Zeek's
     * conn.log takes 130 bytes or more, 150-250 in real logs), so it seldom grows while reading:
     * growing a table of millions of uids rehashes it, about a tenth of the reading thread's time.
     */
    private UidSet newUidSet() {
        long rows = RowEstimate.of(files);
        return rows > 0 ? UidSet.forRows(rows / 4 * 3) : new UidSet();
    }

    /**
     * With the uid check left to the caller: gives rows of Zeek connection logs their uid hash
     * (from the text when the reader gave only that) and clears it on other rows (which are never
     * checked), after the name join has read it.
     */
    void leaveUnchecked(FlowBatch b, int from, int to) {
        if (!uidsDeferred) {
            return;
        }
        for (int i = from; i < to; i++) {
            if (!zeek) {
                b.uidHi[i] = 0;
                b.uidLo[i] = 0;
            } else {
                hashUid(b, i);
            }
        }
    }

    /**
     * Gives row i its uid hash from the uid text when the reader gave only the text; returns
     * whether the row has a uid.
     */
    private boolean hashUid(FlowBatch b, int i) {
        if (b.uidLo[i] != 0 || b.uidHi[i] != 0) {
            return true;
        }
        String u = b.uid[i];
        if (u == null) {
            return false;
        }
        UidHash.of(u, uidHash);
        b.uidHi[i] = uidHash[0];
        b.uidLo[i] = uidHash[1];
        return true;
    }

    /**
     * Whether row i's uid was seen before (adding it otherwise); false without a uid. A row whose
     * reader gave only the uid text gets its hash columns here.
     */
    private boolean seenBefore(FlowBatch b, int i) {
        return hashUid(b, i) && !uids.add(b.uidLo[i]);
    }
}
