package org.beaconwatch.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The layout of a Zeek log directory: dated folders of rotated logs, logs in the folder itself,
 * and {@code current/}; lists the logs in time order and finds rotated copies.
 */
final class LogDirectory {
    private final Path root;

    LogDirectory(Path root) {
        this.root = root;
    }

    /** {@code current/}, where the growing logs are. */
    Path current() {
        return root.resolve("current");
    }

    /**
     * The logs in replay order: dated folders in name order, then logs in the folder itself, then
     * {@code current/}; within one rotation period the companions before conn.
     */
    List<Path> replayOrder() throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().equals("current")).sorted()
                    .forEach(dirs::add);
        }
        dirs.add(root);
        if (Files.isDirectory(current())) {
            dirs.add(current());
        }
        List<Path> out = new ArrayList<>();
        for (Path d : dirs) {
            List<Path> logs = new ArrayList<>();
            try (Stream<Path> s = Files.list(d)) {
                s.filter(Files::isRegularFile).filter(p -> LogFiles.type(p) >= 0).forEach(logs::add);
            }
            logs.sort(Comparator.comparing((Path p) -> LogFiles.period(p)).thenComparingInt(LogFiles::type));
            out.addAll(logs);
        }
        return out;
    }

    /** In a dated folder (not the folder itself, not current/). */
    boolean isRotated(Path p) {
        Path parent = p.getParent();
        return parent != null && !parent.equals(root) && !parent.equals(current());
    }

    /** "folder/period" of a rotated log: its place in time order, whatever the log type. */
    String periodKey(Path p) {
        return root.relativize(p.getParent()) + "/" + LogFiles.period(p);
    }

    /** Logs of type {@code t} in the three newest dated folders, newest folder first: where a rotated copy is. */
    List<Path> recentRotated(int t) throws IOException {
        List<Path> candidates = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().equals("current"))
                    .sorted(Comparator.reverseOrder()).limit(3).forEach(candidates::add);
        }
        List<Path> out = new ArrayList<>();
        for (Path d : candidates) {
            try (Stream<Path> s = Files.list(d)) {
                s.filter(p -> LogFiles.type(p) == t).forEach(out::add);
            } catch (java.nio.file.NoSuchFileException e) {
                // a dated folder removed since it was listed (log retention): it holds no copy now
            }
        }
        return out;
    }
}
