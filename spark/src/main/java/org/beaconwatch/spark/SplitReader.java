package org.beaconwatch.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.CollectionAccumulator;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.io.ErrorPolicy;
import org.beaconwatch.io.LogFormat;
import org.beaconwatch.io.ReadOptions;
import org.beaconwatch.io.TimeWindow;
import org.beaconwatch.io.argus.BinetflowReader;
import org.beaconwatch.io.csv.CsvFlowReader;
import org.beaconwatch.io.spi.DnsIndex;
import org.beaconwatch.io.spi.FormatReader;
import org.beaconwatch.io.spi.LineSource;
import org.beaconwatch.io.spi.Problems;
import org.beaconwatch.io.spi.ServerNames;
import org.beaconwatch.io.zeek.ZeekCompanions;
import org.beaconwatch.io.zeek.ZeekJsonReader;
import org.beaconwatch.io.zeek.ZeekTsvReader;

/**
 * Reads one {@link InputSplit} on an executor with core's readers (the same byte parsers as
 * {@code detect}) and turns its flows into rows of {@link FlowColumns}. A byte range of a Zeek TSV
 * file is read as the file's header block followed by the lines that start inside the range.
 * Each file's times are checked against the bulk of its times with core's {@link TimeWindow}, as
 * {@code detect} does. A companion log (ssl.log, http.log) is read by one task with core's
 * companion reader into rows (uid hash, name, source), joined with the flows by {@link UidJoin}.
 *
 * <p>Line numbers: a range other than the file's first counts lines from its own start (header
 * included); its problems are recorded, not applied, and the driver moves them to the file's real
 * line numbers ({@link LineNumbers}) before they are reported or stop the job.
 */
final class SplitReader {
    private SplitReader() {
    }

    /** Columns of a companion name row: uid hash, name, precedence, source code, file index. */
    static final StructType NAMES = new StructType(new StructField[] {
        DataTypes.createStructField("n_hi", DataTypes.LongType, false),
        DataTypes.createStructField("n_lo", DataTypes.LongType, false),
        DataTypes.createStructField("n_rank", DataTypes.IntegerType, false),
        DataTypes.createStructField("n_file", DataTypes.IntegerType, false),
        DataTypes.createStructField("n_name", DataTypes.StringType, false),
        DataTypes.createStructField("n_source", DataTypes.ByteType, false),
    });

    /** Reads one companion log into name rows (the winning name per uid in this file); reports once. */
    static Iterator<Row> companionRows(InputSplit c, Configuration conf, ReadOptions options,
                                       CollectionAccumulator<SplitReport> reports) throws IOException {
        ServerNames names = new ServerNames();
        DnsIndex dns = new DnsIndex();
        Problems problems = new Problems(c.name(), options.errorPolicy(), options.maxExamples());
        Path p = new Path(c.uri());
        long n;
        try (InputStream raw = p.getFileSystem(conf).open(p)) {
            Streams.Opened o = Streams.decompress(raw);
            LineSource lines = new LineSource(o.in(), options.maxLineBytes(), o.compression());
            n = ZeekCompanions.read(c.format(), lines, problems, names, dns);
        }
        reports.add(new SplitReport(c.file(), -1, c.name(), c.format(), n, problems.skipped(),
                new ArrayList<>(problems.examples()), problems.truncation() != null, List.of(), List.of(), 0,
                RangeEvents.NONE));
        List<Row> out = new ArrayList<>(names.size());
        names.forEach((hi, lo, name, source) -> out.add(RowFactory.create(hi, lo, ServerNames.rank(source), c.file(),
                name, source.code())));
        return out.iterator();
    }

