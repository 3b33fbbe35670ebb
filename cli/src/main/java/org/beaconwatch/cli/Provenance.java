package org.beaconwatch.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.beaconwatch.BuildInfo;
import org.beaconwatch.io.FileDigest;

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

    void write(Path file, String command, String options) throws IOException {
        List<String[]> d = digests.join();
        try (JsonGenerator g = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("tool", "beaconwatch");
            g.writeStringField("version", BuildInfo.version());
            g.writeStringField("command", command);
            g.writeStringField("options", options);
            g.writeStringField("created", Instant.now().toString());
            g.writeArrayFieldStart("inputs");
            for (String[] e : d) {
                g.writeStartObject();
                g.writeStringField("file", e[0]);
                if (!e[1].isEmpty()) {
                    g.writeNumberField("bytes", Long.parseLong(e[1]));
                }
                g.writeStringField("sha256", e[2]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }
}
