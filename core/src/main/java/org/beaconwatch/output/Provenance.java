package org.beaconwatch.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.beaconwatch.BuildInfo;
import org.beaconwatch.io.FileDigest;

/**
 * Where an output came from: the tool and its real build version (read from the jar's filtered
 * {@code build.properties}, never typed in), the command and options as given, when it ran and
 * every input file with its size and SHA-256. The one provenance record of the product: reports
 * print it in their header and footer, findings files write it beside them ({@code .meta.json}),
 * and a model file's own provenance maps to it.
 *
 * @param tool    "beaconwatch"
 * @param version the build's version ({@link BuildInfo#version()})
 * @param command the subcommand ("detect", "explore", "train", ...)
 * @param options the options as given, in one line
 * @param created when the output was made (ISO-8601 UTC, whole seconds), or "" when not recorded
 * @param inputs  input files read, with size and SHA-256
 */
public record Provenance(String tool, String version, String command, String options, String created,
                         List<Input> inputs) {
    /** The tool name every record carries. */
    public static final String TOOL = "beaconwatch";

    public Provenance {
        created = created == null ? "" : created;
        inputs = List.copyOf(inputs);
    }

    /**
     * One input file.
     *
     * @param path   the file as named to the user
     * @param bytes  its size, or -1 when unknown
     * @param sha256 lower-case hex SHA-256 of its bytes
     */
    public record Input(String path, long bytes, String sha256) {
        /** Digests one file. */
        public static Input of(Path file) throws IOException {
            return new Input(file.toString(), Files.size(file), FileDigest.sha256(file));
        }
    }

    /** A record for this build, made now. */
    public static Provenance of(String command, String options, List<Input> inputs) {
        return new Provenance(TOOL, BuildInfo.version(), command, options,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), inputs);
    }

    /**
     * Digests every regular file among {@code files} (a folder stands for every regular file inside
     * it, sorted); other names (streams such as "-") are skipped.
     */
    public static List<Input> digest(List<Path> files) throws IOException {
        List<Input> out = new ArrayList<>();
        for (Path p : FileDigest.files(files)) {
            if (Files.isRegularFile(p)) {
                out.add(Input.of(p));
            }
        }
        return out;
    }

    /** As {@link #digest(List)}, for file names given as text. */
    public static List<Input> digestNames(List<String> files) throws IOException {
        List<Path> paths = new ArrayList<>();
        for (String f : files) {
            paths.add(Path.of(f));
        }
        return digest(paths);
    }

    /** "beaconwatch 0.1.0 explore": tool, version and command, for page headers. */
    public String label() {
        return tool + " " + version + (command == null || command.isEmpty() ? "" : " " + command);
    }

    /** A copy with other inputs (e.g. only the files a run actually read). */
    public Provenance withInputs(List<Input> read) {
        return new Provenance(tool, version, command, options, created, read);
    }
}