    /** Opens the split's decompressed bytes (a range with its file's header for split > 0). */
    static Streams.Opened open(InputSplit s, Configuration conf) throws IOException {
        Path p = new Path(s.uri());
        FileSystem fs = p.getFileSystem(conf);
        if (s.end() < 0) {
            return Streams.decompress(fs.open(p));
        }
        FSDataInputStream in = fs.open(p);
        try {
            if (s.start() == 0) {
                return new Streams.Opened(new java.io.BufferedInputStream(new Streams.LineRange(in, 0, s.end()), 1 << 16),
                        null);
            }
            byte[] header = header(fs, p);
            in.seek(s.start() - 1);
            long pos = s.start() - 1;
            int c;
            while ((c = in.read()) >= 0) {
                pos++;
                if (c == '\n') {
                    break;
                }
            }
            InputStream range = new Streams.LineRange(in, pos, s.end());
            return new Streams.Opened(new java.io.BufferedInputStream(
                    new SequenceInputStream(new java.io.ByteArrayInputStream(header), range), 1 << 16), null);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The '#' lines at the start of a Zeek TSV file. */
    private static byte[] header(FileSystem fs, Path p) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = new java.io.BufferedInputStream(fs.open(p), 1 << 16)) {
            boolean lineStart = true;
            int c;
            while ((c = in.read()) >= 0) {
                if (lineStart && c != '#') {
                    break;
                }
                out.write(c);
                lineStart = c == '\n';
            }
        }
        return out.toByteArray();
    }

    static FormatReader reader(InputSplit s, ReadOptions o, InputStream in, String compression, Problems problems)
            throws IOException {
        return switch (s.format()) {
            case CSV_BEACON_EVENTS, CSV_NSL_KDD, CSV_FLOWS, CSV_MAPPED ->
                    new CsvFlowReader(in, compression, s.format(), o.columnMap(), problems, o.maxLineBytes());
            case ZEEK_CONN_TSV -> new ZeekTsvReader(new LineSource(in, o.maxLineBytes(), compression), problems);
            case ZEEK_CONN_JSON -> new ZeekJsonReader(new LineSource(in, o.maxLineBytes(), compression), problems);
            case ARGUS_BINETFLOW -> new BinetflowReader(new LineSource(in, o.maxLineBytes(), compression), problems);
            default -> throw new org.beaconwatch.io.MalformedRecordException(s.name(), 0,
                    "no reader for " + s.format().description());
        };
    }

