package org.beaconwatch.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The inputs of the shared real data ({@code ../shared/data}, system property
 * {@code beaconwatch.data}) for tests that run over all of it: each capture's folder, then each of
 * its files in a format the readers know. Skips the test when the data is not there.
 */
final class SharedDataInputs {
    private SharedDataInputs() {
    }

    /** Every folder and every readable file, each as a one-element input list, folders first per capture. */
    static List<List<Path>> foldersAndFiles() throws IOException {
        String dir = System.getProperty("beaconwatch.data");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)),
                "shared data folder not available (system property beaconwatch.data); skipping real-data test");
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            s.filter(Files::isDirectory).sorted().forEach(folders::add);
        }
        List<List<Path>> out = new ArrayList<>();
        for (Path d : folders) {
            out.add(List.of(d));
            try (Stream<Path> s = Files.list(d)) {
                for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                    if (FormatDetector.detect(f, java.util.Map.of()).format() != null) {
                        out.add(List.of(f));
                    }
                }
            }
        }
        return out;
    }

    /**
     * A Zeek TSV log cut into its first header block and its rows (later header blocks dropped),
     * for tests that write rotated parts of it.
     */
    record ZeekLines(List<String> header, List<String> rows) {
        static ZeekLines of(Path log) throws IOException {
            List<String> header = new ArrayList<>();
            List<String> rows = new ArrayList<>();
            for (String l : Files.readAllLines(log, java.nio.charset.StandardCharsets.UTF_8)) {
                if (l.startsWith("#")) {
                    if (rows.isEmpty()) {
                        header.add(l);
                    }
                } else {
                    rows.add(l);
                }
            }
            return new ZeekLines(header, rows);
        }
    }

    /** How many of {@link #foldersAndFiles()} are files. */
    static long files(List<List<Path>> inputs) {
        return inputs.stream().filter(i -> Files.isRegularFile(i.get(0))).count();
    }
}
