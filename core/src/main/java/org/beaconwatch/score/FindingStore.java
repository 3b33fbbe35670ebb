package org.beaconwatch.score;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Findings kept on disk instead of the heap, given back in rank order: for a detection run scored
 * a part at a time (by source host) whose output asks for every finding. Each part's findings,
 * already in ranking order, are one run: a zstd-compressed file ({@link FindingCodec}) in a
 * private temporary folder. {@link #ranked()} merges the runs ({@link FindingMerge}: a heap over the
 * runs' next findings, compared with the ranking's own order, {@link FindingRanking#ORDER}); findings that
 * tie on score, connections and channel text come in the order of the runs they were added in,
 * so the merge gives exactly the order a ranking of all the runs' findings, one after another,
 * would give. Memory while a merge is open: one buffered, decompressing stream per run (a 32 KB
 * buffer and zstd's window, a few hundred KB a run).
 *
 * <p>The folder and its files are removed by {@link #close()} and, should the JVM stop first
 * (normal exit, Ctrl-C, SIGTERM), by a shutdown hook. Adding runs and reading are meant to happen
 * one after the other (add every run, then read); a merge sees the runs added before it opened.
 * Runs may be added from several threads at once; a merge or the list view is for one thread.
 */
public final class FindingStore implements AutoCloseable {
    /** Compression of run files: zstd's fastest level, as the detection spill files (findings compress well even so). */
    private static final int LEVEL = 1;
    /** Bytes of each run stream's buffers, writing and reading. */
    static final int BUFFER = 1 << 15;

    private final Path dir;
    private final Thread hook;
    /** Runs in the order they were added; a run still being written has count -1. */
    private final List<Run> runs = new ArrayList<>();
    /** Run files named so far. */
    private int files;
    /** Merges open now, closed with the store. */
    private final Set<FindingMerge> open = Collections.newSetFromMap(new IdentityHashMap<>());
    private int size;
    private int alerts;
    /** Set once the files are removed (closed, or the JVM shuts down): nothing new is written. */
    private boolean deleted;

    /** One run file and its number of findings. */
    record Run(Path file, int count) {
    }

    /**
     * Makes the private temporary folder ("beaconwatch-findings-..."), in {@code parent} or, when it
     * is null, in the system's temporary folder.
     */
    public FindingStore(Path parent) throws IOException {
        dir = parent == null ? Files.createTempDirectory("beaconwatch-findings-")
                : Files.createTempDirectory(parent, "beaconwatch-findings-");
        hook = new Thread(this::deleteFiles, "beaconwatch-findings-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The temporary folder (removed on close). */
    public Path folder() {
        return dir;
    }

    /**
     * Adds one run: findings in ranking order (as {@link BeaconDetector#rank} gives them; their
     * ranks are ignored, the merge numbers them). An empty run adds nothing. Several threads may add
     * runs at once (each compresses its own file); a run's place among the runs, which decides
     * ties between runs, is the moment it was added.
     *
     * @throws IllegalArgumentException when the run is not in ranking order
     * @throws InterruptedIOException   when the JVM is shutting down or the store is closed
     */
    public void addRun(List<Finding> rankedRun) throws IOException {
        if (rankedRun.isEmpty()) {
            return;
        }
        int n = rankedRun.size();
        Run pending;
        OutputStream file;
        synchronized (this) { // the file is created here, so that removing the folder cannot miss it
            if (deleted) {
                throw new InterruptedIOException("stopped: the findings store is closed or the run is shutting down");
            }
            pending = new Run(dir.resolve("run-" + files++ + ".bin"), -1);
            file = Files.newOutputStream(pending.file());
            runs.add(pending); // its place among the runs
        }
        int runAlerts = 0;
        boolean written = false;
        try {
            runAlerts = write(rankedRun, file);
            written = true;
        } finally {
            if (!written) {
                forget(pending);
            }
        }
        synchronized (this) {
            if (deleted || size > Integer.MAX_VALUE - n) {
                forget(pending);
                if (deleted) {
                    throw new InterruptedIOException("stopped: the findings store is closed or the run is shutting down");
                }
                throw new IllegalStateException("more than " + Integer.MAX_VALUE + " findings");
            }
            runs.set(runs.indexOf(pending), new Run(pending.file(), n));
            size += n;
            alerts += runAlerts;
        }
    }

    /** Takes a run that was not added out of the list and removes its file. */
    private synchronized void forget(Run pending) {
        runs.remove(pending);
        try {
            Files.deleteIfExists(pending.file());
        } catch (IOException ignored) {
            // removed with the folder
        }
    }

    /** Writes a run file (and closes it); returns how many of its findings alert. */
    private static int write(List<Finding> rankedRun, OutputStream file) throws IOException {
        int runAlerts = 0;
        FindingCodec codec = new FindingCodec();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                new ZstdOutputStream(file, LEVEL), BUFFER))) {
            Finding prev = null;
            for (Finding f : rankedRun) {
                if (prev != null && FindingRanking.ORDER.compare(prev, f) > 0) {
                    throw new IllegalArgumentException("run not in ranking order: " + prev.channel() + " (score "
                            + prev.score() + ") before " + f.channel() + " (score " + f.score() + ")");
                }
                codec.write(f, out);
                if (f.alert()) {
                    runAlerts++;
                }
                prev = f;
            }
        }
        return runAlerts;
    }

    /** Number of findings in all runs. */
    public synchronized int size() {
        return size;
    }

    /** Number of those findings that alert. */
    public synchronized int alerts() {
        return alerts;
    }

    /** Number of runs that hold findings. */
    public synchronized int runs() {
        return (int) runs.stream().filter(r -> r.count() >= 0).count();
    }

    /**
     * A merge of all runs: every finding once, in rank order, with ranks 1 to {@link #size()}. Close
     * it when not read to the end (reading to the end closes it; so does closing the store).
     */
    public FindingMerge ranked() throws IOException {
        List<Run> snapshot;
        synchronized (this) {
            if (deleted) {
                throw new IllegalStateException("findings store is closed");
            }
            if (runs.stream().anyMatch(r -> r.count() < 0)) {
                throw new IllegalStateException("a run is still being added");
            }
            snapshot = List.copyOf(runs);
        }
        FindingMerge m = new FindingMerge(snapshot, this::mergeClosed);
        synchronized (this) {
            if (deleted) {
                m.close();
                throw new IllegalStateException("findings store is closed");
            }
            open.add(m);
        }
        if (!m.hasNext()) {
            m.close();
        }
        return m;
    }

    /**
     * The findings in rank order as a list, read from disk as it is iterated, for outputs that take
     * a list and go through it once: {@code size()} is the count; each {@code iterator()} is a new
     * merge, read from disk (a single pass costs one merge, nothing is kept in memory). {@code get(i)}
     * follows one sequential merge: fast when the indices asked for increase (by one, or skipping
     * ahead), a new merge from the start when an index goes back. The store must stay open while
     * the list is used.
     */
    public List<Finding> asList() {
        return new RankedList();
    }

    /** Closes open merges and removes the folder and its files. */
    @Override
    public void close() {
        List<FindingMerge> merges;
        synchronized (this) {
            merges = new ArrayList<>(open);
        }
        for (FindingMerge m : merges) {
            m.abandon();
        }
        deleteFiles();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private synchronized void mergeClosed(FindingMerge m) {
        open.remove(m);
    }

    private synchronized void deleteFiles() {
        deleted = true;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        } catch (IOException ignored) {
            // folder gone already
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // best effort
        }
    }

    /**
     * {@link #asList()}: size from the store, iteration and {@code get} through merges. A holder of
     * findings that copies the list it is given ({@code List.copyOf}) would read every finding into
     * memory: test for this class and keep the view instead.
     */
    final class RankedList extends AbstractList<Finding> {
        /** The merge {@code get} follows, and the finding it returned last (at index {@code at}). */
        private FindingMerge cursor;
        private Finding last;
        private int at = -1;

        @Override
        public int size() {
            return FindingStore.this.size();
        }

        /** The store behind this view. */
        FindingStore store() {
            return FindingStore.this;
        }

        @Override
        public Iterator<Finding> iterator() {
            try {
                return ranked();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Finding get(int index) {
            if (index < 0 || index >= size()) {
                throw new IndexOutOfBoundsException("index " + index + ", size " + size());
            }
            if (index == at) {
                return last;
            }
            if (cursor == null || index < at) {
                if (cursor != null) {
                    cursor.close();
                }
                cursor = (FindingMerge) iterator();
                at = -1;
            }
            while (at < index) {
                last = cursor.next();
                at++;
            }
            return last;
        }

        /** Short, not every finding: the list may hold millions. */
        @Override
        public String toString() {
            return "findings store list of " + size() + " findings in " + runs() + " runs";
        }
    }
}
