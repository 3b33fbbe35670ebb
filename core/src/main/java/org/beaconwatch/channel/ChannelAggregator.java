package org.beaconwatch.channel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.flow.Protocol;
import org.beaconwatch.flow.UidSet;

/**
 * Groups flows into channels in one pass over {@link FlowBatch}es. Flows with a server name
 * (TLS SNI, HTTP Host, CONNECT target) go to the (source, server name) channel, others to the
 * (source, destination address, destination port, protocol) channel, so a client beaconing through
 * a proxy is attributed to the CONNECT target, not to the proxy.
 *
 * <p>Flows are dropped, and counted, when they lack a source or destination address, when the
 * source is outside the internal networks (unless all sources are analysed), when the
 * destination is internal (unless enabled; a CONNECT through
 * an internal proxy is kept, as its real destination is the CONNECT target), multicast,
 * broadcast, link-local or loopback, or when the destination or server name is allowlisted.
 *
 * <p>Records of one connection split by the sensor (Argus status records: same source port,
 * each starting where the previous ended) are merged into one connection, only for batches that
 * say so ({@link FlowBatch#splitRecords()}, binetflow input): Zeek logs each connection once, so a
 * burst of short Zeek connections from one source port (a DDoS strobe) keeps every connection.
 *
 * <p>Hot path: an open-addressing hash table keyed on primitive columns ({@link ChannelTable})
 * gives a dense channel id;
 * the flow's values are appended to flat primitive columns in arrival order (channel id, start,
 * bytes each way, duration; labels, source port and server-name destination only when the input
 * has them), in fixed-size chunks, so memory is a small, predictable number of bytes per flow
 * kept (36 for a plain Zeek log) whatever the number of channels, and no per-channel object is
 * made while reading. Server names and labels are interned once per distinct string.
 * {@link #finish()} groups the rows by channel with a counting sort (stable: arrival order kept)
 * and {@link #series(int)} builds one channel's {@link ChannelSeries} on demand, replaying its
 * flows in arrival order, so the series equal those built flow by flow.
 *
 * <p>Partial aggregates merge: {@link #plus} appends another aggregator's flows after this one's,
 * which equals one aggregator fed both inputs in that order (and is associative), so per-file,
 * per-thread or per-partition aggregates combine. Not thread-safe while adding; after
 * {@link #finish()}, {@link #series(int)} may be called from several threads.
 */
public final class ChannelAggregator implements AutoCloseable {
    private static final byte CONNECT = org.beaconwatch.flow.NameSource.HTTP_CONNECT.code();

    private final ChannelScope scope;
    /** The channels: key to dense id, and each one's key columns. */
    private final ChannelTable table;

    /** The internal networks as (hi, lo) masks and prefixes, for the per-flow source and destination tests. */
    private final long[] internalMaskHi, internalMaskLo, internalHi, internalLo;

    // per flow kept, in arrival order: in memory, and in spill files once over the budget
    private Rows mem = new Rows();
    private long memoryBudget = Long.MAX_VALUE;
    private Path spillParent;
    private Spill spill;

    // after prepare: the in-memory rows grouped by channel (when nothing spilled)
    private long[] firstRow; // in memory, once prepared: channel c's rows are firstRow[c] .. firstRow[c + 1]
    private String[] labelArray;

    // shared with the partitions of a run cut by source host (see partitionBySource)
    private final Map<String, Integer> nameIds;
    private final List<String> names;
    private boolean[] nameAllowlisted;
    private final Map<String, Integer> labelIds;
    private final List<String> labels;
    private final DestinationIds destinations;

    private long flowsRead, flowsUsed, noAddress, skippedExternalSource, skippedDestination, allowlisted;
    private boolean finished;

    // cut by source host: kept flows go to these files instead of channels (null: not cut)
    private SourceSpill bySource;
    private boolean checkUids;
    /** Per file index, connections found logged twice when the source partitions were first built. */
    private long[] duplicates = new long[0];
    private boolean[] partitionCounted;
    /** Some batch asked for split records to be merged (binetflow): spans need the built channels. */
    private boolean splitRecords;

    public ChannelAggregator(ChannelScope scope) {
        this(scope, new HashMap<>(), new ArrayList<>(), new boolean[16], new HashMap<>(), new ArrayList<>(),
                new DestinationIds());
    }

