package org.beaconwatch.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.beaconwatch.io.spi.DnsIndex;
import org.beaconwatch.io.spi.FormatReader;
import org.beaconwatch.io.spi.LineSource;
import org.beaconwatch.io.spi.Problems;
import org.beaconwatch.io.spi.ServerNames;

/**
 * Entry point for reading: opens files and directories (recursively, Zeek's rotated
 * {@code YYYY-MM-DD/conn.HH:MM:SS-HH:MM:SS.log.gz} layout included), detects each file's format
 * from its content, reads gzip, zstd, bzip2 and xz transparently and each log inside a zip archive
 * (named {@code archive.zip!/conn.log}), reads each distinct content once (see
 * {@link InputDuplicates}), joins Zeek companion logs (ssl/http) to
 * connections by uid, indexes dns.log answers, and returns one {@link FlowSource} over all flows.
 *
 * <p>Formats: Zeek conn.log TSV (also Stratosphere labelled and IoT-23 variants) and JSON lines,
 * Zeek ssl/http/dns companions, Argus binetflow (comma or tab), CSV with a column map or a built-in
 * profile (see {@link LogFormat}). Bad records follow {@link ReadOptions#errorPolicy()}; every
 * skipped record and every truncated file shows in {@link FlowSource#reports()}.
 *
 * <p>Directories are walked in name order (so rotated logs come in time order). Inside a
 * directory, files that are not logs Beaconwatch reads (README, pcap, empty or binary files, Zeek
 * logs of other types, hidden files) are skipped silently; a file named explicitly must be
 * readable, else {@link #open} throws. Companion logs (ssl.log, http.log, dns.log) are read first,
 * during {@code open}, and enrich the connection logs of the same call.
 */
public final class FlowInputs {
    private FlowInputs() {
    }

    /**
     * One input file with its detected format; {@code entry} names the file inside a zip archive
     * {@code path} (null for a plain file), and {@code name} is then {@code archive.zip!/entry}.
     */
    record InputFile(Path path, String entry, String name, LogFormat format, String compression) {
        InputFile(Path path, String name, LogFormat format, String compression) {
            this(path, null, name, format, compression);
        }

        /** Opens the (decompressed) content. */
        Decompression.Opened open() throws IOException {
            return entry == null ? Decompression.open(path) : Decompression.openEntry(path, entry);
        }
    }

    /**
     * Opens the inputs for streaming.
     *
     * @param inputs  files and directories, in the order given
     * @param options reading options
     * @return a source over all flows; close it when done
     * @throws MalformedRecordException when an input is missing, empty, of an unknown format, or
     *                                  a directory holds no logs (a one-line reason)
     */
    public static FlowSource open(List<Path> inputs, ReadOptions options) throws IOException {
        return open(inputs, options, 1);
    }

    /**
     * Opens the inputs for streaming with {@code readers} threads parsing ahead of the caller
     * (large plain Zeek TSV files in byte ranges, compressed files decompressed on a thread of
     * their own, several files at once); the rows, their order and every report equal those of a
     * sequential read. Take batches with {@link FlowSource#next()} to avoid copying them.
     */
    public static FlowSource open(List<Path> inputs, ReadOptions options, int readers) throws IOException {
        return open(inputs, options, readers, ReadAhead.DEFAULT_RANGE_BYTES);
    }

    /**
     * As {@link #open(List, ReadOptions, int)}, handing every dns.log query record to
     * {@code queries} while dns.log is read for its answers (so it is read once).
     */
    public static FlowSource open(List<Path> inputs, ReadOptions options, int readers, DnsQueries queries)
            throws IOException {
        return open(inputs, options, readers, ReadAhead.DEFAULT_RANGE_BYTES, queries);
    }

    /** As {@link #open(List, ReadOptions, int)} with the byte range per parsing task given (tests). */
    static FlowSource open(List<Path> inputs, ReadOptions options, int readers, long rangeBytes) throws IOException {
        return open(inputs, options, readers, rangeBytes, null);
    }

