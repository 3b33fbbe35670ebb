package org.beaconwatch.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.HashPartitioner;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.SerializableConfiguration;
import org.beaconwatch.channel.ChannelSeries;
import org.beaconwatch.io.FileReport;
import org.beaconwatch.io.LogFormat;
import org.beaconwatch.io.MalformedRecordException;
import org.beaconwatch.io.NothingToAnalyseException;
import org.beaconwatch.score.ChannelScoring;
import org.beaconwatch.score.DetectOptions;
import org.beaconwatch.score.DetectionResult;
import org.beaconwatch.score.Finding;

/**
 * Beacon detection as a Spark job, with core's readers, aggregator, scorer and ranking:
 *
 * <ol>
 * <li>read: one task per input split (whole files; byte ranges of large uncompressed Zeek TSV
 *     files), core's parsers and per-file time window; one task per companion log (ssl, http)
 *     for its (uid, server name) rows;</li>
 * <li>uid: flows and names hash-partitioned by uid ({@link UidJoin}): connections seen before
 *     marked, names joined (a distributed join);</li>
 * <li>group: hash-partition the flows by channel key and sort within partitions by key and input
 *     order (one shuffle; flows never reach the driver);</li>
 * <li>context: a first pass over the sorted partitions builds the channels with core's
 *     aggregator and emits one small row per channel (source, destination key, neighbourhood key);
 *     global aggregations over those rows give each channel's prevalence (distinct sources per
 *     destination), siblings (other destinations of the source in the neighbourhood) and the number
 *     of internal sources, joined back by channel;</li>
 * <li>score: a second pass over the same shuffle output (Spark reuses it) builds the channels
 *     again and scores each with {@link ChannelScoring#score}; the findings (one row per scored
 *     channel) are ranked on the driver with {@link ChannelScoring#rank}.</li>
 * </ol>
 */
public final class SparkDetector {
    /** Byte ranges of a large uncompressed Zeek TSV file read by separate tasks. */
    public static final long DEFAULT_SPLIT_BYTES = 128L << 20;

    private SparkDetector() {
    }

    /** The result and the per-file reports, as {@code detect} has them. */
    public record Run(DetectionResult result, List<FileReport> reports, Map<String, Long> stageMillis) {
    }

    static final StructType CONTEXT = new StructType(new StructField[] {
        DataTypes.createStructField("kind", DataTypes.IntegerType, false),
        DataTypes.createStructField("pid", DataTypes.IntegerType, false),
        DataTypes.createStructField("key", DataTypes.StringType, true),
        DataTypes.createStructField("src_hi", DataTypes.LongType, false),
        DataTypes.createStructField("src_lo", DataTypes.LongType, false),
        DataTypes.createStructField("dest", DataTypes.StringType, true),
        DataTypes.createStructField("nb", DataTypes.StringType, true),
        DataTypes.createStructField("flows_read", DataTypes.LongType, false),
        DataTypes.createStructField("flows_used", DataTypes.LongType, false),
        DataTypes.createStructField("no_address", DataTypes.LongType, false),
        DataTypes.createStructField("external_source", DataTypes.LongType, false),
        DataTypes.createStructField("skipped_destination", DataTypes.LongType, false),
        DataTypes.createStructField("allowlisted", DataTypes.LongType, false),
        DataTypes.createStructField("channels", DataTypes.LongType, false),
        DataTypes.createStructField("duplicates", DataTypes.LongType, false),
    });

