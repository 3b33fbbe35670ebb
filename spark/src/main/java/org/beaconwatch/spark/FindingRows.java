package org.beaconwatch.spark;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.beaconwatch.score.Finding;
import org.beaconwatch.score.FindingType;
import org.beaconwatch.score.Severity;

/**
 * Findings as rows: every field of core's {@link Finding} in plain values and arrays (so findings
 * cross JVMs without serialising core types and are rebuilt exactly on the driver), and the Parquet layout: detect's
 * CSV columns, in detect's order, with native types.
 */
final class FindingRows {
    private FindingRows() {
    }

    /** The finding and its ranking start times (or null), see {@code ChannelScoring.rankingStarts}. */
    static Row toRow(Finding f, long[] starts) {
        String[] names = new String[f.features().size()];
        double[] values = new double[names.length];
        int k = 0;
        for (Map.Entry<String, Double> e : f.features().entrySet()) {
            names[k] = e.getKey();
            values[k++] = e.getValue();
        }
        return RowFactory.create(f.score(), f.severity().name(), f.alert(), f.type().name(), f.src(), f.dst(),
                f.dstPort(), f.proto(), f.serverName(), f.conns(), f.firstSeen(), f.lastSeen(), f.periodSeconds(),
                f.jitter(), f.timingScore(), f.periodicityScore(), f.sizeScore(), f.persistenceScore(),
                f.prevalence(), f.prevalenceScore(), f.explanation(),
                names, values, f.label(), f.detailedLabel(), starts);
    }

    /** The ranking start times a row carries, or null. */
    static long[] starts(Row r) {
        return r.length() > 25 ? (long[]) r.get(25) : null;
    }

    static Finding toFinding(Row r) {
        String[] names = (String[]) r.get(21);
        double[] values = (double[]) r.get(22);
        LinkedHashMap<String, Double> features = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            features.put(names[i], values[i]);
        }
        return new Finding(0, r.getDouble(0), Severity.valueOf(r.getString(1)), r.getBoolean(2),
                FindingType.valueOf(r.getString(3)), r.getString(4), r.getString(5), r.getInt(6), r.getString(7),
                r.getString(8), r.getInt(9), r.getLong(10), r.getLong(11), r.getDouble(12), r.getDouble(13),
                r.getDouble(14), r.getDouble(15), r.getDouble(16), r.getDouble(17), r.getInt(18), r.getDouble(19),
                r.getString(20), features, r.getString(23), r.getString(24));
    }

    /** detect's CSV columns, in its order, for Parquet. */
    static final StructType PARQUET = new StructType(new StructField[] {
        DataTypes.createStructField("rank", DataTypes.IntegerType, false),
        DataTypes.createStructField("score", DataTypes.DoubleType, false),
        DataTypes.createStructField("severity", DataTypes.StringType, false),
        DataTypes.createStructField("alert", DataTypes.BooleanType, false),
        DataTypes.createStructField("type", DataTypes.StringType, false),
        DataTypes.createStructField("src", DataTypes.StringType, true),
        DataTypes.createStructField("dst", DataTypes.StringType, true),
        DataTypes.createStructField("dst_port", DataTypes.IntegerType, true),
        DataTypes.createStructField("proto", DataTypes.StringType, true),
        DataTypes.createStructField("server_name", DataTypes.StringType, true),
        DataTypes.createStructField("conns", DataTypes.IntegerType, false),
        DataTypes.createStructField("first_seen", DataTypes.TimestampType, false),
        DataTypes.createStructField("last_seen", DataTypes.TimestampType, false),
        DataTypes.createStructField("period_s", DataTypes.DoubleType, false),
        DataTypes.createStructField("jitter", DataTypes.DoubleType, false),
        DataTypes.createStructField("timing_score", DataTypes.DoubleType, false),
        DataTypes.createStructField("periodicity_score", DataTypes.DoubleType, false),
        DataTypes.createStructField("size_score", DataTypes.DoubleType, false),
        DataTypes.createStructField("persistence_score", DataTypes.DoubleType, false),
        DataTypes.createStructField("prevalence", DataTypes.IntegerType, false),
        DataTypes.createStructField("explanation", DataTypes.StringType, true),
        DataTypes.createStructField("label", DataTypes.StringType, true),
        DataTypes.createStructField("detailed_label", DataTypes.StringType, true),
    });

    static Row toParquet(Finding f) {
        return RowFactory.create(f.rank(), f.score(), f.severity().label(), f.alert(), f.type().label(), f.src(),
                f.dst(), f.dstPort() < 0 ? null : f.dstPort(), f.proto(), f.serverName(), f.conns(),
                micros(f.firstSeen()), micros(f.lastSeen()), f.periodSeconds(), f.jitter(), f.timingScore(),
                f.periodicityScore(), f.sizeScore(), f.persistenceScore(), f.prevalence(), f.explanation(), f.label(),
                f.detailedLabel());
    }

    private static Timestamp micros(long us) {
        Timestamp t = new Timestamp(Math.floorDiv(us, 1_000_000L) * 1000L);
        t.setNanos((int) Math.floorMod(us, 1_000_000L) * 1000);
        return t;
    }
}