    private static FlowSource open(List<Path> inputs, ReadOptions options, int readers, long rangeBytes,
                                   DnsQueries queries) throws IOException {
        List<InputFile> resolved = resolve(inputs, options);
        List<FileReport> companionReports = new ArrayList<>();
        List<InputFile> files = InputDuplicates.readOnce(resolved, companionReports);
        ServerNames names = new ServerNames();
        DnsIndex dns = new DnsIndex(queries);
        ClientSignatures clients = new ClientSignatures();
        List<InputFile> flows = new ArrayList<>();
        for (InputFile f : files) {
            if (f.format().isCompanion()) {
                companionReports.add(readCompanion(f, options, names, dns, clients));
            } else {
                flows.add(f);
            }
        }
        return new MultiFileSource(flows, options, names, dns, companionReports, readers, rangeBytes)
                .withClientSignatures(clients);
    }

    /** Expands the inputs into files with detected formats; throws for unusable explicit inputs. */
    static List<InputFile> resolve(List<Path> inputs, ReadOptions options) throws IOException {
        if (inputs.isEmpty()) {
            throw new MalformedRecordException("(no input)", 0, "no input files given");
        }
        List<InputFile> out = new ArrayList<>();
        for (Path p : inputs) {
            String name = p.toString();
            if (!Files.exists(p)) {
                throw new MalformedRecordException(name, 0, "no such file or directory");
            }
            if (Files.isDirectory(p)) {
                int before = out.size();
                int[] looked = new int[1];
                walk(p, name, options, out, looked);
                if (out.size() == before) {
                    throw new MalformedRecordException(name, 0, "directory has no logs Beaconwatch reads ("
                            + looked[0] + (looked[0] == 1 ? " file" : " files") + " looked at)");
                }
            } else {
                if (!Files.isReadable(p)) {
                    throw new MalformedRecordException(name, 0, "file is not readable");
                }
                if (Decompression.isZip(p)) {
                    int before = out.size();
                    int looked = zip(p, name, options, out);
                    if (out.size() == before) {
                        throw new MalformedRecordException(name, 0, "zip archive has no logs Beaconwatch reads ("
                                + looked + (looked == 1 ? " entry" : " entries") + " looked at)");
                    }
                    continue;
                }
                FormatDetector.Detected d = FormatDetector.detect(p, options.columnMap());
                if (d.format() == null) {
                    throw new MalformedRecordException(name, 0, d.problem());
                }
                out.add(new InputFile(p, name, d.format(), d.compression()));
            }
        }
        return out;
    }

