package org.beaconwatch.spark;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.beaconwatch.output.Explanations;
import org.beaconwatch.score.ChannelId;
import org.beaconwatch.score.Evidence;
import org.beaconwatch.score.Finding;
import org.beaconwatch.score.FindingType;
import org.beaconwatch.score.Scores;
import org.beaconwatch.severity.Severity;

/**
 * Findings as rows: every field of core's {@link Finding} (its channel, scores and evidence) in plain values and arrays (so findings
 * cross JVMs without serialising core types and are rebuilt exactly on the driver), and the Parquet layout: detect's
 * CSV columns, in detect's order, with native types.
 */
final class FindingRows {
    private FindingRows() {
    }

    /** Index of the ranking start times in a row. */
    private static final int STARTS = 33;

    /** The finding and its ranking start times (or null), see {@code ChannelScoring.rankingStarts}. */
    static Row toRow(Finding f, long[] starts) {
        Evidence e = f.evidence();
        Scores s = f.scores();
        String[] names = new String[e.features().size()];
        double[] values = new double[names.length];
        int k = 0;
        for (Map.Entry<String, Double> x : e.features().entrySet()) {
            names[k] = x.getKey();
            values[k++] = x.getValue();
        }
        return RowFactory.create(f.severity().name(), f.alert(), f.type().name(),
                f.src(), f.dst(), f.dstPort(), f.proto(), f.serverName(),
                s.score(), s.timing(), s.periodicity(), s.size(), s.persistence(), s.prevalence(),
                e.conns(), e.beats(), e.firstSeen(), e.lastSeen(), e.periodSeconds(), e.jitter(), e.missedRatio(),
                e.burstRatio(), e.medianBytes(), e.longestMicros(), e.prevalence(), e.siblings(), e.ntp(), e.cohort(),
                e.cohortFactor(), names, values, e.label(), e.detailedLabel(), starts);
    }

    /** The ranking start times a row carries, or null. */
    static long[] starts(Row r) {
        return r.length() > STARTS ? (long[]) r.get(STARTS) : null;
    }

    static Finding toFinding(Row r) {
        String[] names = (String[]) r.get(29);
        double[] values = (double[]) r.get(30);
        LinkedHashMap<String, Double> features = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            features.put(names[i], values[i]);
        }
        ChannelId id = new ChannelId(r.getString(3), r.getString(4), r.getInt(5), r.getString(6), r.getString(7));
        Scores scores = new Scores(r.getDouble(8), r.getDouble(9), r.getDouble(10), r.getDouble(11), r.getDouble(12),
                r.getDouble(13));
        Evidence evidence = new Evidence(r.getInt(14), r.getInt(15), r.getLong(16), r.getLong(17), r.getDouble(18),
                r.getDouble(19), r.getDouble(20), r.getDouble(21), r.getDouble(22), r.getLong(23), r.getInt(24),
                r.getInt(25), r.getBoolean(26), r.getInt(27), r.getDouble(28), features, r.getString(31),
                r.getString(32), null);
        return new Finding(0, Severity.valueOf(r.getString(0)), r.getBoolean(1), FindingType.valueOf(r.getString(2)),
                id, scores, evidence);
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
                f.periodicityScore(), f.sizeScore(), f.persistenceScore(), f.prevalence(), Explanations.of(f), f.label(),
                f.detailedLabel());
    }

    private static Timestamp micros(long us) {
        Timestamp t = new Timestamp(Math.floorDiv(us, 1_000_000L) * 1000L);
        t.setNanos((int) Math.floorMod(us, 1_000_000L) * 1000);
        return t;
    }
}