    /**
     * Runs detection.
     *
     * @param partitions shuffle partitions for the grouping (0: Spark's default parallelism x 4)
     */
    static Run detect(SparkSession spark, List<String> inputs, OptionsSpec spec, int partitions, long splitBytes)
            throws IOException {
        Map<String, Long> stages = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        SparkInputs.Listing listing = SparkInputs.list(inputs, hadoop, spec.readOptions(), splitBytes);
        stages.put("list and detect formats", (System.nanoTime() - t0) / 1_000_000);
        Broadcast<SerializableConfiguration> conf = jsc.broadcast(new SerializableConfiguration(hadoop));
        CollectionAccumulator<SplitReport> reportAcc = spark.sparkContext().collectionAccumulator("beaconwatch reports");
        ArrayList<InputSplit> flowSplits = new ArrayList<>(listing.flowSplits());
        int parts = partitions > 0 ? partitions : Math.max(8, jsc.defaultParallelism() * 4);

        JavaRDD<Row> read = jsc.parallelize(flowSplits, Math.max(1, flowSplits.size()))
                .mapPartitions(it -> {
                    Configuration c = conf.value().value();
                    List<Iterator<Row>> all = new ArrayList<>();
                    while (it.hasNext()) {
                        all.add(SplitReader.rows(it.next(), c, spec.readOptions(), reportAcc));
                    }
                    return concat(all);
                });
        Dataset<Row> flows = spark.createDataFrame(read, FlowColumns.SCHEMA);
        Dataset<Row> names = null;
        if (!listing.companions().isEmpty()) {
            ArrayList<InputSplit> companions = new ArrayList<>(listing.companions());
            JavaRDD<Row> nameRows = jsc.parallelize(companions, companions.size()).mapPartitions(it -> {
                Configuration c = conf.value().value();
                List<Iterator<Row>> all = new ArrayList<>();
                while (it.hasNext()) {
                    all.add(SplitReader.companionRows(it.next(), c, spec.readOptions(), reportAcc));
                }
                return concat(all);
            });
            names = spark.createDataFrame(nameRows, SplitReader.NAMES);
        }
        boolean uids = names != null || flowSplits.stream().anyMatch(f -> f.format() == LogFormat.ZEEK_CONN_TSV
                || f.format() == LogFormat.ZEEK_CONN_JSON);
        LineNumbers lineNumbers = new LineNumbers(jsc, conf, flowSplits);
        t0 = System.nanoTime();
        JavaRDD<Row> grouped;
        try {
            // (turning a Dataset into an RDD runs its shuffles at once: inside the try, failures reported)
            if (uids) {
                jsc.setCallSite("read, uid join");
                flows = UidJoin.apply(spark, flows, names);
            }
            Column[] key = cols(FlowColumns.KEY);
            List<Column> sortCols = new ArrayList<>(List.of(key));
            sortCols.addAll(List.of(cols(FlowColumns.ORDER)));
            Dataset<Row> sorted = flows
                    .repartition(parts, key)
                    .sortWithinPartitions(sortCols.toArray(new Column[0]));
            jsc.setCallSite("read and shuffle by channel");
            grouped = sorted.javaRDD();
            // pass 1: one context row per channel
            JavaRDD<Row> contextRows = grouped.mapPartitions(it -> {
                int pid = TaskContext.getPartitionId();
                List<Row> out = new ArrayList<>();
                long[] n = new long[7];
                ChannelRuns runs = new ChannelRuns(spec.detectOptions().scope(), (channels, agg) -> {
                    for (ChannelSeries c : channels) {
                        out.add(RowFactory.create(0, pid, ChannelRuns.key(c), c.srcHi(), c.srcLo(),
                                ChannelScoring.destinationKey(c), ChannelScoring.neighbourhoodKey(c),
                                0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L));
                    }
                    n[0] += agg.flowsRead();
                    n[1] += agg.flowsUsed();
                    n[2] += agg.skippedNoAddress();
                    n[3] += agg.skippedExternalSource();
                    n[4] += agg.skippedDestination();
                    n[5] += agg.allowlisted();
                    n[6] += channels.size();
                });
                runs.run(it);
                out.add(RowFactory.create(1, pid, null, 0L, 0L, null, null, n[0], n[1], n[2], n[3], n[4], n[5], n[6],
                        0L));
                for (Map.Entry<Integer, Long> e : runs.seenBefore().entrySet()) {
                    out.add(RowFactory.create(2, e.getKey(), null, 0L, 0L, null, null, 0L, 0L, 0L, 0L, 0L, 0L, 0L,
                            e.getValue()));
                }
                return out.iterator();
            });
            Dataset<Row> context = spark.createDataFrame(contextRows, CONTEXT).persist(StorageLevel.MEMORY_AND_DISK());
            jsc.setCallSite("pass 1: group, channel context");
            Row totals = context.filter(col("kind").equalTo(1)).agg(sum("flows_read"), sum("flows_used"),
                    sum("no_address"), sum("external_source"), sum("skipped_destination"), sum("allowlisted"),
                    sum("channels")).first();
            Map<Integer, Long> seenBefore = new HashMap<>();
            for (Row r : context.filter(col("kind").equalTo(2)).groupBy("pid").agg(sum("duplicates"))
                    .collectAsList()) {
                seenBefore.put(r.getInt(0), r.getLong(1));
            }
            stages.put("read, shuffle, group (pass 1)", (System.nanoTime() - t0) / 1_000_000);
            List<FileReport> reports = reports(reportAcc.value(), listing, seenBefore, lineNumbers,
                    spec.readOptions().maxExamples());
            NothingToAnalyseException.requireRecords(reports);
            long flowsRead = totals.getLong(0), flowsUsed = totals.getLong(1);
            if (flowsUsed == 0) {
                throw NothingToAnalyseException.noChannels(flowsRead, totals.getLong(2), totals.getLong(3),
                        totals.getLong(4), totals.getLong(5), spec.detectOptions().givenInternal());
            }
            t0 = System.nanoTime();
            Dataset<Row> channels = context.filter(col("kind").equalTo(0));
            jsc.setCallSite("context: internal sources");
            long internalSources = channels.select("src_hi", "src_lo").distinct().count();
            Dataset<Row> prevalence = channels.groupBy("dest").agg(countDistinct(col("src_hi"), col("src_lo"))
                    .cast("int").as("prevalence"));
            Dataset<Row> siblings = channels.groupBy("src_hi", "src_lo", "nb")
                    .agg(countDistinct(col("dest")).minus(1).cast("int").as("siblings"));
            Dataset<Row> joined = channels.join(prevalence, "dest").join(siblings, scalaSeq("src_hi", "src_lo", "nb"))
                    .select("pid", "key", "prevalence", "siblings");
            int nParts = grouped.getNumPartitions();
            jsc.setCallSite("context: prevalence and neighbourhood joined back");
            JavaRDD<Row> contextByPartition = joined.javaRDD().keyBy(r -> r.getInt(0))
                    .partitionBy(new HashPartitioner(nParts)).values();
            int sources = (int) internalSources;
            // pass 2: score every channel in its context
            JavaRDD<Row> findingRows = grouped.zipPartitions(contextByPartition, (rows, ctx) -> {
                HashMap<String, int[]> byKey = new HashMap<>();
                while (ctx.hasNext()) {
                    Row r = ctx.next();
                    byKey.put(r.getString(1), new int[] {r.getInt(2), r.getInt(3)});
                }
                DetectOptions o = spec.detectOptions();
                List<Row> out = new ArrayList<>();
                new ChannelRuns(o.scope(), (chs, agg) -> {
                    for (ChannelSeries c : chs) {
                        int[] x = byKey.get(ChannelRuns.key(c));
                        if (x == null) {
                            throw new IllegalStateException("no context for channel " + ChannelRuns.key(c));
                        }
                        Finding f = ChannelScoring.score(c, x[0], sources, x[1], o);
                        if (f != null) {
                            out.add(FindingRows.toRow(f, ChannelScoring.rankingStarts(c, f)));
                        }
                    }
                }).run(rows);
                return out.iterator();
            });
            jsc.setCallSite("pass 2: group, score");
            List<Row> collected = findingRows.collect();
            jsc.clearCallSite();
            context.unpersist();
            stages.put("context and score (pass 2)", (System.nanoTime() - t0) / 1_000_000);
            t0 = System.nanoTime();
            List<Finding> findings = new ArrayList<>(collected.size());
            List<long[]> starts = new ArrayList<>(collected.size());
            for (Row r : collected) {
                findings.add(FindingRows.toFinding(r));
                starts.add(FindingRows.starts(r));
            }
            List<Finding> ranked = ChannelScoring.rank(findings, starts, spec.detectOptions());
            stages.put("rank", (System.nanoTime() - t0) / 1_000_000);
            long nChannels = totals.getLong(6);
            DetectionResult result = new DetectionResult(ranked, flowsRead, flowsUsed, (int) nChannels,
                    (int) (nChannels - ranked.size()), totals.getLong(3), totals.getLong(4), totals.getLong(5),
                    sources, spec.detectOptions());
            return new Run(result, reports, stages);
        } catch (IOException e) {
            throw realLine(e, listing, lineNumbers);
        } catch (Exception e) {
            throw realLine(unwrap(e), listing, lineNumbers);
        }
    }

