package org.beaconwatch.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.io.ErrorPolicy;
import org.beaconwatch.io.FileDigest;
import org.beaconwatch.io.FileReport;
import org.beaconwatch.io.FlowInputs;
import org.beaconwatch.io.FlowSource;
import org.beaconwatch.io.InputDuplicates;
import org.beaconwatch.io.LogFormat;
import org.beaconwatch.io.MalformedRecordException;
import org.beaconwatch.io.ReadOptions;

/**
 * Expands the inputs (any Hadoop file system URI: local paths, {@code file://}, {@code hdfs://},
 * {@code s3a://}) into files in detect's order (directories recursively, entries in name order,
 * hidden files skipped) and detects each file's format with core's own detector, run on the
 * file's first 64 KiB (decompressed) copied to a local temporary file: the detector reads no more
 * than that, so the decision is the one {@code detect} makes. Large uncompressed Zeek TSV files are
 * cut into byte ranges read by separate tasks.
 */
final class SparkInputs {
    static final int PREFIX = 1 << 16;

    private SparkInputs() {
    }

    /**
     * Files found, with their splits; companion logs come first with split -1. {@code notes}:
     * a report for every input left out because its content was already given.
     */
    record Listing(List<InputSplit> companions, List<InputSplit> flowSplits, List<String> fileNames,
                   List<FileReport> notes) {
    }

    static Listing list(List<String> inputs, Configuration conf, ReadOptions options, long splitBytes)
            throws IOException {
        if (inputs.isEmpty()) {
            throw new MalformedRecordException("(no input)", 0, "no input files given");
        }
        List<Found> found = new ArrayList<>();
        for (String input : inputs) {
            Path p = new Path(input);
            FileSystem fs = p.getFileSystem(conf);
            if (!fs.exists(p)) {
                throw new MalformedRecordException(input, 0, "no such file or directory");
            }
            FileStatus st = fs.getFileStatus(p);
            if (st.isDirectory()) {
                int before = found.size();
                int[] looked = new int[1];
                walk(fs, p, input, options, found, looked);
                if (found.size() == before) {
                    throw new MalformedRecordException(input, 0, "directory has no logs Beaconwatch reads ("
                            + looked[0] + (looked[0] == 1 ? " file" : " files") + " looked at)");
                }
            } else {
                boolean[] compressed = new boolean[1];
                LogFormat f = detect(fs, st, input, options, true, compressed);
                Found one = new Found(st, input, f);
                one.compressed = compressed[0];
                found.add(one);
            }
        }
        List<FileReport> notes = new ArrayList<>();
        found = readOnce(found, conf, notes);
        List<InputSplit> companions = new ArrayList<>();
        List<InputSplit> flows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        // companion logs are read first, as detect does
        for (Found f : found) {
            if (f.format.isCompanion()) {
                companions.add(new InputSplit(names.size(), -1, f.status.getPath().toString(), f.name, f.format, 0, -1));
                names.add(f.name);
            }
        }
        for (Found f : found) {
            if (f.format.isCompanion() || f.format == LogFormat.ZEEK_OTHER) {
                continue;
            }
            int idx = names.size();
            names.add(f.name);
            String uri = f.status.getPath().toString();
            long len = f.status.getLen();
            if (f.format == LogFormat.ZEEK_CONN_TSV && !f.compressed && len > splitBytes) {
                int k = 0;
                for (long s = 0; s < len; s += splitBytes, k++) {
                    flows.add(new InputSplit(idx, k, uri, f.name, f.format, s, Math.min(len, s + splitBytes)));
                }
            } else {
                flows.add(new InputSplit(idx, 0, uri, f.name, f.format, 0, -1));
            }
        }
        return new Listing(companions, flows, names, notes);
    }

