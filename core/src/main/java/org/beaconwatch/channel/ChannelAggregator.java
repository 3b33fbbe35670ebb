package org.beaconwatch.channel;

import java.nio.file.Path;
import java.util.List;
import org.beaconwatch.flow.FlowBatch;

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
 * <p>Hot path ({@link FlowIntake}): an open-addressing hash table keyed on primitive columns
 * ({@link ChannelTable}) gives a dense channel id; the flow's values are appended to flat primitive
 * columns in arrival order ({@link SpillingRows}), so memory is a small, predictable number of
 * bytes per flow kept (36 for a plain Zeek log) whatever the number of channels, and no
 * per-channel object is made while reading. Server names and labels are interned once per
 * distinct string ({@link FlowStrings}). {@link #finish()} groups the rows by channel with a
 * counting sort (stable: arrival order kept) and {@link #series(int)} builds one channel's
 * {@link ChannelSeries} on demand, replaying its flows in arrival order, so the series equal those
 * built flow by flow ({@link GroupedRows}). Flows cut by source host ({@link #partitionBySource})
 * go to {@link SourceCut} instead.
 *
 * <p>Partial aggregates merge: {@link #plus} appends another aggregator's flows after this one's
 * ({@link AggregateMerge}), which equals one aggregator fed both inputs in that order (and is
 * associative), so per-file, per-thread or per-partition aggregates combine. Not thread-safe while
 * adding; after {@link #finish()}, {@link #series(int)} may be called from several threads.
 */
public final class ChannelAggregator implements AutoCloseable {
    private final ChannelScope scope;
    /** The channels: key to dense id, and each one's key columns. */
    private final ChannelTable table;
    /** The kept flows, in arrival order: in memory, and in spill files once over the budget. */
    private final SpillingRows rows;
    /** Flows read, kept, and dropped per reason. */
    private final FlowCounts counts = new FlowCounts();
    /** The per-flow path of {@link #add}. */
    private final FlowIntake intake;
    /** Threads for putting the flows in channel order ({@link #threads(int)}). */
    private int threads = Runtime.getRuntime().availableProcessors();

    /** Once prepared: the kept flows grouped by channel, from which channels are built. */
    private GroupedRows grouped;

    // shared with the partitions of a run cut by source host (see partitionBySource)
    private final FlowStrings strings;
    private final DestinationIds destinations;

    private boolean finished;

    /** Cut by source host: kept flows go to its files instead of channels (null: not cut). */
    private SourceCut bySource;

    public ChannelAggregator(ChannelScope scope) {
        this(scope, new FlowStrings(scope.allowlist()), new DestinationIds());
    }

    /**
     * A source partition's aggregator ({@link SourceCut}): its own channels, this one's names,
     * labels, destination ids and memory budget.
     */
    ChannelAggregator sourcePartitionAggregator() {
        ChannelAggregator child = new ChannelAggregator(scope, strings, destinations);
        child.rows.sameBudgetAs(rows);
        child.threads = threads;
        return child;
    }

    private ChannelAggregator(ChannelScope scope, FlowStrings strings, DestinationIds destinations) {
        this.strings = strings;
        this.destinations = destinations;
        this.scope = scope;
        this.table = new ChannelTable(destinations);
        this.rows = new SpillingRows(table);
        this.intake = new FlowIntake(scope, strings, table, rows, counts);
    }

    /** Adds every row of the batch (see {@link FlowIntake}). */
    public void add(FlowBatch b) {
        if (finished) {
            throw new IllegalStateException("aggregator already finished");
        }
        intake.add(b, bySource);
    }

    /** The per-flow path, for a source partition's flows ({@link SourceCut}). */
    FlowIntake intake() {
        return intake;
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
        rows.budget(bytes, dir);
        return this;
    }

    /**
     * Threads the aggregator may use once adding ends (to put the flows in channel order); default:
     * one per core.
     */
    public ChannelAggregator threads(int n) {
        this.threads = Math.max(1, n);
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
        if (counts.read > 0 || finished) {
            throw new IllegalStateException("cut by source before adding flows");
        }
        this.bySource = new SourceCut(this, counts, dir, partitions, checkUids);
        return this;
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
        return cut().partition(p, null);
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
        return cut().partitionKeys(p, intake.splitRecords(), spans);
    }

    private SourceCut cut() {
        if (bySource == null) {
            throw new IllegalStateException("not cut by source host");
        }
        return bySource;
    }

    /**
     * Connections dropped as logged twice, per file index, found so far by
     * {@link #sourcePartition(int)} (each partition counted once); empty when not cut by source.
     */
    public long[] duplicatesPerFile() {
        return bySource == null ? new long[0] : bySource.duplicatesPerFile();
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
        AggregateMerge.append(table, strings, rows, other.table, other.strings, other.rows);
        counts.add(other.counts);
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
        String[] labelArray = strings.labels();
        table.dropLookups();
        if (bySource != null) {
            bySource.finishWriting();
            grouped = GroupedRows.none(table, strings.names(), labelArray);
        } else {
            grouped = rows.group(strings.names(), labelArray, threads > 1);
        }
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
        if (!finished && !rows.spilled() && bySource == null && rows.inMemory().srcPortCol == null) {
            SpanTally.of(rows.inMemory(), table.count).report(table.count, to);
            return;
        }
        prepare();
        grouped.spans(to);
    }

    /** Number of channels. */
    public int channelCount() {
        return table.count;
    }

    /** Flows written to temporary files because of the memory budget (0 when all stayed in memory). */
    public long spilledFlows() {
        return rows.spilledRows();
    }

    /**
     * Partitions to build channels from, one at a time: 1 when everything stayed in memory, else
     * one per spill file (channel c is in partition c mod {@link #partitions()}).
     */
    public int partitions() {
        prepare();
        return grouped.partitions();
    }

    /**
     * The channels of partition {@code p} (in memory while the returned object is reachable):
     * their ids and, for each, {@link Partition#series}. Build one partition at a time to bound
     * memory; its series may be built from several threads.
     */
    public Partition partition(int p) {
        prepare();
        return grouped.partition(p);
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
        return grouped.series(c);
    }

    /**
     * Frees the flows (in memory and on disk) once every channel has been built; counts stay
     * readable, channels can no longer be built.
     */
    public void dropFlows() {
        prepare();
        grouped.drop();
        close();
    }

    /** Removes the temporary files, if any. */
    @Override
    public void close() {
        rows.delete();
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
        return new TableKeys(table, strings.names());
    }

    /** Builds every channel, in order of first sight; the aggregator cannot take flows afterwards. */
    public List<ChannelSeries> finish() {
        prepare();
        return grouped.all();
    }

    /** Flows offered to {@link #add}. */
    public long flowsRead() {
        return counts.read;
    }

    /** Flows kept in a channel. */
    public long flowsUsed() {
        return counts.used;
    }

    /** Flows dropped because they have no source or no destination address (NSL-KDD records). */
    public long skippedNoAddress() {
        return counts.noAddress;
    }

    /** Flows dropped because their source is outside the internal networks. */
    public long skippedExternalSource() {
        return counts.externalSource;
    }

    /** Flows dropped because their destination is internal, multicast, broadcast, link-local or loopback. */
    public long skippedDestination() {
        return counts.destination;
    }

    /** Flows dropped by the allowlist. */
    public long allowlisted() {
        return counts.allowlisted;
    }

    /** Number of distinct destinations (addresses and server names). */
    public int destinationCount() {
        return destinations.size();
    }

}
