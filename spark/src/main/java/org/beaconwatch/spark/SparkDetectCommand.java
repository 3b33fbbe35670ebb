package org.beaconwatch.spark;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.beaconwatch.channel.Allowlist;
import org.beaconwatch.channel.Cidr;
import org.beaconwatch.io.ErrorPolicy;
import org.beaconwatch.io.FileReport;
import org.beaconwatch.io.MalformedRecordException;
import org.beaconwatch.output.DetectionSummary;
import org.beaconwatch.output.FindingWriter;
import org.beaconwatch.output.OutputFormat;
import org.beaconwatch.output.TerminalText;
import org.beaconwatch.score.DetectOptions;
import org.beaconwatch.score.DetectionResult;
import org.beaconwatch.score.Finding;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code beaconwatch-spark detect}: detect's analysis as a Spark job. Writes
 * {@code DIR/findings.csv} (or {@code .jsonl}) with detect's columns, {@code DIR/findings.parquet}
 * and {@code DIR/summary.txt}; nothing on stdout; the summary sentence and per-file warnings on
 * stderr as detect prints them. Exit codes as detect: 0 no alerts, 1 error, 2 usage, 3 alerts (0 in
 * cluster deploy mode, or as {@code --alerts-exit-code} says).
 */
@Command(name = "detect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Ranks the channels that look like command-and-control beaconing, as 'beaconwatch detect' "
                + "does, running on Apache Spark (local mode or a cluster)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no alerts (also alerts in cluster deploy mode)", "1:error", "2:usage error",
            "3:alerts found (see --alerts-exit-code)"})
public final class SparkDetectCommand implements Callable<Integer> {
    /** Findings per task when the driver's ranked findings are written as Parquet. */
    private static final int PARQUET_ROWS_PER_SLICE = 50_000;

