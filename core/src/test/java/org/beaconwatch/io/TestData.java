package org.beaconwatch.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.beaconwatch.flow.Flow;
import org.beaconwatch.flow.FlowBatch;

/** Helpers for reader tests: the shared data folder, fixtures, reading everything. */
final class TestData {
    private TestData() {
    }

    /** A file in the shared data folder; skips the test when the folder is absent. */
    static Path shared(String relative) {
        String dir = System.getProperty("beaconwatch.data");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)),
                "shared data folder not available (system property beaconwatch.data); skipping real-data test");
        Path p = Path.of(dir).resolve(relative);
        assumeTrue(Files.exists(p), "shared data file missing: " + p);
        return p;
    }

    /** A fixture under src/test/resources/io. */
    static Path fixture(String name) {
        URL u = TestData.class.getResource("/io/" + name);
        if (u == null) {
            throw new IllegalArgumentException("no fixture " + name);
        }
        try {
            return Path.of(u.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Everything read from the inputs. */
    record Result(List<Flow> flows, List<FileReport> reports, FlowSource source) {
        long count(Function<Flow, String> key, String value) {
            long n = 0;
            for (Flow f : flows) {
                if (value == null ? key.apply(f) == null : value.equals(key.apply(f))) {
                    n++;
                }
            }
            return n;
        }

        Map<String, Long> histogram(Function<Flow, String> key) {
            Map<String, Long> m = new TreeMap<>();
            for (Flow f : flows) {
                m.merge(String.valueOf(key.apply(f)), 1L, Long::sum);
            }
            return m;
        }
    }

    static Result readAll(ReadOptions o, Path... inputs) throws IOException {
        List<Flow> flows = new ArrayList<>();
        try (FlowSource s = FlowInputs.open(List.of(inputs), o)) {
            FlowBatch b = new FlowBatch(1000);
            while (s.read(b)) {
                for (int i = 0; i < b.size(); i++) {
                    flows.add(b.get(i));
                }
            }
            return new Result(flows, s.reports(), s);
        }
    }

    static Result readAll(Path... inputs) throws IOException {
        return readAll(ReadOptions.defaults(), inputs);
    }

    static Path write(Path dir, String name, String content) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content, StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path gzip(Path dir, String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(content);
        }
        return p;
    }
}
