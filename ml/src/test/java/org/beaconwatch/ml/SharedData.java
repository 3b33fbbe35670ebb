package org.beaconwatch.ml;

import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.Assumptions;

/** Locates shared data files for tests; skips the test with a message when they are absent. */
public final class SharedData {
    private SharedData() {
    }

    /** The shared data file, or skips the test with a message. */
    public static Path data(String relative) {
        String d = System.getProperty("beaconwatch.data");
        Assumptions.assumeThat(d).as("system property beaconwatch.data (shared data folder) is not set").isNotNull();
        Path p = Path.of(d).resolve(relative);
        Assumptions.assumeThat(Files.isRegularFile(p)).as("shared data file " + p + " is absent").isTrue();
        return p;
    }

    /** A shared data folder (a capture of several logs), or skips the test with a message. */
    public static Path folder(String relative) {
        String d = System.getProperty("beaconwatch.data");
        Assumptions.assumeThat(d).as("system property beaconwatch.data (shared data folder) is not set").isNotNull();
        Path p = Path.of(d).resolve(relative);
        Assumptions.assumeThat(Files.isDirectory(p)).as("shared data folder " + p + " is absent").isTrue();
        return p;
    }
}