    /** A source partition's aggregator: its own channels, the parent's names, labels and destination ids. */
    private ChannelAggregator(ChannelAggregator parent) {
        this(parent.scope, parent.nameIds, parent.names, parent.nameAllowlisted, parent.labelIds, parent.labels,
                parent.destinations);
        this.memoryBudget = parent.memoryBudget;
        this.spillParent = parent.spillParent;
    }

    private ChannelAggregator(ChannelScope scope, Map<String, Integer> nameIds, List<String> names,
                              boolean[] nameAllowlisted, Map<String, Integer> labelIds, List<String> labels,
                              DestinationIds destinations) {
        this.nameIds = nameIds;
        this.names = names;
        this.nameAllowlisted = nameAllowlisted;
        this.labelIds = labelIds;
        this.labels = labels;
        this.destinations = destinations;
        this.scope = scope;
        this.table = new ChannelTable(destinations);
        List<Cidr> nets = scope.internal();
        int n = nets.size();
        internalMaskHi = new long[n];
        internalMaskLo = new long[n];
        internalHi = new long[n];
        internalLo = new long[n];
        for (int i = 0; i < n; i++) {
            Cidr c = nets.get(i);
            int len = c.length();
            internalMaskHi[i] = len >= 64 ? -1L : len == 0 ? 0L : -1L << (64 - len);
            internalMaskLo[i] = len <= 64 ? 0L : len == 128 ? -1L : -1L << (128 - len);
            internalHi[i] = c.hi();
            internalLo[i] = c.lo();
        }
    }

    /** {@link ChannelScope#isInternal} over the precomputed masks. */
    private boolean internal(long hi, long lo) {
        final long[] mh = internalMaskHi, ml = internalMaskLo, ph = internalHi, pl = internalLo;
        for (int i = 0; i < mh.length; i++) {
            if ((hi & mh[i]) == ph[i] && (lo & ml[i]) == pl[i]) {
                return true;
            }
        }
        return false;
    }

    /** Adds every row of the batch. */
    public void add(FlowBatch b) {
        if (finished) {
            throw new IllegalStateException("aggregator already finished");
        }
        final int size = b.size();
        final Allowlist allow = scope.allowlist();
        final boolean hasAllow = !allow.isEmpty();
        final boolean merge = b.splitRecords();
        splitRecords |= merge;
        final boolean allSources = scope.allSources(), internalDestinations = scope.internalDestinations();
        final int[] hashes = blockHashes;
        final boolean cut = bySource != null;
        flowsRead += size;
        for (int i = 0; i < size; i++) {
            if (!cut && (i & (WARM_BLOCK - 1)) == 0) {
                warm(b, i, Math.min(size, i + WARM_BLOCK));
            }
            long sh = b.srcHi[i], sl = b.srcLo[i], dh = b.dstHi[i], dl = b.dstLo[i];
            if ((sh | sl) == 0L || (dh | dl) == 0L) {
                noAddress++;
                if (cut) {
                    dropped(b, i, DROPPED_NO_ADDRESS);
                }
                continue;
            }
            if (!allSources && !internal(sh, sl)) {
                skippedExternalSource++;
                if (cut) {
                    dropped(b, i, DROPPED_EXTERNAL_SOURCE);
                }
                continue;
            }
            boolean proxied = b.nameSource[i] == CONNECT && b.serverName[i] != null;
            if (Allowlist.isSpecialAddress(dh, dl)
                    || (!proxied && !internalDestinations && internal(dh, dl))) {
                skippedDestination++;
                if (cut) {
                    dropped(b, i, DROPPED_DESTINATION);
                }
                continue;
            }
            if (hasAllow && (allow.containsAddress(dh, dl) || allow.containsAddress(sh, sl))) {
                allowlisted++;
                if (cut) {
                    dropped(b, i, DROPPED_ALLOWLISTED);
                }
                continue;
            }
            String name = b.serverName[i];
            int nameId = -1;
            if (name != null && !name.isEmpty() && !"-".equals(name)) {
                nameId = nameId(name);
                if (nameAllowlisted[nameId]) {
                    allowlisted++;
                    if (cut) {
                        dropped(b, i, DROPPED_ALLOWLISTED);
                    }
                    continue;
                }
            }
            int label = labelId(b.label[i]);
            int detailed = labelId(b.detailedLabel[i]);
            flowsUsed++;
            int sport = merge ? b.srcPort[i] : -1;
            if (cut) {
                long uidKey = 0;
                if (checkUids && (b.uidHi[i] | b.uidLo[i]) != 0L) {
                    uidKey = b.uidLo[i] == 0L ? 1L : b.uidLo[i]; // as the uid set keys it
                }
                cut(sh, sl, dh, dl, ChannelTable.addressMeta(b, i), b.dstPort[i], nameId, b.ts[i], b.origBytes[i],
                        b.respBytes[i], b.duration[i], label, detailed, sport, uidKey, b.file[i]);
                continue;
            }
            if (nameId >= 0) {
                int ch = table.id(sh, sl, nameId, 0L, ChannelTable.KIND_NAME, dl);
                append(ch, b.ts[i], b.origBytes[i], b.respBytes[i], b.duration[i], label, detailed, sport, dh, dl,
                        b.dstPort[i]);
            } else {
                int ch = table.id(sh, sl, dh, dl, ChannelTable.addressMeta(b, i), dl, hashes[i & (WARM_BLOCK - 1)]);
                append(ch, b.ts[i], b.origBytes[i], b.respBytes[i], b.duration[i], label, detailed, sport, 0L, 0L, 0);
            }
        }
    }

