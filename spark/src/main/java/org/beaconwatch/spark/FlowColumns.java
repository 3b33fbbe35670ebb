package org.beaconwatch.spark;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Columns of a flow row between reading and grouping. The channel key columns (k_*) say which
 * channel a flow belongs to, as the core aggregator groups them: (source, lower-case server name)
 * for flows with a server name, else (source, destination address, port and protocol). The order
 * columns (file, split, line) restore the input order inside a channel, which the aggregator needs
 * (continuation records, time ties). The uid columns (its 128-bit hash as core's companion table
 * keys it) serve the distributed join with the companion logs' names and counting a Zeek
 * connection logged twice once.
 */
final class FlowColumns {
    private FlowColumns() {
    }

    static final int K_SRC_HI = 0, K_SRC_LO = 1, K_NAME = 2, K_DST_HI = 3, K_DST_LO = 4, K_META = 5;
    static final int FILE = 6, SPLIT = 7, LINE = 8;
    static final int SRC_HI = 9, SRC_LO = 10, DST_HI = 11, DST_LO = 12, SRC_PORT = 13, DST_PORT = 14, PROTO = 15,
            NAME_SOURCE = 16, SERVER_NAME = 17, TS = 18, DURATION = 19, ORIG_BYTES = 20, RESP_BYTES = 21,
            LABEL = 22, DETAILED_LABEL = 23, UID_HI = 24, SPLIT_RECORDS = 25, UID_LO = 26, UID_KIND = 27;

    /** uid_kind: no uid; a uid to join names by; a Zeek uid (also counted once); a Zeek uid seen before. */
    static final int NO_UID = 0, UID = 1, ZEEK_UID = 2, SEEN_BEFORE = 3;

    static final String[] KEY = {"k_src_hi", "k_src_lo", "k_name", "k_dst_hi", "k_dst_lo", "k_meta"};
    static final String[] ORDER = {"file", "split", "line"};

    static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("k_src_hi", DataTypes.LongType, false),
        DataTypes.createStructField("k_src_lo", DataTypes.LongType, false),
        DataTypes.createStructField("k_name", DataTypes.StringType, true),
        DataTypes.createStructField("k_dst_hi", DataTypes.LongType, false),
        DataTypes.createStructField("k_dst_lo", DataTypes.LongType, false),
        DataTypes.createStructField("k_meta", DataTypes.IntegerType, false),
        DataTypes.createStructField("file", DataTypes.IntegerType, false),
        DataTypes.createStructField("split", DataTypes.IntegerType, false),
        DataTypes.createStructField("line", DataTypes.LongType, false),
        DataTypes.createStructField("src_hi", DataTypes.LongType, false),
        DataTypes.createStructField("src_lo", DataTypes.LongType, false),
        DataTypes.createStructField("dst_hi", DataTypes.LongType, false),
        DataTypes.createStructField("dst_lo", DataTypes.LongType, false),
        DataTypes.createStructField("src_port", DataTypes.IntegerType, false),
        DataTypes.createStructField("dst_port", DataTypes.IntegerType, false),
        DataTypes.createStructField("proto", DataTypes.ByteType, false),
        DataTypes.createStructField("name_source", DataTypes.ByteType, false),
        DataTypes.createStructField("server_name", DataTypes.StringType, true),
        DataTypes.createStructField("ts", DataTypes.LongType, false),
        DataTypes.createStructField("duration", DataTypes.LongType, false),
        DataTypes.createStructField("orig_bytes", DataTypes.LongType, false),
        DataTypes.createStructField("resp_bytes", DataTypes.LongType, false),
        DataTypes.createStructField("label", DataTypes.StringType, true),
        DataTypes.createStructField("detailed_label", DataTypes.StringType, true),
        DataTypes.createStructField("uid_hi", DataTypes.LongType, false),
        DataTypes.createStructField("split_records", DataTypes.BooleanType, false),
        DataTypes.createStructField("uid_lo", DataTypes.LongType, false),
        DataTypes.createStructField("uid_kind", DataTypes.IntegerType, false),
    });
}