    private static void walk(Path dir, String name, ReadOptions options, List<InputFile> out, int[] looked)
            throws IOException {
        List<Path> entries = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(entries::add);
        }
        entries.sort(Comparator.comparing(e -> e.getFileName().toString()));
        for (Path e : entries) {
            String fn = e.getFileName().toString();
            if (fn.startsWith(".")) {
                continue;
            }
            String childName = name.endsWith("/") ? name + fn : name + "/" + fn;
            if (Files.isDirectory(e)) {
                walk(e, childName, options, out, looked);
            } else if (Files.isRegularFile(e) && Files.isReadable(e)) {
                looked[0]++;
                if (Decompression.isZip(e)) {
                    zip(e, childName, options, out);
                    continue;
                }
                FormatDetector.Detected d = FormatDetector.detect(e, options.columnMap());
                if (d.format() != null && d.format() != LogFormat.ZEEK_OTHER) {
                    out.add(new InputFile(e, childName, d.format(), d.compression()));
                }
            }
        }
    }

    /**
     * Adds each entry of a zip archive that is a log Beaconwatch reads, in entry-name order, named
     * {@code archive.zip!/entry}; other entries (directories, hidden or macOS resource files,
     * Zeek logs of other types, non-logs) are passed over as in a directory. Returns the number of
     * file entries looked at.
     */
    private static int zip(Path zip, String name, ReadOptions options, List<InputFile> out) throws IOException {
        List<String> entries = new ArrayList<>();
        try (java.util.zip.ZipFile zf = new java.util.zip.ZipFile(zip.toFile())) {
            java.util.Enumeration<? extends java.util.zip.ZipEntry> en = zf.entries();
            while (en.hasMoreElements()) {
                java.util.zip.ZipEntry e = en.nextElement();
                String en1 = e.getName();
                String base = en1.substring(en1.lastIndexOf('/') + 1);
                if (!e.isDirectory() && !base.startsWith(".") && !en1.startsWith("__MACOSX/")) {
                    entries.add(en1);
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new MalformedRecordException(name, 0, "unreadable zip archive: " + e.getMessage());
        }
        entries.sort(null);
        for (String e : entries) {
            FormatDetector.Detected d = FormatDetector.detect(Decompression.openEntry(zip, e), options.columnMap());
            if (d.format() != null && d.format() != LogFormat.ZEEK_OTHER) {
                out.add(new InputFile(zip, e, name + "!/" + e, d.format(), d.compression()));
            }
        }
        return entries.size();
    }

    private static FileReport readCompanion(InputFile f, ReadOptions o, ServerNames names, DnsIndex dns,
                                            ClientSignatures clients) throws IOException {
        Problems problems = new Problems(f.name(), o.errorPolicy(), o.maxExamples());
        Decompression.Opened op = f.open();
        try (InputStream in = op.in()) {
            LineSource lines = new LineSource(in, o.maxLineBytes(), op.compression());
            long n = org.beaconwatch.io.zeek.ZeekCompanions.read(f.format(), lines, problems, names, dns, clients);
            return new FileReport(f.name(), f.format(), n, problems.skipped(), problems.examples(),
                    problems.truncation() != null);
        }
    }

    /** Opens the reader for one flow file. */
    static FormatReader reader(InputFile f, ReadOptions o, InputStream in, String compression) throws IOException {
        return reader(f, o, in, compression, new Problems(f.name(), o.errorPolicy(), o.maxExamples()));
    }

    /** Opens the reader for one flow file (or a byte range of it) reporting to {@code problems}. */
    static FormatReader reader(InputFile f, ReadOptions o, InputStream in, String compression, Problems problems)
            throws IOException {
        LogFormat format = f.format();
        if (format == LogFormat.CSV_BEACON_EVENTS || format == LogFormat.CSV_NSL_KDD || format == LogFormat.CSV_FLOWS
                || format == LogFormat.CSV_MAPPED) {
            return new org.beaconwatch.io.csv.CsvFlowReader(in, compression, format, o.columnMap(), problems,
                    o.maxLineBytes());
        }
        LineSource lines = new LineSource(in, o.maxLineBytes(), compression);
        return switch (format) {
            case ZEEK_CONN_TSV -> new org.beaconwatch.io.zeek.ZeekTsvReader(lines, problems, o.uidText());
            case ZEEK_CONN_JSON -> new org.beaconwatch.io.zeek.ZeekJsonReader(lines, problems);
            case ARGUS_BINETFLOW -> new org.beaconwatch.io.argus.BinetflowReader(lines, problems);
            case ZEEK_OTHER -> new EmptyReader(problems);
            default -> throw new MalformedRecordException(f.name(), 0, "no reader yet for " + format.description());
        };
    }

    /** Reader of a file that yields no flows (a Zeek log of another type named explicitly). */
    static final class EmptyReader implements FormatReader {
        private final Problems problems;

        EmptyReader(Problems problems) {
            this.problems = problems;
        }

        @Override
        public boolean fill(org.beaconwatch.flow.FlowBatch batch) {
            return false;
        }

        @Override
        public long recordsRead() {
            return 0;
        }

        @Override
        public Problems problems() {
            return problems;
        }

        @Override
        public void close() {
        }
    }
}