    /** Rows whose table slots are loaded together before they are looked up one by one. */
    private static final int WARM_BLOCK = 256;
    private final int[] blockHashes = new int[WARM_BLOCK];
    /** Keeps the loads of {@link #warm} from being optimised away; never read for a result. */
    @SuppressWarnings("unused")
    private long warmSink;

    /** Loads the table slots of rows [from, to) together ({@link ChannelTable#warm}). */
    private void warm(FlowBatch b, int from, int to) {
        warmSink = table.warm(b, from, to, blockHashes);
    }

    /** Appends one kept flow of channel {@code ch} to the row columns; spills past the budget. */
    private void append(int ch, long ts, long ob, long rb, long dur, int label, int detailed, int sport,
                        long nameDstHi, long nameDstLo, int nameDstPort) {
        mem.append(ch, ts, ob, rb, dur, label, detailed, sport, table.named(ch), nameDstHi, nameDstLo,
                nameDstPort);
        if ((mem.size & 0xfff) == 0 && mem.size * mem.bytesPerRow() > memoryBudget) {
            spillRows();
        }
    }

    /**
     * Keeps the flows within about {@code bytes} of memory: past it they are written to compressed
     * temporary files under {@code dir} (null: the system's), one per partition of channels, and
     * channels are later built one partition at a time ({@link #partitions()}). Results do not
     * depend on the budget. Call {@link #close()} to remove the files (they are also removed when
     * the JVM exits, Ctrl-C included).
     */
    public ChannelAggregator memoryBudget(long bytes, Path dir) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("memory budget must be positive");
        }
        this.memoryBudget = bytes;
        this.spillParent = dir;
        return this;
    }

    /**
     * Cuts the kept flows by source host instead of grouping them: each goes, with its channel key,
     * to one of {@code partitions} compressed temporary files under {@code dir} (null: the
     * system's) chosen by its source address, and {@link #sourcePartition(int)} later groups one
     * partition at a time into an aggregator of its own. Everything per channel and per host lies
     * in one partition, so only one partition's channels need be in memory; what spans hosts
     * (destination prevalence) is summed over partitions by the caller. Call before the first
     * {@link #add}.
     *
     * @param partitions a power of two
     * @param checkUids  drop Zeek connections whose uid was seen before (the source left this check
     *                   to its caller, see {@code FlowSource.leaveDuplicatesToCaller}); done per
     *                   partition, as a connection logged twice has one source
     */
    public ChannelAggregator partitionBySource(int partitions, Path dir, boolean checkUids) {
        if (flowsRead > 0 || finished) {
            throw new IllegalStateException("cut by source before adding flows");
        }
        try {
            this.bySource = new SourceSpill(dir, partitions);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write temporary files: " + e.getMessage(), e);
        }
        this.checkUids = checkUids;
        this.partitionCounted = new boolean[partitions];
        return this;
    }

    /**
     * Name ids of rows the scope dropped but whose uid the partition still checks (a connection
     * logged twice is counted once, under the reason of its first copy, as when the reader checks).
     */
    private static final int DROPPED_NO_ADDRESS = -2, DROPPED_EXTERNAL_SOURCE = -3, DROPPED_DESTINATION = -4,
            DROPPED_ALLOWLISTED = -5;

    /** A row the scope dropped: only its uid goes to its source's partition (nothing when unchecked). */
    private void dropped(FlowBatch b, int i, int reason) {
        if (checkUids && (b.uidHi[i] | b.uidLo[i]) != 0L) {
            cut(b.srcHi[i], b.srcLo[i], 0L, 0L, 0, 0, reason, 0L, 0L, 0L, 0L, -1, -1, -1,
                    b.uidLo[i] == 0L ? 1L : b.uidLo[i], b.file[i]);
        }
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
        flowsRead -= all;
        flowsUsed -= byReason[0];
        noAddress -= byReason[-DROPPED_NO_ADDRESS - 1];
        skippedExternalSource -= byReason[-DROPPED_EXTERNAL_SOURCE - 1];
        skippedDestination -= byReason[-DROPPED_DESTINATION - 1];
        allowlisted -= byReason[-DROPPED_ALLOWLISTED - 1];
    }

    private void cut(long sh, long sl, long dh, long dl, int meta, int port, int nameId, long ts, long ob, long rb,
                     long dur, int label, int detailed, int sport, long uidKey, int file) {
        try {
            bySource.write(sh, sl, dh, dl, meta, port, nameId, ts, ob, rb, dur, label, detailed, sport, uidKey, file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write temporary files: " + e.getMessage(), e);
        }
    }

    /** Partitions by source host ({@link #partitionBySource}), or 0 when the flows were grouped here. */
    public int sourcePartitions() {
        return bySource == null ? 0 : bySource.partitions();
    }

    /**
     * Groups source partition {@code p} into channels: a new aggregator holding the channels of
     * the sources in that partition, built from its file in arrival order (connections logged
     * twice dropped when checked), with this aggregator's names, labels and destination ids, so
     * its channels equal this input's channels of those sources. It may spill past the same
     * memory budget; close it when done. May be called again for the same partition (the same
     * channels result); not thread-safe.
     */
    public ChannelAggregator sourcePartition(int p) {
        return sourcePartition(p, false);
    }

    /**
     * Source partition {@code p}'s channel keys and spans only, for a first pass that needs no
     * flows: the channels {@link #sourcePartition(int)} makes (the same ids), each one's
     * connections, longest duration and first and last start given to {@code spans} as
     * {@link #spans} gives them, and no flow columns (so no grouping): its {@link #keys()} work,
     * its channels cannot be built. Where records of one connection need merging (binetflow) the
     * partition is built whole and its spans read from the built channels.
     */
    public ChannelAggregator sourcePartitionKeys(int p, ChannelSpan spans) {
        if (splitRecords) {
            ChannelAggregator whole = sourcePartition(p, false);
            whole.spans(spans);
            return whole;
        }
        ChannelAggregator child = sourcePartition(p, true);
        int[] n = child.spanCount;
        long[] longest = child.spanLongest, first = child.spanFirst, last = child.spanLast;
        for (int c = 0; c < child.table.count; c++) {
            if (n[c] > 0) {
                spans.channel(c, n[c], longest[c], first[c], last[c]);
            }
        }
        child.spanCount = null;
        child.spanLongest = child.spanFirst = child.spanLast = null;
        return child;
    }

    // per channel of a keys-only partition (sourcePartitionKeys): connections, longest, first and last start
    private int[] spanCount;
    private long[] spanLongest, spanFirst, spanLast;

    /** A keys-only partition's kept flow of channel c: widens its span instead of appending it. */
    private void span(int c, long ts, long dur) {
        if (c >= spanCount.length) {
            int cap = Math.max(c + 1, spanCount.length * 2);
            int from = spanCount.length;
            spanCount = Arrays.copyOf(spanCount, cap);
            spanLongest = Arrays.copyOf(spanLongest, cap);
            spanFirst = Arrays.copyOf(spanFirst, cap);
            spanLast = Arrays.copyOf(spanLast, cap);
            Arrays.fill(spanFirst, from, cap, Long.MAX_VALUE);
            Arrays.fill(spanLast, from, cap, Long.MIN_VALUE);
        }
        spanCount[c]++;
        spanLongest[c] = Math.max(spanLongest[c], dur);
        spanFirst[c] = Math.min(spanFirst[c], ts);
        spanLast[c] = Math.max(spanLast[c], ts);
    }

    private ChannelAggregator sourcePartition(int p, boolean keysOnly) {
        boolean count;
        synchronized (this) {
            prepare();
            count = !partitionCounted[p];
            partitionCounted[p] = true;
        }
        ChannelAggregator child = new ChannelAggregator(this);
        if (keysOnly) {
            child.spanCount = new int[0];
            child.spanLongest = child.spanFirst = child.spanLast = new long[0];
        }
        UidSet seen = checkUids ? UidSet.forRows(bySource.rows(p)) : null;
        // rows found logged twice: per file, and per reason the scope would have counted them under
        long[][] twice = {new long[0]};
        long[] uncounted = new long[-DROPPED_ALLOWLISTED];
        try {
            bySource.read(p, (sh, sl, dh, dl, meta, port, nameId, ts, ob, rb, dur, label, detailed, sport, uidKey,
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
                child.flowsRead++;
                child.flowsUsed++;
                if (nameId >= 0) {
                    int ch = child.table.id(sh, sl, nameId, 0L, ChannelTable.KIND_NAME, dl);
                    if (keysOnly) {
                        child.span(ch, ts, dur);
                    } else {
                        child.append(ch, ts, ob, rb, dur, label, detailed, sport, dh, dl, port);
                    }
                } else {
                    int ch = child.table.id(sh, sl, dh, dl, meta, dl);
                    if (keysOnly) {
                        child.span(ch, ts, dur);
                    } else {
                        child.append(ch, ts, ob, rb, dur, label, detailed, sport, 0L, 0L, 0);
                    }
                }
            });
        } catch (IOException e) {
            child.close();
            throw new java.io.UncheckedIOException("cannot read temporary file: " + e.getMessage(), e);
        }
        if (count) {
            uncount(twice[0], uncounted);
        }
        return child;
    }

    /**
     * Connections dropped as logged twice, per file index, found so far by
     * {@link #sourcePartition(int)} (each partition counted once); empty when not cut by source.
     */
    public synchronized long[] duplicatesPerFile() {
        return duplicates.clone();
    }

    private void spillRows() {
        try {
            if (spill == null) {
                spill = new Spill(spillParent, SPILL_PARTITIONS);
            }
            spill.write(mem);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write temporary files: " + e.getMessage(), e);
        }
        mem = new Rows();
    }

    /** Partitions of channels written to files when over the budget (a power of two). */
    static final int SPILL_PARTITIONS = 64;

    private int nameId(String name) {
        Integer id = nameIds.get(name);
        if (id != null) {
            return id;
        }
        int n = names.size();
        String canonical = name.toLowerCase(java.util.Locale.ROOT);
        // names differing only in case share one channel
        Integer same = nameIds.get(canonical);
        if (same != null) {
            nameIds.put(name, same);
            return same;
        }
        names.add(canonical);
        nameIds.put(canonical, n);
        nameIds.put(name, n);
        if (n >= nameAllowlisted.length) {
            nameAllowlisted = Arrays.copyOf(nameAllowlisted, n * 2);
        }
        nameAllowlisted[n] = scope.allowlist().containsDomain(canonical);
        return n;
    }

    private int labelId(String label) {
        if (label == null || label.isEmpty() || "-".equals(label)) {
            return -1;
        }
        Integer id = labelIds.get(label);
        if (id != null) {
            return id;
        }
        int n = labels.size();
        labels.add(label);
        labelIds.put(label, n);
        return n;
    }

    /**
     * Appends every flow of {@code other} after this aggregator's flows, as if this aggregator
     * had been fed {@code other}'s input next, and adds up the counts; {@code other} is left as it
     * was. Both must have the same scope and be unfinished. Associative: (a + b) + c and
     * a + (b + c) hold the same channels, in the same order, with the same flows.
     *
     * @return this aggregator
     */
    public ChannelAggregator plus(ChannelAggregator other) {
        if (finished || other.finished) {
            throw new IllegalStateException("aggregator already finished");
        }
        int[] nameMap = new int[other.names.size()];
        for (int i = 0; i < nameMap.length; i++) {
            nameMap[i] = nameId(other.names.get(i));
        }
        int[] labelMap = new int[other.labels.size()];
        for (int i = 0; i < labelMap.length; i++) {
            labelMap[i] = labelId(other.labels.get(i));
        }
        if (other.spill != null) {
            throw new IllegalStateException("cannot merge an aggregate that spilled to disk");
        }
        Rows o = other.mem;
        ChannelTable o2 = other.table;
        int[] chMap = new int[o2.count];
        Arrays.fill(chMap, -1);
        for (long r = 0; r < o.size; r++) {
            int oc = o.channel.get(r);
            int ch = chMap[oc];
            if (ch < 0) {
                int meta = o2.meta[oc];
                if (o2.named(oc)) {
                    ch = table.id(o2.srcHi[oc], o2.srcLo[oc], nameMap[(int) o2.dstHi[oc]], 0L, meta, o2.dstLo[oc]);
                } else {
                    ch = table.id(o2.srcHi[oc], o2.srcLo[oc], o2.dstHi[oc], o2.dstLo[oc], meta, o2.dstLo[oc]);
                }
                chMap[oc] = ch;
            }
            int label = o.label(r);
            int detailed = o.detailed(r);
            boolean named = o2.named(oc);
            append(ch, o.ts.get(r), o.orig.get(r), o.resp.get(r), o.dur.get(r),
                    label < 0 ? -1 : labelMap[label], detailed < 0 ? -1 : labelMap[detailed], o.srcPort(r),
                    named ? o.nameHi.get(r) : 0L, named ? o.nameLo.get(r) : 0L, named ? o.namePort.get(r) : 0);
        }
        flowsRead += other.flowsRead;
        flowsUsed += other.flowsUsed;
        noAddress += other.noAddress;
        skippedExternalSource += other.skippedExternalSource;
        skippedDestination += other.skippedDestination;
        allowlisted += other.allowlisted;
        return this;
    }

    /**
     * Ends adding: groups the in-memory rows by channel (counting sort, arrival order kept within a
     * channel), or, when rows were spilled, writes the rest to the partition files; afterwards no
     * flow can be added and channels are built with {@link #series(int)} or {@link #partition(int)}.
     * Idempotent.
     */
    public void prepare() {
        if (finished) {
            return;
        }
        finished = true;
        labelArray = labels.toArray(new String[0]);
        table.dropLookups();
        if (bySource != null) {
            try {
                bySource.finishWriting();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot write temporary files: " + e.getMessage(), e);
            }
            return;
        }
        if (spill != null) {
            if (mem.size > 0) {
                spillRows();
            }
            mem = null;
            try {
                spill.finishWriting();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot write temporary files: " + e.getMessage(), e);
            }
            return;
        }
        Grouped g = group(mem, table.count, 0, 1);
        firstRow = g.start();
        // the rows into channel order, once: each channel is then one run of rows, copied when
        // built, and the runs of built channels can be freed while the rest are scored
        mem = mem.permute(g.order());
    }

    /** One channel's size and span, as its {@link ChannelSeries} has them. */
    public interface ChannelSpan {
        /**
         * Called once per channel with connections.
         *
         * @param c           the channel
         * @param connections its connections (records of one connection merged)
         * @param longest     the longest connection's duration, µs
         * @param first       the first connection's start, µs
         * @param last        the last connection's start, µs
         */
        void channel(int c, int connections, long longest, long first, long last);
    }

    /**
     * Each channel's connections, longest duration and first and last start, equal to what its
     * {@link #series(int)} gives: read straight from the flow columns, without building channels,
     * when no records need merging and nothing spilled (call it before anything that groups the
     * flows, such as {@link #keys()}), else from the built channels. Channels without connections
     * are skipped.
     */
    public void spans(ChannelSpan to) {
        if (!finished && spill == null && bySource == null && mem.srcPortCol == null) {
            int nc = table.count;
            int[] n = new int[nc];
            long[] longest = new long[nc], first = new long[nc], last = new long[nc];
            Arrays.fill(first, Long.MAX_VALUE);
            Arrays.fill(last, Long.MIN_VALUE);
            Rows rows = mem;
            for (long r = 0; r < rows.size; r++) {
                int c = rows.channel.get(r);
                long t = rows.ts.get(r);
                n[c]++;
                longest[c] = Math.max(longest[c], rows.dur.get(r));
                first[c] = Math.min(first[c], t);
                last[c] = Math.max(last[c], t);
            }
            for (int c = 0; c < nc; c++) {
                if (n[c] > 0) {
                    to.channel(c, n[c], longest[c], first[c], last[c]);
                }
            }
            return;
        }
        for (int p = 0, np = partitions(); p < np; p++) {
            Partition part = partition(p);
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
        for (long r = 0; r < n; r++) {
            start[(rows.channel.get(r) - first) / step + 1]++;
        }
        for (int c = 0; c < local; c++) {
            start[c + 1] += start[c];
        }
        long[] next = Arrays.copyOf(start, local);
        int[] ord = new int[(int) n];
        for (int r = 0; r < n; r++) {
            ord[(int) next[(rows.channel.get(r) - first) / step]++] = r;
        }
        return new Grouped(start, ord);
    }

    /** Rows grouped by channel: local channel k's rows are order[start[k] .. start[k + 1]). */
    // arrays by design: columnar data handed over without copies; never compared or hashed by value
    @SuppressWarnings("ArrayRecordComponent")
    private record Grouped(long[] start, int[] order) {
    }

    /** Number of channels. */
    public int channelCount() {
        return table.count;
    }

    /** Flows written to temporary files because of the memory budget (0 when all stayed in memory). */
    public long spilledFlows() {
        return spill == null ? 0 : spill.rowsWritten;
    }

    /**
     * Partitions to build channels from, one at a time: 1 when everything stayed in memory, else
     * one per spill file (channel c is in partition c mod {@link #partitions()}).
     */
    public int partitions() {
        prepare();
        return spill == null ? 1 : spill.partitions();
    }

    /**
     * The channels of partition {@code p} (in memory while the returned object is reachable):
     * their ids and, for each, {@link Partition#series}. Build one partition at a time to bound
     * memory; its series may be built from several threads.
     */
    public Partition partition(int p) {
        prepare();
        if (spill == null) {
            int[] ids = new int[table.count];
            for (int c = 0; c < table.count; c++) {
                ids[c] = c;
            }
            return new Partition(ids, c -> series(c), k -> {
                Rows m = mem;
                long[] f = firstRow;
                if (m != null && f != null && k < ids.length) {
                    m.releaseBefore(f[ids[k]]);
                }
            });
        }
        int step = spill.partitions();
        Rows rows;
        try {
            rows = spill.read(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read temporary file: " + e.getMessage(), e);
        }
        Grouped g = group(rows, table.count, p, step);
        long[] start = g.start();
        int[] ord = g.order();
        int local = start.length - 1;
        int[] ids = new int[local];
        for (int k = 0; k < local; k++) {
            ids[k] = p + k * step;
        }
        return new Partition(ids, c -> build(c, rows, start, ord, (c - p) / step), k -> { });
    }

    /** The channels of one partition. */
    public static final class Partition {
        private final int[] channels;
        private final java.util.function.IntFunction<ChannelSeries> builder;
        private final java.util.function.IntConsumer release;

        Partition(int[] channels, java.util.function.IntFunction<ChannelSeries> builder,
                  java.util.function.IntConsumer release) {
            this.channels = channels;
            this.builder = builder;
            this.release = release;
        }

        /**
         * Says that the channels before {@code channels()[k]} have been built and will not be built
         * again, here or through {@link ChannelAggregator#series}: the memory their flows took may be
         * freed (in memory, nothing spilled). Safe while other threads build later channels.
         */
        public void builtBefore(int k) {
            release.accept(k);
        }

        /** Channel ids in this partition, ascending. */
        public int[] channels() {
            return channels;
        }

        /** Builds channel {@code c} of this partition. */
        public ChannelSeries series(int c) {
            return builder.apply(c);
        }
    }

    /**
     * Builds channel {@code c} (0 to {@link #channelCount()} - 1, in order of first sight): its flows
     * in arrival order through the same merging and sorting as flow-by-flow grouping. Calls
     * {@link #prepare()} first if needed (not thread-safe until it has run). Only while nothing
     * spilled; otherwise use {@link #partition(int)}.
     */
    public ChannelSeries series(int c) {
        prepare();
        if (spill != null) {
            return partition(c % spill.partitions()).series(c);
        }
        return build(c, mem, firstRow, null, c);
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
            s.finish(labelArray);
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
        s.finish(labelArray);
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

    /**
     * Frees the flows (in memory and on disk) once every channel has been built; counts stay
     * readable, channels can no longer be built.
     */
    public void dropFlows() {
        prepare();
        mem = null;
        firstRow = null;
        close();
    }

    /** Removes the temporary files, if any. */
    @Override
    public void close() {
        if (spill != null) {
            spill.delete();
        }
        if (bySource != null) {
            bySource.delete();
        }
    }

    /** Source address of channel {@code c} (high and low words). */
    public long srcHi(int c) {
        return table.srcHi[c];
    }

    public long srcLo(int c) {
        return table.srcLo[c];
    }

    /** Destination id of channel {@code c} (see {@link ChannelSeries#destinationId()}). */
    public int destinationId(int c) {
        return table.dest[c];
    }

    /**
     * Every channel's key (source, destination, port, protocol or server name; destination id),
     * read from the key columns by channel index, in order of first sight, without an object per
     * channel: for context computed over all channels before each is built with
     * {@link #series(int)}. A server-name channel reads as its flow-less {@link ChannelSeries}:
     * destination (0, low word of its first flow's address), port -1, TCP. Stays readable after
     * {@link #dropFlows()}. Calls {@link #prepare()}.
     */
    public ChannelKeys keys() {
        prepare();
        return new Keys();
    }

    /** {@link ChannelKeys} over this aggregator's key columns. */
    private final class Keys implements ChannelKeys {
        @Override
        public int count() {
            return table.count;
        }

        @Override
        public ChannelKind kind(int c) {
            return table.named(check(c)) ? ChannelKind.SERVER_NAME : ChannelKind.ADDRESS;
        }

        @Override
        public long srcHi(int c) {
            return table.srcHi[check(c)];
        }

        @Override
        public long srcLo(int c) {
            return table.srcLo[check(c)];
        }

        @Override
        public long dstHi(int c) {
            return table.named(check(c)) ? 0L : table.dstHi[c];
        }

        @Override
        public long dstLo(int c) {
            return table.dstLo[check(c)];
        }

        @Override
        public int dstPort(int c) {
            int meta = table.meta[check(c)];
            return table.named(c) || (meta & (1 << 24)) != 0 ? -1 : (meta >>> 8) & 0xffff;
        }

        @Override
        public Protocol proto(int c) {
            return table.named(check(c)) ? Protocol.TCP : Protocol.ofCode((byte) (table.meta[c] & 0xff));
        }

        @Override
        public String serverName(int c) {
            return table.named(check(c)) ? names.get((int) table.dstHi[c]) : null;
        }

        @Override
        public int destinationId(int c) {
            return table.dest[check(c)];
        }

        /** The columns are longer than the channel count: an index past it is an error, not a zero. */
        private int check(int c) {
            if (c >= table.count) {
                throw new IndexOutOfBoundsException("channel " + c + " of " + table.count);
            }
            return c;
        }
    }

    /** Builds every channel, in order of first sight; the aggregator cannot take flows afterwards. */
    public List<ChannelSeries> finish() {
        prepare();
        ChannelSeries[] out = new ChannelSeries[table.count];
        for (int p = 0, np = partitions(); p < np; p++) {
            Partition part = partition(p);
            for (int c : part.channels()) {
                out[c] = part.series(c);
            }
        }
        return java.util.Arrays.asList(out);
    }

    /** Flows offered to {@link #add}. */
    public long flowsRead() {
        return flowsRead;
    }

    /** Flows kept in a channel. */
    public long flowsUsed() {
        return flowsUsed;
    }

    /** Flows dropped because they have no source or no destination address (NSL-KDD records). */
    public long skippedNoAddress() {
        return noAddress;
    }

    /** Flows dropped because their source is outside the internal networks. */
    public long skippedExternalSource() {
        return skippedExternalSource;
    }

    /** Flows dropped because their destination is internal, multicast, broadcast, link-local or loopback. */
    public long skippedDestination() {
        return skippedDestination;
    }

    /** Flows dropped by the allowlist. */
    public long allowlisted() {
        return allowlisted;
    }

    /** Number of distinct destinations (addresses and server names). */
    public int destinationCount() {
        return destinations.size();
    }

}