    /**
     * Each content once, as detect reads its inputs (core's InputDuplicates, on Hadoop file
     * systems): the same file reached twice is recognised by its qualified path, other files of
     * equal size by the SHA-256 of their stored bytes; a report with a note for each left out.
     */
    static List<Found> readOnce(List<Found> files, Configuration conf, List<FileReport> notes) throws IOException {
        if (files.size() < 2) {
            return files;
        }
        List<InputDuplicates.Candidate> candidates = new ArrayList<>(files.size());
        for (Found f : files) {
            candidates.add(new InputDuplicates.Candidate() {
                @Override
                public String name() {
                    return f.name;
                }

                @Override
                public long size() {
                    return f.status.getLen();
                }

                @Override
                public String identity() {
                    return f.status.getPath().toString();
                }

                @Override
                public String digest() throws IOException {
                    Path p = f.status.getPath();
                    try (InputStream in = p.getFileSystem(conf).open(p)) {
                        return FileDigest.sha256(in);
                    }
                }
            });
        }
        String[] sameAs = InputDuplicates.sameAs(candidates);
        List<Found> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Found f = files.get(i);
            if (sameAs[i] != null) {
                notes.add(new FileReport(f.name, f.format, 0, 0, List.of(), false,
                        List.of(InputDuplicates.note(f.name, sameAs[i]))));
            } else {
                out.add(f);
            }
        }
        return out;
    }

    private static final class Found {
        final FileStatus status;
        final String name;
        final LogFormat format;
        boolean compressed;

        Found(FileStatus status, String name, LogFormat format) {
            this.status = status;
            this.name = name;
            this.format = format;
        }
    }

    private static void walk(FileSystem fs, Path dir, String name, ReadOptions options, List<Found> out, int[] looked)
            throws IOException {
        FileStatus[] entries = fs.listStatus(dir);
        Arrays.sort(entries, Comparator.comparing((FileStatus e) -> e.getPath().getName()));
        for (FileStatus e : entries) {
            String fn = e.getPath().getName();
            if (fn.startsWith(".") || fn.startsWith("_")) {
                continue;
            }
            String childName = name.endsWith("/") ? name + fn : name + "/" + fn;
            if (e.isDirectory()) {
                walk(fs, e.getPath(), childName, options, out, looked);
            } else if (e.isFile()) {
                looked[0]++;
                boolean[] compressed = new boolean[1];
                LogFormat f = detect(fs, e, childName, options, false, compressed);
                if (f != null && f != LogFormat.ZEEK_OTHER) {
                    Found one = new Found(e, childName, f);
                    one.compressed = compressed[0];
                    out.add(one);
                }
            }
        }
    }

    /** Whether the stream starts with a zip local file header (PK 3 4), as core recognises archives. */
    private static boolean isZip(InputStream in) throws IOException {
        in.mark(4);
        byte[] m = in.readNBytes(4);
        in.reset();
        return m.length == 4 && m[0] == 'P' && m[1] == 'K' && m[2] == 3 && m[3] == 4;
    }

    /** Core's detection on the first 64 KiB; null (inside a directory) or an exception for no log. */
    private static LogFormat detect(FileSystem fs, FileStatus st, String name, ReadOptions options, boolean explicit,
                                    boolean[] compressed) throws IOException {
        java.nio.file.Path tmp = Files.createTempFile("beaconwatch-spark-detect", ".log");
        try {
            boolean more;
            try (InputStream raw = fs.open(st.getPath())) {
                Streams.Opened o = Streams.decompress(raw);
                if (o.compression() == null && isZip(o.in())) {
                    throw new MalformedRecordException(name, 0, "a zip archive: the Spark job does not read inside "
                            + "zip archives; unzip it onto the file system (beaconwatch detect reads it as it is)");
                }
                compressed[0] = o.compression() != null;
                byte[] prefix = o.in().readNBytes(PREFIX);
                more = o.in().read() >= 0;
                int n = prefix.length;
                if (more) {
                    int lastNl = n - 1;
                    while (lastNl >= 0 && prefix[lastNl] != '\n') {
                        lastNl--;
                    }
                    n = lastNl + 1 > 0 ? lastNl + 1 : n;
                }
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    out.write(prefix, 0, n);
                }
            }
            if (st.getLen() == 0) {
                if (explicit) {
                    throw new MalformedRecordException(name, 0, "file is empty");
                }
                return null;
            }
            ReadOptions lenient = options.withErrorPolicy(ErrorPolicy.SKIP);
            try (FlowSource s = FlowInputs.open(List.of(tmp), lenient)) {
                FlowBatch b = new FlowBatch();
                while (s.read(b)) {
                    // read the prefix to the end: the last report is the file's
                }
                List<FileReport> reports = s.reports();
                return reports.isEmpty() ? null : reports.get(reports.size() - 1).format();
            } catch (MalformedRecordException e) {
                if (explicit) {
                    throw new MalformedRecordException(name, 0, e.reason());
                }
                return null;
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
