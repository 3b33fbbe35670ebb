package org.beaconwatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.beaconwatch.output.AtomicOutput;

/**
 * Checks a command's output paths before any work: none may be one of the inputs (a findings file
 * written over the log it came from), no two outputs may be the same file, and every output's
 * folder is created and probed for writability, so a long run never fails at its last step.
 */
final class OutputPaths {
    private final Map<String, Path> files = new LinkedHashMap<>();
    private final Map<String, Path> folders = new LinkedHashMap<>();
    private final List<Path> inputs = new ArrayList<>();

    /** Input files or directories (every regular file inside a directory counts). */
    OutputPaths inputs(List<Path> paths) {
        for (Path p : paths) {
            if (p != null) {
                inputs.add(p);
            }
        }
        return this;
    }

    /** One more input (a model, an allowlist). */
    OutputPaths input(Path p) {
        if (p != null) {
            inputs.add(p);
        }
        return this;
    }

    /** An output file, named by its option for messages; null (option not given) is ignored. */
    OutputPaths file(String option, Path p) {
        if (p != null) {
            files.put(option, p);
        }
        return this;
    }

    /** An output folder whose files are named {@code names}. */
    OutputPaths folder(String option, Path dir, String... names) {
        if (dir != null) {
            folders.put(option, dir);
            for (String n : names) {
                files.put(option + " (" + n + ")", dir.resolve(n));
            }
        }
        return this;
    }

    /**
     * Refuses outputs that are inputs (usage error, exit 2) and prepares every output's folder
     * (IOException naming the path, exit 1).
     */
    void check() throws IOException {
        List<Path> inputFiles = inputFiles();
        List<Map.Entry<String, Path>> seen = new ArrayList<>();
        for (Map.Entry<String, Path> o : files.entrySet()) {
            Path out = o.getValue();
            for (Path in : inputFiles) {
                if (same(out, in)) {
                    throw new UsageException(o.getKey() + " " + out + " is one of the inputs (" + in
                            + "); choose another output file");
                }
            }
            for (Map.Entry<String, Path> s : seen) {
                if (out.toAbsolutePath().normalize().equals(s.getValue().toAbsolutePath().normalize())
                        || same(out, s.getValue())) {
                    throw new UsageException(o.getKey() + " and " + s.getKey() + " name the same file " + out);
                }
            }
            seen.add(o);
        }
        for (Path dir : folders.values()) {
            AtomicOutput.prepareFolder(dir);
        }
        for (Path f : files.values()) {
            AtomicOutput.prepare(f);
        }
    }

    private List<Path> inputFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).forEach(out::add);
                }
            } else if (Files.exists(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** Same file on disk (links and relative names resolved); false when the output does not exist yet. */
    private static boolean same(Path a, Path b) {
        if (!Files.exists(a) || !Files.exists(b)) {
            return false;
        }
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }
}