    /** A malformed record in a later byte range under --on-error fail, at the file's real line. */
    private static IOException realLine(IOException e, SparkInputs.Listing listing, LineNumbers lines)
            throws IOException {
        if (e instanceof RangeEvents.Failure f) {
            return new MalformedRecordException(listing.fileNames().get(f.file), lines.fileLine(f.file, f.split, f.line),
                    f.reason);
        }
        return e;
    }

    /** The user-facing cause of a failed job (a malformed record under --on-error fail, a read error). */
    static IOException unwrap(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
            if (t instanceof java.io.UncheckedIOException u) {
                return u.getCause();
            }
        }
        return new IOException(e.getMessage(), e);
    }

    /**
     * Per-file reports in input order, as detect lists them: notes on inputs read once first,
     * then companions, then flow files (ranges merged, later ranges' problems at the file's real
     * line numbers), each with its count of connections seen before.
     */
    static List<FileReport> reports(List<SplitReport> acc, SparkInputs.Listing listing, Map<Integer, Long> seenBefore,
                                    LineNumbers lines, int maxExamples) throws IOException {
        // a retried or recomputed task reports again: keep one report per (file, split)
        Map<Long, SplitReport> unique = new HashMap<>();
        for (SplitReport r : acc) {
            unique.put(((long) r.file() << 32) | (r.split() & 0xffffffffL), r);
        }
        List<SplitReport> sortedReports = new ArrayList<>(unique.values());
        sortedReports.sort((a, b) -> a.file() != b.file() ? Integer.compare(a.file(), b.file())
                : Integer.compare(a.split(), b.split()));
        List<FileReport> out = new ArrayList<>(listing.notes());
        int i = 0;
        while (i < sortedReports.size()) {
            SplitReport first = sortedReports.get(i);
            long read = 0, skipped = 0, lo = Long.MAX_VALUE, hi = Long.MIN_VALUE;
            boolean mayDiffer = false;
            boolean truncated = false;
            List<String> examples = new ArrayList<>();
            int j = i;
            while (j < sortedReports.size() && sortedReports.get(j).file() == first.file()) {
                SplitReport r = sortedReports.get(j);
                read += r.recordsRead();
                skipped += r.recordsSkipped() + r.events().malformed();
                truncated |= r.truncated();
                if (r.window().size() == 4 && r.window().get(0) <= r.window().get(1)) {
                    lo = Math.min(lo, r.window().get(0));
                    hi = Math.max(hi, r.window().get(1));
                }
                for (String e : r.examples()) {
                    if (examples.size() < maxExamples) {
                        examples.add(e);
                    }
                }
                for (RangeEvents.Event e : r.events().first()) {
                    long line = lines.fileLine(r.file(), r.split(), e.line());
                    String ex = e.truncation() ? r.name() + ":" + line + ": " + e.reason()
                            + " (records up to this line kept)" : r.name() + ":" + line + ": " + e.reason();
                    truncated |= e.truncation();
                    if (examples.size() < maxExamples) {
                        examples.add(ex);
                    }
                }
                j++;
            }
            List<String> notes = new ArrayList<>();
            long seen = seenBefore.getOrDefault(first.file(), 0L);
            if (seen > 0) {
                read -= seen;
                notes.add(String.format(Locale.ROOT, "%,d connection%s with a uid seen before (logged twice): "
                        + "counted once", seen, seen == 1 ? "" : "s"));
            }
            for (int k = i; k < j && !mayDiffer; k++) {
                mayDiffer = mayKeep(sortedReports.get(k), lo, hi);
            }
            if (mayDiffer) {
                notes.add("times far from the file's first times were left out in byte ranges after the first; "
                        + "some lie near times accepted elsewhere in the file, so detect, reading the file whole, may "
                        + "keep them (a larger --split-mb reads the file whole)");
            }
            out.add(new FileReport(first.name(), first.format(), read, skipped, examples, truncated, notes));
            i = j;
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Whether a later range left out a time that {@code detect}, whose window grows through the
     * whole file, could have kept: one within the window's margin of the range of times accepted
     * anywhere in the file (core's TimeWindow rule); when none is, the file's rows equal detect's.
     */
    static boolean mayKeep(SplitReport r, long lo, long hi) {
        if (r.rangeTimesCount() == 0) {
            return false;
        }
        if (r.rangeTimesCount() > r.rangeTimesLeftOut().size() || lo > hi) {
            return true;
        }
        long margin = r.window().get(2);
        boolean sampled = r.window().get(3) == 1;
        for (long t : r.rangeTimesLeftOut()) {
            if (t >= 0 && (!sampled || !((t < lo && lo - t > margin) || (t > hi && t - hi > margin)))) {
                return true;
            }
        }
        return false;
    }

    private static Column[] cols(String[] names) {
        Column[] c = new Column[names.length];
        for (int i = 0; i < names.length; i++) {
            c[i] = col(names[i]);
        }
        return c;
    }

    private static scala.collection.immutable.Seq<String> scalaSeq(String... s) {
        return scala.jdk.javaapi.CollectionConverters.asScala(List.of(s)).toList();
    }

    private static Iterator<Row> concat(List<Iterator<Row>> its) {
        return new Iterator<>() {
            private int k;

            @Override
            public boolean hasNext() {
                while (k < its.size() && !its.get(k).hasNext()) {
                    k++;
                }
                return k < its.size();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return its.get(k).next();
            }
        };
    }
}
