package org.beaconwatch.channel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.beaconwatch.flow.Protocol;

/**
 * The kept flows once adding has ended ({@link ChannelAggregator#prepare()}), grouped by channel,
 * and each channel's {@link ChannelSeries} built from them on demand. In memory, the rows are put
 * in channel order once (a stable counting sort, arrival order kept within a channel), so each
 * channel is one run of rows, copied when built, and the runs of built channels can be freed
 * ({@link ChannelAggregator.Partition#builtBefore}); when rows were spilled, one spill file (a
 * partition of channels) is read and grouped at a time. A channel is built by replaying its flows
 * in arrival order through the same merging and sorting as flow-by-flow grouping.
 */
final class GroupedRows {
    private final ChannelTable table;
    private final List<String> names;
    private final String[] labels;
    /** Null when everything stayed in memory. */
    private final Spill spill;
    // in memory: the rows in channel order; channel c's rows are firstRow[c] .. firstRow[c + 1]
    private Rows ordered;
    private long[] firstRow;

    private GroupedRows(ChannelTable table, List<String> names, String[] labels, Spill spill, Rows rows,
                        long[] firstRow) {
        this.table = table;
        this.names = names;
        this.labels = labels;
        this.spill = spill;
        this.ordered = rows;
        this.firstRow = firstRow;
    }

    /** Groups rows held in memory, in arrival order, by channel. */
    static GroupedRows inMemory(ChannelTable table, List<String> names, String[] labels, Rows rows,
                                boolean twoThreads) {
        Grouped g = group(rows, table.count, 0, 1);
        // the rows into channel order, once: each channel is then one run of rows, copied when
        // built, and the runs of built channels can be freed while the rest are scored
        return new GroupedRows(table, names, labels, null, rows.permute(g.order(), twoThreads), g.start());
    }

    /** Rows written to spill files (writing finished), grouped one file at a time when built. */
    static GroupedRows spilled(ChannelTable table, List<String> names, String[] labels, Spill spill) {
        return new GroupedRows(table, names, labels, spill, null, null);
    }

    /** No rows: the flows went to source partitions ({@link SourceCut}), so no channel here. */
    static GroupedRows none(ChannelTable table, List<String> names, String[] labels) {
        return new GroupedRows(table, names, labels, null, null, null);
    }

    /** See {@link ChannelAggregator#partitions()}. */
    int partitions() {
        return spill == null ? 1 : spill.partitions();
    }

    /** See {@link ChannelAggregator#partition(int)}. */
    ChannelAggregator.Partition partition(int p) {
        if (spill == null) {
            int[] ids = new int[table.count];
            for (int c = 0; c < table.count; c++) {
                ids[c] = c;
            }
            return new ChannelAggregator.Partition(ids, c -> series(c), k -> {
                Rows m = ordered;
                long[] f = firstRow;
                if (m != null && f != null && k < ids.length) {
                    m.releaseBefore(f[ids[k]]);
                }
            });
        }
        int step = spill.partitions();
        Rows read;
        try {
            read = spill.read(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read temporary file: " + e.getMessage(), e);
        }
        Grouped g = group(read, table.count, p, step);
        long[] start = g.start();
        int[] ord = g.order();
        int local = start.length - 1;
        int[] ids = new int[local];
        for (int k = 0; k < local; k++) {
            ids[k] = p + k * step;
        }
        return new ChannelAggregator.Partition(ids, c -> build(c, read, start, ord, (c - p) / step), k -> { });
    }

    /** See {@link ChannelAggregator#series(int)}. */
    ChannelSeries series(int c) {
        if (spill != null) {
            return partition(c % spill.partitions()).series(c);
        }
        return build(c, ordered, firstRow, null, c);
    }

    /** Every channel, in order of first sight. */
    List<ChannelSeries> all() {
        ChannelSeries[] out = new ChannelSeries[table.count];
        for (int p = 0, np = partitions(); p < np; p++) {
            ChannelAggregator.Partition part = partition(p);
            for (int c : part.channels()) {
                out[c] = part.series(c);
            }
        }
        return Arrays.asList(out);
    }

    /** Each channel's connections, longest duration and first and last start, from the built channels. */
    void spans(ChannelAggregator.ChannelSpan to) {
        for (int p = 0, np = partitions(); p < np; p++) {
            ChannelAggregator.Partition part = partition(p);
            for (int c : part.channels()) {
                ChannelSeries s = part.series(c);
                int k = s.size();
                if (k == 0) {
                    continue;
                }
                long[] d = s.duration();
                long m = 0;
                for (int i = 0; i < k; i++) {
                    m = Math.max(m, d[i]);
                }
                to.channel(c, k, m, s.ts()[0], s.ts()[k - 1]);
            }
        }
    }

    /** Lets go of the rows held in memory; channels can no longer be built from them. */
    void drop() {
        ordered = null;
        firstRow = null;
    }

    /**
     * Groups rows by channel: for channels c = first, first + step, ... (local index (c - first) /
     * step), returns {start offsets per local channel (+ end), row numbers in channel order}.
     */
    private static Grouped group(Rows rows, int channelCount, int first, int step) {
        int local = channelCount <= first ? 0 : (channelCount - first + step - 1) / step;
        long[] start = new long[local + 1];
        long n = rows.size;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("more than 2^31 flows in one partition");
        }
        // the channel column read a block at a time, each channel made local (nothing to do in
        // memory, where first is 0 and step 1)
        int[] ids = new int[(int) Math.min(n, GROUP_BLOCK)];
        for (long r0 = 0; r0 < n; r0 += ids.length) {
            int m = localIds(rows, r0, ids, n, first, step);
            for (int k = 0; k < m; k++) {
                start[ids[k] + 1]++;
            }
        }
        for (int c = 0; c < local; c++) {
            start[c + 1] += start[c];
        }
        long[] next = Arrays.copyOf(start, local);
        int[] ord = new int[(int) n];
        for (long r0 = 0; r0 < n; r0 += ids.length) {
            int m = localIds(rows, r0, ids, n, first, step);
            for (int k = 0, r = (int) r0; k < m; k++, r++) {
                ord[(int) next[ids[k]]++] = r;
            }
        }
        return new Grouped(start, ord);
    }

