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
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.CollectionAccumulator;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.io.LogFormat;
import org.beaconwatch.io.ReadOptions;
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
 * Server names from the companion logs (ssl.log, http.log) are joined by uid as rows arrive, from
 * a table built once per executor JVM with core's companion readers.
 */
final class SplitReader {
    private static final ConcurrentHashMap<String, ServerNames> NAMES = new ConcurrentHashMap<>();

    private SplitReader() {
    }

    /** Reads the companion logs once per JVM (and input set); reports go to the accumulator once per JVM. */
    static ServerNames serverNames(List<InputSplit> companions, Configuration conf, ReadOptions options,
                                   CollectionAccumulator<SplitReport> reports) throws IOException {
        if (companions.isEmpty()) {
            return new ServerNames();
        }
        StringBuilder key = new StringBuilder(options.errorPolicy().name());
        for (InputSplit c : companions) {
            key.append('\n').append(c.uri());
        }
        synchronized (NAMES) {
            ServerNames names = NAMES.get(key.toString());
            if (names != null) {
                return names;
            }
            names = new ServerNames();
            DnsIndex dns = new DnsIndex();
            for (InputSplit c : companions) {
                Problems problems = new Problems(c.name(), options.errorPolicy(), options.maxExamples());
                Path p = new Path(c.uri());
                try (InputStream raw = p.getFileSystem(conf).open(p)) {
                    Streams.Opened o = Streams.decompress(raw);
                    LineSource lines = new LineSource(o.in(), options.maxLineBytes(), o.compression());
                    long n = ZeekCompanions.read(c.format(), lines, problems, names, dns);
                    reports.add(new SplitReport(c.file(), -1, c.name(), c.format(), n, problems.skipped(),
                            new ArrayList<>(problems.examples()), problems.truncation() != null));
                }
            }
            NAMES.put(key.toString(), names);
            return names;
        }
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

    static FormatReader reader(InputSplit s, ReadOptions o, InputStream in, String compression) throws IOException {
        Problems problems = new Problems(s.name(), o.errorPolicy(), o.maxExamples());
        switch (s.format()) {
            case CSV_BEACON_EVENTS, CSV_NSL_KDD, CSV_FLOWS, CSV_MAPPED -> {
                return new CsvFlowReader(in, compression, s.format(), o.columnMap(), problems, o.maxLineBytes());
            }
            default -> {}
        }
        LineSource lines = new LineSource(in, o.maxLineBytes(), compression);
        return switch (s.format()) {
            case ZEEK_CONN_TSV -> new ZeekTsvReader(lines, problems);
            case ZEEK_CONN_JSON -> new ZeekJsonReader(lines, problems);
            case ARGUS_BINETFLOW -> new BinetflowReader(lines, problems);
            default -> throw new org.beaconwatch.io.MalformedRecordException(s.name(), 0,
                        "no reader for " + s.format().description());
        };
    }

    /** The rows of one split; the report is added to the accumulator when the split is read to its end. */
    static Iterator<Row> rows(InputSplit s, Configuration conf, ReadOptions options, ServerNames names,
                              CollectionAccumulator<SplitReport> reports) throws IOException {
        Streams.Opened o = open(s, conf);
        FormatReader r;
        try {
            r = reader(s, options, o.in(), o.compression());
        } catch (IOException | RuntimeException e) {
            o.in().close();
            throw e;
        }
        boolean zeek = s.format() == LogFormat.ZEEK_CONN_TSV || s.format() == LogFormat.ZEEK_CONN_JSON;
        boolean splitRecords = s.format() == LogFormat.ARGUS_BINETFLOW;
        return new Iterator<>() {
            private final FlowBatch batch = new FlowBatch();
            private int i;
            private boolean done;

            @Override
            public boolean hasNext() {
                while (!done && i >= batch.size()) {
                    try {
                        batch.clear();
                        i = 0;
                        boolean more = r.fill(batch);
                        names.join(batch, 0, batch.size());
                        if (!more) {
                            done = true;
                            reports.add(new SplitReport(s.file(), s.split(), s.name(), s.format(), r.recordsRead(),
                                    r.problems().skipped(), new ArrayList<>(r.problems().examples()),
                                    r.problems().truncation() != null));
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
                return row(batch, i++, s, zeek, splitRecords);
            }
        };
    }

    private static Row row(FlowBatch b, int i, InputSplit s, boolean zeek, boolean splitRecords) {
        long sh = b.srcHi[i], sl = b.srcLo[i], dh = b.dstHi[i], dl = b.dstLo[i];
        String name = b.serverName[i];
        String kName = null;
        long kdh = dh, kdl = dl;
        int kMeta = ((b.dstPort[i] & 0xffff) << 8) | (b.proto[i] & 0xff) | (b.dstPort[i] < 0 ? 1 << 24 : 0);
        if (name != null && !name.isEmpty() && !"-".equals(name)) {
            kName = name.toLowerCase(Locale.ROOT);
            kdh = 0;
            kdl = 0;
            kMeta = -1;
        }
        String uid = zeek ? b.uid[i] : null;
        return RowFactory.create(sh, sl, kName, kdh, kdl, kMeta, s.file(), s.split(), b.line[i],
                sh, sl, dh, dl, b.srcPort[i], b.dstPort[i], b.proto[i], b.nameSource[i], name, b.ts[i], b.duration[i],
                b.origBytes[i], b.respBytes[i], b.label[i], b.detailedLabel[i], uid == null ? 0L : hash64(uid),
                splitRecords);
    }

    /** 64-bit FNV-1a of a uid (0 is kept for "no uid"). */
    static long hash64(String s) {
        long h = 0xcbf29ce484222325L;
        for (int k = 0; k < s.length(); k++) {
            h ^= s.charAt(k);
            h *= 0x100000001b3L;
        }
        return h == 0 ? 1 : h;
    }
}
