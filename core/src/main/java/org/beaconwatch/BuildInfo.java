package org.beaconwatch;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The tool's version, for --version and provenance records. */
public final class BuildInfo {
    private static final String VERSION = load();

    private BuildInfo() {
    }

    /** The Beaconwatch version, e.g. "0.1.0-SNAPSHOT". */
    public static String version() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
