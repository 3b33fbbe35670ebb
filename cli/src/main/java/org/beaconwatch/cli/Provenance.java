package org.beaconwatch.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.beaconwatch.BuildInfo;
import org.beaconwatch.io.FileDigest;
import org.beaconwatch.io.FileReport;
import org.beaconwatch.output.AtomicOutput;

/**
 * Records where a findings file came from: tool version, command, options and the SHA-256 of
 * every input file. Digests are computed on a background thread while the analysis runs.
 */
final class Provenance {
    private final CompletableFuture<List<String[]>> digests;

    private Provenance(CompletableFuture<List<String[]>> digests) {
        this.digests = digests;
    }

    static Provenance start(List<Path> inputs) {
        return new Provenance(CompletableFuture.supplyAsync(() -> digestAll(inputs)));
    }

    private static List<String[]> digestAll(List<Path> inputs) {
        List<String[]> out = new ArrayList<>();
        List<Path> files;
        try {
            files = FileDigest.files(inputs);
        } catch (IOException e) {
            return out;
        }
        for (Path f : files) {
            try {
                out.add(new String[] {f.toString(), Long.toString(Files.size(f)), FileDigest.sha256(f)});
            } catch (IOException e) {
                out.add(new String[] {f.toString(), "", "unreadable: " + e.getMessage()});
            }
        }
        return out;
    }

    /**
     * Writes the record atomically. {@code reports} are the per-file reports of the run: only the
     * files it actually read are listed as inputs; other files found in input folders (READMEs, label
     * files, logs of other types, hidden files) are listed under "skipped" with the reason.
     */
    void write(Path file, String command, String options, List<FileReport> reports) throws IOException {
        write(file, command, options, reports, java.util.Map.of());
    }

    /** Input files actually read, each as {path, bytes, sha256}. */
    List<String[]> inputs(List<FileReport> reports) {
        Set<Path> read = new HashSet<>();
        for (FileReport r : reports) {
            read.add(key(r.file()));
        }
        List<String[]> out = new ArrayList<>();
        for (String[] e : digests.join()) {
            if (read.contains(key(e[0]))) {
                out.add(e);
            }
        }
        return out;
    }

    /** As {@link #write(Path, String, String, List)}, with run counts (e.g. findings suppressed by verdict). */
    void write(Path file, String command, String options, List<FileReport> reports, java.util.Map<String, Long> counts)
            throws IOException {
        List<String[]> d = digests.join();
        Set<Path> read = new HashSet<>();
        for (FileReport r : reports) {
            read.add(key(r.file()));
        }
        JsonFactory factory = new JsonFactory();
        AtomicOutput.write(file, out -> {
            try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
                g.useDefaultPrettyPrinter();
                g.writeStartObject();
                g.writeStringField("tool", "beaconwatch");
                g.writeStringField("version", BuildInfo.version());
                g.writeStringField("command", command);
                g.writeStringField("options", options);
                g.writeStringField("created", Instant.now().toString());
                if (!counts.isEmpty()) {
                    g.writeObjectFieldStart("counts");
                    for (java.util.Map.Entry<String, Long> c : new java.util.TreeMap<>(counts).entrySet()) {
                        g.writeNumberField(c.getKey(), c.getValue());
                    }
                    g.writeEndObject();
                }
                g.writeArrayFieldStart("inputs");
                for (String[] e : d) {
                    if (!read.contains(key(e[0]))) {
                        continue;
                    }
                    g.writeStartObject();
                    g.writeStringField("file", e[0]);
                    if (!e[1].isEmpty()) {
                        g.writeNumberField("bytes", Long.parseLong(e[1]));
                    }
                    g.writeStringField("sha256", e[2]);
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("skipped");
                for (String[] e : d) {
                    if (read.contains(key(e[0]))) {
                        continue;
                    }
                    g.writeStartObject();
                    g.writeStringField("file", e[0]);
                    g.writeStringField("reason", skipReason(Path.of(e[0])));
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        });
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