    /** Rows read per block while grouping. */
    private static final int GROUP_BLOCK = 1 << 16;

    /** Local channel indexes of rows r0 .. into ids (as many as fit or remain); returns how many. */
    private static int localIds(Rows rows, long r0, int[] ids, long n, int first, int step) {
        int m = (int) Math.min(ids.length, n - r0);
        rows.channel.copy(r0, ids, m);
        if (first != 0 || step != 1) {
            for (int k = 0; k < m; k++) {
                ids[k] = (ids[k] - first) / step;
            }
        }
        return m;
    }

    /** Rows grouped by channel: local channel k's rows are order[start[k] .. start[k + 1]). */
    // arrays by design: columnar data handed over without copies; never compared or hashed by value
    @SuppressWarnings("ArrayRecordComponent")
    private record Grouped(long[] start, int[] order) {
    }

    private ChannelSeries build(int c, Rows rows, long[] start, int[] ord, int local) {
        ChannelSeries s;
        int meta = table.meta[c];
        if (table.named(c)) {
            s = new ChannelSeries(ChannelKind.SERVER_NAME, table.srcHi[c], table.srcLo[c], 0L, table.dstLo[c], -1,
                    Protocol.TCP, names.get((int) table.dstHi[c]), table.dest[c]);
        } else {
            int port = (meta & (1 << 24)) != 0 ? -1 : (meta >>> 8) & 0xffff;
            s = new ChannelSeries(ChannelKind.ADDRESS, table.srcHi[c], table.srcLo[c], table.dstHi[c], table.dstLo[c],
                    port, Protocol.ofCode((byte) (meta & 0xff)), null, table.dest[c]);
        }
        boolean named = table.named(c);
        int count = (int) (start[local + 1] - start[local]);
        if (rows.srcPortCol == null) {
            // no source ports, so no continuation records to merge: every row is a connection, and
            // each column is gathered in its own loop (ord null: the rows are in channel order and
            // copied in runs; else scattered over the input and each loop's independent loads are
            // overlapped by the processor)
            int from = (int) start[local];
            long[] t = new long[count], ob = new long[count], rb = new long[count], du = new long[count];
            gather(rows.ts, ord, from, t);
            gather(rows.orig, ord, from, ob);
            gather(rows.resp, ord, from, rb);
            gather(rows.dur, ord, from, du);
            int[] lab = null, det = null;
            if (rows.labelCol != null) {
                lab = new int[count];
                det = new int[count];
                gather(rows.labelCol, ord, from, lab);
                gather(rows.detailedCol, ord, from, det);
            }
            long[] nHi = null, nLo = null;
            int[] nPort = null;
            if (named) {
                nHi = new long[count];
                nLo = new long[count];
                nPort = new int[count];
                gather(rows.nameHi, ord, from, nHi);
                gather(rows.nameLo, ord, from, nLo);
                gather(rows.namePort, ord, from, nPort);
            }
            s.setConnections(count, t, ob, rb, du, lab, det, nHi, nLo, nPort);
            s.finish(labels);
            return s;
        }
        s.reserve(count);
        for (long k = start[local], end = start[local + 1]; k < end; k++) {
            int r = ord == null ? (int) k : ord[(int) k];
            if (s.add(rows.ts.get(r), rows.orig.get(r), rows.resp.get(r), rows.dur.get(r), rows.label(r),
                    rows.detailed(r), rows.srcPort(r)) && named) {
                s.addNameDestination(rows.nameHi.get(r), rows.nameLo.get(r), rows.namePort.get(r));
            }
        }
        s.finish(labels);
        return s;
    }

    private static void gather(Longs col, int[] ord, int from, long[] out) {
        if (ord == null) {
            col.copy(from, out);
            return;
        }
        for (int k = 0; k < out.length; k++) {
            out[k] = col.get(ord[from + k]);
        }
    }

    private static void gather(Ints col, int[] ord, int from, int[] out) {
        if (ord == null) {
            col.copy(from, out);
            return;
        }
        for (int k = 0; k < out.length; k++) {
            out[k] = col.get(ord[from + k]);
        }
    }
}
