package org.beaconwatch.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The uid step between reading and grouping, distributed (flows and companion names are
 * hash-partitioned by uid; nothing is replicated to every executor):
 *
 * <ul>
 * <li>a Zeek connection whose uid was seen before, in input order over all files, is marked
 *     {@link FlowColumns#SEEN_BEFORE} (counted once, as {@code detect} does; the mark is counted per
 *     file when channels are built);</li>
 * <li>the companion logs' names are reduced to one per uid with core's precedence (an HTTP
 *     CONNECT target, then the TLS SNI, then the HTTP Host; among equals the first file) and joined
 *     to the flows without a name of their own, whose channel key then becomes the name.</li>
 * </ul>
 *
 * Flows without a uid (Argus, most CSV) pass through unchanged.
 */
final class UidJoin {
    private UidJoin() {
    }

    static Dataset<Row> apply(SparkSession spark, Dataset<Row> flows, Dataset<Row> names) {
        // rows without a uid carry a key of their own (SplitReader), so they spread evenly and
        // never count as seen before; the join condition keeps them from any name
        WindowSpec byUid = Window.partitionBy("uid_hi", "uid_lo", "uid_kind").orderBy("file", "split", "line");
        Dataset<Row> marked = flows.withColumn("uid_kind", when(col("uid_kind").equalTo(FlowColumns.ZEEK_UID)
                .and(row_number().over(byUid).gt(1)), lit(FlowColumns.SEEN_BEFORE)).otherwise(col("uid_kind")));
        if (names == null) {
            return marked;
        }
        // max over (rank, -file): the strongest source, among equals the earliest file
        Dataset<Row> best = names.groupBy("n_hi", "n_lo")
                .agg(max(struct(col("n_rank"), col("n_file").multiply(-1), col("n_name"), col("n_source"))).as("b"))
                .select(col("n_hi"), col("n_lo"), col("b.n_name").as("n_name"), col("b.n_source").as("n_source"));
        Column on = col("uid_hi").equalTo(col("n_hi")).and(col("uid_lo").equalTo(col("n_lo")))
                .and(col("uid_kind").notEqual(FlowColumns.NO_UID));
        Dataset<Row> joined = marked.join(best, on, "left_outer");
        String[] flowCols = FlowColumns.SCHEMA.fieldNames();
        Column[] keep = new Column[flowCols.length + 2];
        for (int i = 0; i < flowCols.length; i++) {
            keep[i] = col(flowCols[i]);
        }
        keep[flowCols.length] = col("n_name");
        keep[flowCols.length + 1] = col("n_source");
        int nameAt = flowCols.length;
        JavaRDD<Row> named = joined.select(keep).javaRDD().map(r -> {
            if (r.isNullAt(nameAt) || !r.isNullAt(FlowColumns.SERVER_NAME)) {
                return drop2(r);
            }
            return SplitReader.withName(drop2(r), r.getString(nameAt), r.getByte(nameAt + 1));
        });
        return spark.createDataFrame(named, FlowColumns.SCHEMA);
    }

    private static Row drop2(Row r) {
        Object[] v = new Object[r.length() - 2];
        for (int k = 0; k < v.length; k++) {
            v[k] = r.get(k);
        }
        return org.apache.spark.sql.RowFactory.create(v);
    }
}
