package org.beaconwatch.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.beaconwatch.io.FileDigest;
import org.beaconwatch.io.FileReport;
import org.beaconwatch.output.AtomicOutput;
import org.beaconwatch.output.Provenance;

/**
 * Makes the {@link Provenance} of a run: the SHA-256 of every input file is computed on a
 * background thread while the analysis runs, and the record lists only the files the run actually
 * read. Also writes it beside a findings file ({@code FILE.meta.json}).
 */
final class ProvenanceRecorder {
    private final CompletableFuture<List<Provenance.Input>> digests;

    private ProvenanceRecorder(CompletableFuture<List<Provenance.Input>> digests) {
        this.digests = digests;
    }

    static ProvenanceRecorder start(List<Path> inputs) {
        return new ProvenanceRecorder(CompletableFuture.supplyAsync(() -> digestAll(inputs)));
    }

    private static List<Provenance.Input> digestAll(List<Path> inputs) {
        List<Provenance.Input> out = new ArrayList<>();
        List<Path> files;
        try {
            files = FileDigest.files(inputs);
        } catch (IOException e) {
            return out;
        }
        for (Path f : files) {
            try {
                out.add(Provenance.Input.of(f));
            } catch (IOException e) {
                out.add(new Provenance.Input(f.toString(), -1, "unreadable: " + e.getMessage()));
            }
        }
        return out;
    }

    /** The record of this run, made now: only the files it read ({@code reports}) are its inputs. */
    Provenance record(String command, String options, List<FileReport> reports) {
        Set<Path> read = read(reports);
        List<Provenance.Input> in = new ArrayList<>();
        for (Provenance.Input e : digests.join()) {
            if (read.contains(key(e.path()))) {
                in.add(e);
            }
        }
        return Provenance.of(command, options, in);
    }

    /**
     * Writes the record atomically as JSON, with run counts (e.g. findings suppressed by verdict).
     * Other files found in input folders (READMEs, label files, logs of other types, hidden files)
     * are listed under "skipped" with the reason.
     */
    void write(Path file, Provenance record, List<FileReport> reports, Map<String, Long> counts) throws IOException {
        Set<Path> read = read(reports);
        List<Provenance.Input> all = digests.join();
        JsonFactory factory = new JsonFactory();
        AtomicOutput.write(file, out -> {
            try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
                g.useDefaultPrettyPrinter();
                g.writeStartObject();
                g.writeStringField("tool", record.tool());
                g.writeStringField("version", record.version());
                g.writeStringField("command", record.command());
                g.writeStringField("options", record.options());
                g.writeStringField("created", record.created());
                if (!counts.isEmpty()) {
                    g.writeObjectFieldStart("counts");
                    for (Map.Entry<String, Long> c : new TreeMap<>(counts).entrySet()) {
                        g.writeNumberField(c.getKey(), c.getValue());
                    }
                    g.writeEndObject();
                }
                g.writeArrayFieldStart("inputs");
                for (Provenance.Input e : record.inputs()) {
                    g.writeStartObject();
                    g.writeStringField("file", e.path());
                    if (e.bytes() >= 0) {
                        g.writeNumberField("bytes", e.bytes());
                    }
                    g.writeStringField("sha256", e.sha256());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("skipped");
                for (Provenance.Input e : all) {
                    if (read.contains(key(e.path()))) {
                        continue;
                    }
                    g.writeStartObject();
                    g.writeStringField("file", e.path());
                    g.writeStringField("reason", skipReason(Path.of(e.path())));
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        });
    }

    private static Set<Path> read(List<FileReport> reports) {
        Set<Path> read = new HashSet<>();
        for (FileReport r : reports) {
            read.add(key(r.file()));
        }
        return read;
    }

    private static Path key(String file) {
        return Path.of(file).toAbsolutePath().normalize();
    }

    /** Why the reader passed over a file found in an input folder. */
    static String skipReason(Path f) {
        for (Path part : f) {
            if (part.toString().startsWith(".") && !part.toString().equals(".") && !part.toString().equals("..")) {
                return "hidden file";
            }
        }
        if (!Files.isReadable(f)) {
            return "not readable";
        }
        return "not a log Beaconwatch reads (unknown format, or a Zeek log of another type)";
    }
}
