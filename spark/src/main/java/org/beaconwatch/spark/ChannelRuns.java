package org.beaconwatch.spark;

import static org.beaconwatch.spark.FlowColumns.DETAILED_LABEL;
import static org.beaconwatch.spark.FlowColumns.DST_HI;
import static org.beaconwatch.spark.FlowColumns.DST_LO;
import static org.beaconwatch.spark.FlowColumns.DST_PORT;
import static org.beaconwatch.spark.FlowColumns.DURATION;
import static org.beaconwatch.spark.FlowColumns.FILE;
import static org.beaconwatch.spark.FlowColumns.K_DST_HI;
import static org.beaconwatch.spark.FlowColumns.K_DST_LO;
import static org.beaconwatch.spark.FlowColumns.K_META;
import static org.beaconwatch.spark.FlowColumns.K_NAME;
import static org.beaconwatch.spark.FlowColumns.K_SRC_HI;
import static org.beaconwatch.spark.FlowColumns.K_SRC_LO;
import static org.beaconwatch.spark.FlowColumns.LABEL;
import static org.beaconwatch.spark.FlowColumns.LINE;
import static org.beaconwatch.spark.FlowColumns.NAME_SOURCE;
import static org.beaconwatch.spark.FlowColumns.ORIG_BYTES;
import static org.beaconwatch.spark.FlowColumns.PROTO;
import static org.beaconwatch.spark.FlowColumns.RESP_BYTES;
import static org.beaconwatch.spark.FlowColumns.SERVER_NAME;
import static org.beaconwatch.spark.FlowColumns.SPLIT_RECORDS;
import static org.beaconwatch.spark.FlowColumns.SRC_HI;
import static org.beaconwatch.spark.FlowColumns.SRC_LO;
import static org.beaconwatch.spark.FlowColumns.SRC_PORT;
import static org.beaconwatch.spark.FlowColumns.TS;
import static org.beaconwatch.spark.FlowColumns.UID_KIND;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.beaconwatch.channel.ChannelAggregator;
import org.beaconwatch.channel.ChannelScope;
import org.beaconwatch.channel.ChannelSeries;
import org.beaconwatch.flow.FlowBatch;

/**
 * Turns a partition of flow rows, sorted by channel key and then input order, into channels with
 * core's {@link ChannelAggregator}: rows go into the aggregator in input order, whole channels at a
 * time, and the aggregator is finished every {@link #GROUP_ROWS} rows at a channel boundary, so
 * memory holds a group of channels, not the partition. A Zeek connection logged twice (same uid,
 * marked {@link FlowColumns#SEEN_BEFORE} by the uid join, {@link UidJoin}) is skipped here and
 * counted against the file it appears in, as {@code detect} does.
 */
final class ChannelRuns {
    /** Rows per aggregator before it is finished at the next channel boundary. */
    static final int GROUP_ROWS = 1 << 18;

    /** Receives each finished group of channels and the aggregator's counts. */
    interface Sink {
        void accept(List<ChannelSeries> channels, ChannelAggregator agg);
    }

    private final ChannelScope scope;
    private final Sink sink;
    private final Map<Integer, Long> seenBefore = new HashMap<>();

    ChannelRuns(ChannelScope scope, Sink sink) {
        this.scope = scope;
        this.sink = sink;
    }

    /** Connections dropped because their uid was seen before, per file index. */
    Map<Integer, Long> seenBefore() {
        return seenBefore;
    }

    void run(Iterator<Row> rows) {
        FlowBatch batch = new FlowBatch();
        ChannelAggregator agg = new ChannelAggregator(scope);
        long inGroup = 0;
        Row prev = null;
        while (rows.hasNext()) {
            Row r = rows.next();
            if (prev == null || !sameChannel(prev, r)) {
                if (inGroup >= GROUP_ROWS) {
                    if (!batch.isEmpty()) {
                        agg.add(batch);
                        batch.clear();
                    }
                    sink.accept(agg.finish(), agg);
                    agg = new ChannelAggregator(scope);
                    inGroup = 0;
                }
            }
            prev = r;
            if (r.getInt(UID_KIND) == FlowColumns.SEEN_BEFORE) {
                seenBefore.merge(r.getInt(FILE), 1L, Long::sum);
                continue;
            }
            boolean split = r.getBoolean(SPLIT_RECORDS);
            if (batch.isFull() || (!batch.isEmpty() && batch.splitRecords() != split)) {
                agg.add(batch);
                batch.clear();
            }
            batch.splitRecords(split);
            int i = batch.add();
            batch.ts[i] = r.getLong(TS);
            batch.duration[i] = r.getLong(DURATION);
            batch.srcHi[i] = r.getLong(SRC_HI);
            batch.srcLo[i] = r.getLong(SRC_LO);
            batch.dstHi[i] = r.getLong(DST_HI);
            batch.dstLo[i] = r.getLong(DST_LO);
            batch.srcPort[i] = r.getInt(SRC_PORT);
            batch.dstPort[i] = r.getInt(DST_PORT);
            batch.proto[i] = r.getByte(PROTO);
            batch.nameSource[i] = r.getByte(NAME_SOURCE);
            batch.serverName[i] = r.getString(SERVER_NAME);
            batch.origBytes[i] = r.getLong(ORIG_BYTES);
            batch.respBytes[i] = r.getLong(RESP_BYTES);
            batch.label[i] = r.getString(LABEL);
            batch.detailedLabel[i] = r.getString(DETAILED_LABEL);
            batch.line[i] = r.getLong(LINE);
            batch.file[i] = r.getInt(FILE);
            inGroup++;
        }
        if (!batch.isEmpty()) {
            agg.add(batch);
        }
        sink.accept(agg.finish(), agg);
    }

    private static boolean sameChannel(Row a, Row b) {
        return a.getLong(K_SRC_LO) == b.getLong(K_SRC_LO) && a.getLong(K_DST_LO) == b.getLong(K_DST_LO)
                && a.getInt(K_META) == b.getInt(K_META) && a.getLong(K_SRC_HI) == b.getLong(K_SRC_HI)
                && a.getLong(K_DST_HI) == b.getLong(K_DST_HI) && Objects.equals(a.getString(K_NAME), b.getString(K_NAME));
    }

    /** A key for a finished channel, the same in every pass over the same rows. */
    static String key(ChannelSeries c) {
        StringBuilder sb = new StringBuilder(64);
        sb.append(c.srcHi()).append(',').append(c.srcLo()).append(',');
        if (c.serverName() != null) {
            sb.append("n,").append(c.serverName());
        } else {
            sb.append(c.dstHi()).append(',').append(c.dstLo()).append(',').append(c.dstPort()).append(',')
                    .append(c.proto().label());
        }
        return sb.toString();
    }
}