    /**
     * The rows of one split, its times checked with the file's {@link TimeWindow} (a range after
     * the first starts from the file's first batch, see the README); the report is added to the
     * accumulator when the split is read to its end.
     */
    static Iterator<Row> rows(InputSplit s, Configuration conf, ReadOptions options,
                              CollectionAccumulator<SplitReport> reports) throws IOException {
        boolean laterRange = s.start() > 0;
        TimeWindow window = new TimeWindow();
        if (laterRange) {
            startFromFileHead(window, s, conf, options);
        }
        Streams.Opened o = open(s, conf);
        Problems problems = laterRange ? Problems.recording(s.name())
                : new Problems(s.name(), options.errorPolicy(), options.maxExamples());
        FormatReader r;
        try {
            r = reader(s, options, o.in(), o.compression(), problems);
        } catch (IOException | RuntimeException e) {
            o.in().close();
            throw e;
        }
        boolean zeek = s.format() == LogFormat.ZEEK_CONN_TSV || s.format() == LogFormat.ZEEK_CONN_JSON;
        boolean splitRecords = s.format() == LogFormat.ARGUS_BINETFLOW;
        boolean fail = options.errorPolicy() == ErrorPolicy.FAIL;
        return new Iterator<>() {
            private final FlowBatch batch = new FlowBatch();
            private final long[] h = new long[2];
            private int i;
            private boolean done;
            private long leftOut;
            private final List<Long> times = new ArrayList<>();

            @Override
            public boolean hasNext() {
                while (!done && i >= batch.size()) {
                    try {
                        batch.clear();
                        i = 0;
                        boolean more = r.fill(batch);
                        if (!window.started()) {
                            window.start(batch, 0, batch.size());
                        }
                        int kept = 0;
                        for (int k = 0; k < batch.size(); k++) {
                            String why = window.accept(batch, k);
                            if (why != null) {
                                problems.malformed(batch.line[k], why);
                                if (laterRange && times.size() < SplitReport.MAX_TIMES) {
                                    times.add(batch.ts[k]);
                                }
                                leftOut++;
                                continue;
                            }
                            if (kept != k) {
                                batch.moveRow(k, kept);
                            }
                            kept++;
                        }
                        batch.truncate(kept);
                        if (laterRange && fail && !problems.events().isEmpty()) {
                            Problems.Event e = problems.events().get(0);
                            throw new RangeEvents.Failure(s.file(), s.split(), e.line(), e.reason());
                        }
                        if (!more) {
                            done = true;
                            reports.add(new SplitReport(s.file(), s.split(), s.name(), s.format(),
                                    r.recordsRead() - leftOut, laterRange ? 0 : problems.skipped(),
                                    new ArrayList<>(problems.examples()), problems.truncation() != null,
                                    List.of(window.low(), window.high(), window.margin(), window.sampled() ? 1L : 0L),
                                    new ArrayList<>(times), laterRange ? leftOut : 0,
                                    RangeEvents.of(problems, options.maxExamples())));
                            r.close();
                            o.in().close();
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                return i < batch.size();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return row(batch, i++, s, zeek, splitRecords, h);
            }
        };
    }

    /**
     * Gives a later range's time window the state {@code detect} has after the file's first batch:
     * its bulk, and the range of its accepted times.
     */
    private static void startFromFileHead(TimeWindow window, InputSplit s, Configuration conf, ReadOptions options)
            throws IOException {
        InputSplit head = new InputSplit(s.file(), 0, s.uri(), s.name(), s.format(), 0, s.start());
        Streams.Opened o = open(head, conf);
        try (InputStream in = o.in();
             FormatReader r = reader(head, options, in, o.compression(), Problems.recording(s.name()))) {
            FlowBatch b = new FlowBatch();
            r.fill(b);
            window.start(b, 0, b.size());
            for (int k = 0; k < b.size(); k++) {
                window.accept(b, k);
            }
        }
    }

    private static Row row(FlowBatch b, int i, InputSplit s, boolean zeek, boolean splitRecords, long[] h) {
        long sh = b.srcHi[i], sl = b.srcLo[i], dh = b.dstHi[i], dl = b.dstLo[i];
        String name = b.serverName[i];
        String kName = null;
        long kdh = dh, kdl = dl;
        int kMeta = ((b.dstPort[i] & 0xffff) << 8) | (b.proto[i] & 0xff) | (b.dstPort[i] < 0 ? 1 << 24 : 0);
        if (named(name)) {
            kName = name.toLowerCase(Locale.ROOT);
            kdh = 0;
            kdl = 0;
            kMeta = -1;
        }
        String uid = b.uid[i];
        int kind = FlowColumns.NO_UID;
        // no uid: a key of its own, so the uid step spreads these rows instead of piling them up
        h[0] = 0;
        h[1] = spread(((long) s.file() << 48) ^ ((long) s.split() << 36) ^ b.line[i]);
        if (uid != null) {
            ServerNames.uidHash(uid, h);
            kind = zeek ? FlowColumns.ZEEK_UID : FlowColumns.UID;
        }
        return RowFactory.create(sh, sl, kName, kdh, kdl, kMeta, s.file(), s.split(), b.line[i],
                sh, sl, dh, dl, b.srcPort[i], b.dstPort[i], b.proto[i], b.nameSource[i], name, b.ts[i], b.duration[i],
                b.origBytes[i], b.respBytes[i], b.label[i], b.detailedLabel[i], h[0], splitRecords, h[1], kind);
    }

    /** A 64-bit mix (splitmix64 finaliser). */
    private static long spread(long x) {
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return x ^ (x >>> 31);
    }

    /** Whether a server name names the channel (else the destination address and port do). */
    static boolean named(String name) {
        return name != null && !name.isEmpty() && !"-".equals(name);
    }

    /** The row with the server name a companion log gave it and its channel key columns set again. */
    static Row withName(Row r, String name, byte source) {
        Object[] v = new Object[r.length()];
        for (int k = 0; k < v.length; k++) {
            v[k] = r.get(k);
        }
        v[FlowColumns.SERVER_NAME] = name;
        v[FlowColumns.NAME_SOURCE] = source;
        if (named(name)) {
            v[FlowColumns.K_NAME] = name.toLowerCase(Locale.ROOT);
            v[FlowColumns.K_DST_HI] = 0L;
            v[FlowColumns.K_DST_LO] = 0L;
            v[FlowColumns.K_META] = -1;
        }
        return RowFactory.create(v);
    }
}
