package org.beaconwatch.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.beaconwatch.BuildInfo;

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
        for (Path in : inputs) {
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(in)) {
                try (Stream<Path> s = Files.walk(in)) {
                    s.filter(Files::isRegularFile).sorted().forEach(files::add);
                } catch (IOException e) {
                    continue;
                }
            } else if (Files.isRegularFile(in)) {
                files.add(in);
            }
            for (Path f : files) {
                try {
                    out.add(new String[] {f.toString(), Long.toString(Files.size(f)), sha256(f)});
                } catch (IOException e) {
                    out.add(new String[] {f.toString(), "", "unreadable: " + e.getMessage()});
                }
            }
        }
        return out;
    }

    static String sha256(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