    @Parameters(paramLabel = "INPUT", arity = "1..*",
            description = "Log files or directories, any Hadoop file system URI (file://, hdfs://, s3a://).")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Output directory (any Hadoop URI): findings.csv or findings.jsonl, findings.parquet, "
                    + "summary.txt.")
    String out;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master when not set by spark-submit. Default: local[*].")
    String master;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "Shuffle partitions for grouping flows into channels. Default: 4 per core.")
    int partitions;

    @Option(names = "--split-mb", paramLabel = "MB", defaultValue = "128",
            description = "Uncompressed Zeek TSV files larger than this are read in ranges of this size by "
                    + "separate tasks. Default: ${DEFAULT-VALUE}.")
    long splitMb = 128;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv",
            description = "csv or jsonl, beside the Parquet copy. Default: ${DEFAULT-VALUE}.")
    String format = "csv";

    @Option(names = "--on-error", paramLabel = "POLICY", defaultValue = "warn",
            description = "fail, skip or warn, as detect. Default: ${DEFAULT-VALUE}.")
    String onError = "warn";

    @Option(names = "--map", paramLabel = "FIELD=COLUMN", split = ",",
            description = "CSV column mapping from Beaconwatch fields to your header names, as detect, e.g. "
                    + "--map ts=timestamp,src=src_ip,dst=dst_ip,dport=dst_port.")
    List<String> map = new ArrayList<>();

    @Option(names = "--alerts-exit-code", paramLabel = "CODE",
            description = "Exit code when the job succeeds and finds alerts. Default: 3, as detect; 0 when "
                    + "spark-submit runs the driver in the cluster (--deploy-mode cluster), where any other code "
                    + "makes YARN and Kubernetes report the application as failed. Read summary.txt for the count.")
    Integer alertsExitCode;

    @Option(names = "--internal", paramLabel = "CIDR", description = "Your internal network (repeatable), as detect.")
    List<String> internal = new ArrayList<>();

    @Option(names = "--all-sources", description = "Also analyse connections whose source is outside --internal.")
    boolean allSources;

    @Option(names = "--internal-destinations", description = "Also score channels to internal destinations.")
    boolean internalDestinations;

    @Option(names = "--allow", paramLabel = "ENTRY", split = ",", description = "Trusted address, CIDR or domain.")
    List<String> allow = new ArrayList<>();

    @Option(names = "--allowlist", paramLabel = "FILE", description = "File of trusted entries (read on the driver).")
    List<Path> allowlistFiles = new ArrayList<>();

    @Option(names = "--min-conns", paramLabel = "N", defaultValue = "4", description = "Default: ${DEFAULT-VALUE}.")
    int minConns = 4;

    @Option(names = "--threshold", paramLabel = "SCORE", defaultValue = "0.6", description = "Default: ${DEFAULT-VALUE}.")
    double threshold = DetectOptions.DEFAULT_ALERT_THRESHOLD;

    @Option(names = "--alerts-only", description = "Write only findings that alert (csv and jsonl).")
    boolean alertsOnly;

    @Option(names = "--timing", description = "Print how long each stage took on stderr.")
    boolean timing;

    /** Parses the options into the serialisable form executors use; usage errors as exceptions. */
    OptionsSpec spec() throws IOException {
        ErrorPolicy policy = switch (onError.trim().toLowerCase(Locale.ROOT)) {
            case "fail" -> ErrorPolicy.FAIL;
            case "skip" -> ErrorPolicy.SKIP;
            case "warn" -> ErrorPolicy.WARN;
            default -> throw new Usage("--on-error must be fail, skip or warn, not '" + onError + "'");
        };
        for (String s : internal) {
            try {
                Cidr.parse(s.trim());
            } catch (IllegalArgumentException e) {
                throw new Usage("--internal: " + e.getMessage());
            }
        }
        Allowlist list;
        try {
            list = Allowlist.of(allow);
        } catch (IllegalArgumentException e) {
            throw new Usage("--allow: " + e.getMessage());
        }
        for (Path f : allowlistFiles) {
            list = list.plus(Allowlist.load(f));
        }
        if (minConns < 2) {
            throw new Usage("--min-conns must be at least 2");
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new Usage("--threshold must be between 0 and 1");
        }
        if (splitMb < 1) {
            throw new Usage("--split-mb must be at least 1");
        }
        Map<String, String> columns = new LinkedHashMap<>();
        for (String kv : map) {
            int eq = kv.indexOf('=');
            if (eq <= 0 || eq == kv.length() - 1) {
                throw new Usage("--map expects FIELD=COLUMN pairs, got '" + kv + "'");
            }
            columns.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        if (alertsExitCode != null && (alertsExitCode < 0 || alertsExitCode > 255)) {
            throw new Usage("--alerts-exit-code must be between 0 and 255");
        }
        return new OptionsSpec(internal, allSources, internalDestinations, list.entries(), minConns, threshold, policy,
                columns);
    }

    static final class Usage extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Usage(String m) {
            super(m);
        }
    }

    @Override
    public Integer call() throws Exception {
        OutputFormat fmt;
        try {
            fmt = OutputFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new Usage("--format: " + e.getMessage());
        }
        if (fmt == OutputFormat.TABLE) {
            throw new Usage("--format: csv or jsonl (the table is for a terminal; use detect)");
        }
        OptionsSpec spec = spec();
        SparkSession.Builder b = SparkSession.builder().appName("beaconwatch detect");
        if (master != null) {
            b.master(master);
        } else if (!new org.apache.spark.SparkConf().contains("spark.master")) {
            b.master("local[*]");
        }
        SparkSession spark = b.getOrCreate();
        StageMetrics metrics = new StageMetrics();
        if (timing) {
            spark.sparkContext().addSparkListener(metrics);
        }
        try {
            long start = System.nanoTime();
            SparkDetector.Run run;
            try {
                run = SparkDetector.detect(spark, inputs, spec, partitions, splitMb << 20);
            } catch (org.beaconwatch.io.NothingToAnalyseException e) {
                throw e;
            }
            printWarnings(run.reports());
            long w0 = System.nanoTime();
            write(spark, run.result(), fmt, out, alertsOnly);
            run.stageMillis().put("write", (System.nanoTime() - w0) / 1_000_000);
            System.err.println(DetectionSummary.sentence(run.result()) + "; findings written to " + out);
            if (timing) {
                for (Map.Entry<String, Long> e : run.stageMillis().entrySet()) {
                    System.err.printf(Locale.ROOT, "%-32s %,10d ms%n", e.getKey(), e.getValue());
                }
                System.err.printf(Locale.ROOT, "%-32s %,10d ms%n", "total", (System.nanoTime() - start) / 1_000_000);
            }
            return run.result().alerts().isEmpty() ? 0 : alertsExitCode(spark.sparkContext().getConf());
        } finally {
            spark.stop(); // drains the listener bus: every stage has reported
            if (timing) {
                metrics.print(System.err);
            }
        }
    }

    /** The exit code for a run that found alerts: the option, else 0 in cluster deploy mode, else 3. */
    int alertsExitCode(org.apache.spark.SparkConf conf) {
        if (alertsExitCode != null) {
            return alertsExitCode;
        }
        return "cluster".equals(conf.get("spark.submit.deployMode", "client")) ? 0 : 3;
    }

    /** Writes findings.csv/.jsonl (detect's writer), findings.parquet and summary.txt into dir. */
    static void write(SparkSession spark, DetectionResult r, OutputFormat fmt, String dir, boolean alertsOnly)
            throws IOException {
        org.apache.hadoop.fs.Path d = new org.apache.hadoop.fs.Path(dir);
        FileSystem fs = d.getFileSystem(spark.sparkContext().hadoopConfiguration());
        fs.mkdirs(d);
        String name = fmt == OutputFormat.JSONL ? "findings.jsonl" : "findings.csv";
        FindingWriter w = FindingWriter.of(fmt, 20);
        atomic(fs, new org.apache.hadoop.fs.Path(d, name), o -> {
            if (alertsOnly) {
                w.write(r.alerts(), o);
            } else {
                w.write(r, o);
            }
        });
        atomic(fs, new org.apache.hadoop.fs.Path(d, "summary.txt"),
                o -> o.write((DetectionSummary.sentence(r) + "\n").getBytes(StandardCharsets.UTF_8)));
        List<Row> rows = new ArrayList<>(r.findings().size());
        for (Finding f : alertsOnly ? r.alerts() : r.findings()) {
            rows.add(FindingRows.toParquet(f));
        }
        spark.sparkContext().setCallSite("write parquet");
        // the ranked rows live on the driver: hand them out in slices small enough for one task message
        // each (a single task of 800,000 findings is ~300 MB, over spark.rpc.message.maxSize), then one
        // file again, in rank order
        int slices = Math.max(1, rows.size() / PARQUET_ROWS_PER_SLICE + 1);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        spark.createDataFrame(jsc.parallelize(rows, slices), FindingRows.PARQUET).repartition(1)
                .sortWithinPartitions("rank").write().mode(SaveMode.Overwrite)
                .parquet(new org.apache.hadoop.fs.Path(d, "findings.parquet").toString());
    }

    interface Body {
        void write(OutputStream o) throws IOException;
    }

    /** Writes a temporary file beside the target and renames it into place. */
    static void atomic(FileSystem fs, org.apache.hadoop.fs.Path target, Body body) throws IOException {
        org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(target.getParent(),
                "." + target.getName() + ".tmp-" + ProcessHandle.current().pid());
        try (OutputStream o = new BufferedOutputStream(fs.create(tmp, true), 1 << 16)) {
            body.write(o);
        } catch (IOException | RuntimeException e) {
            fs.delete(tmp, false);
            throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        fs.delete(target, false);
        if (!fs.rename(tmp, target)) {
            fs.delete(tmp, false);
            throw new IOException("cannot move the output into place: " + target);
        }
    }

    static void printWarnings(List<FileReport> reports) {
        for (FileReport r : reports) {
            for (String n : r.notes()) {
                System.err.println("warning: " + r.file() + ": " + n);
            }
            if (r.recordsSkipped() == 0 && r.examples().isEmpty() && !r.truncated()) {
                continue;
            }
            System.err.printf(Locale.ROOT, "warning: %s: %sskipped %,d of %,d records%n", TerminalText.clean(r.file()),
                    r.truncated() ? "file is truncated, read up to the break; " : "", r.recordsSkipped(),
                    r.recordsRead() + r.recordsSkipped());
            for (String e : r.examples()) {
                System.err.println("  " + TerminalText.clean(e));
            }
        }
    }

    /** Entry point for the launcher and spark-submit: {@code detect INPUT... --out DIR [options]}. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        String[] rest = args;
        if (args.length > 0 && "detect".equals(args[0])) {
            rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        }
        CommandLine cl = new CommandLine(new SparkDetectCommand()).setCommandName("beaconwatch-spark detect");
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof Usage) {
                cmd.getErr().println("beaconwatch-spark: " + e.getMessage());
                return 2;
            }
            if (e instanceof MalformedRecordException m) {
                cmd.getErr().println("beaconwatch-spark: " + m.getMessage());
                return 1;
            }
            if (e instanceof IOException) {
                cmd.getErr().println("beaconwatch-spark: " + e.getMessage());
                return 1;
            }
            cmd.getErr().println("beaconwatch-spark: " + e);
            if (Boolean.getBoolean("beaconwatch.debug")) {
                e.printStackTrace();
            }
            return 1;
        });
        return cl.execute(rest);
    }
}
