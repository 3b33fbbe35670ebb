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

    /** How many of {@link #foldersAndFiles()} are files. */
    static long files(List<List<Path>> inputs) {
        return inputs.stream().filter(i -> Files.isRegularFile(i.get(0))).count();
    }
}
