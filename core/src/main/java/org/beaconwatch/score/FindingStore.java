package org.beaconwatch.score;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
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
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Findings kept on disk instead of the heap, given back in rank order: for a detection run scored
 * a part at a time (by source host) whose output asks for every finding. Each part's findings,
 * already in ranking order, are one run: a deflate-compressed file ({@link FindingCodec}) in a
 * private temporary folder. {@link #ranked()} merges the runs (a heap over the runs' next
 * findings, compared with the ranking's own order, {@link FindingRanking#ORDER}); findings that
 * tie on score, connections and channel text come in the order of the runs they were added in,
 * so the merge gives exactly the order a ranking of all the runs' findings, one after another,
 * would give. Memory: one buffered stream per run (about 64 KB each) while a merge is open.
 *
 * <p>The folder and its files are removed by {@link #close()} and, should the JVM stop first
 * (normal exit, Ctrl-C, SIGTERM), by a shutdown hook. Adding runs and reading are meant to happen
 * one after the other (add every run, then read); a merge sees the runs added before it opened.
 * A merge or the list view is for one thread.
 */
public final class FindingStore implements AutoCloseable {
    /** Deflate level of run files: the fastest (findings compress well even so). */
    private static final int LEVEL = 1;
    /** Bytes of each run stream's buffers, writing and reading. */
    private static final int BUFFER = 1 << 15;

    private final Path dir;
    private final Thread hook;
    private final List<Run> runs = new ArrayList<>();
    /** Merges open now, closed with the store. */
    private final Set<Merge> open = Collections.newSetFromMap(new IdentityHashMap<>());
    private int size;
    private int alerts;
    /** Set once the files are removed (closed, or the JVM shuts down): nothing new is written. */
    private boolean deleted;

    /** One run file and its number of findings. */
    private record Run(Path file, int count) {
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
     * ranks are ignored, the merge numbers them). An empty run adds nothing.
     *
     * @throws IllegalArgumentException when the run is not in ranking order
     * @throws InterruptedIOException   when the JVM is shutting down or the store is closed
     */
    public synchronized void addRun(List<Finding> rankedRun) throws IOException {
        if (deleted) {
            throw new InterruptedIOException("stopped: the findings store is closed or the run is shutting down");
        }
        if (rankedRun.isEmpty()) {
            return;
        }
        int n = rankedRun.size();
        int newSize = Math.addExact(size, n);
        int runAlerts = 0;
        Path file = dir.resolve("run-" + runs.size() + ".bin");
        FindingCodec codec = new FindingCodec();
        Deflater deflater = new Deflater(LEVEL);
        boolean done = false;
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                new DeflaterOutputStream(Files.newOutputStream(file), deflater, BUFFER), BUFFER))) {
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
            done = true;
        } finally {
            deflater.end();
            if (!done) {
                Files.deleteIfExists(file);
            }
        }
        runs.add(new Run(file, n));
        size = newSize;
        alerts += runAlerts;
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
        return runs.size();
    }

    /**
     * A merge of all runs: every finding once, in rank order, with ranks 1 to {@link #size()}. Close
     * it when not read to the end (reading to the end closes it; so does closing the store).
     */
    public Merge ranked() throws IOException {
        List<Run> snapshot;
        synchronized (this) {
            if (deleted) {
                throw new IllegalStateException("findings store is closed");
            }
            snapshot = List.copyOf(runs);
        }
        Merge m = new Merge(snapshot);
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
        List<Merge> merges;
        synchronized (this) {
            merges = new ArrayList<>(open);
        }
        for (Merge m : merges) {
            m.abandon();
        }
        deleteFiles();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private synchronized void forget(Merge m) {
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

    /** One run being read: its stream, its codec and its next finding. */
    private static final class RunReader {
        final int order;
        private final Inflater inflater = new Inflater();
        private final DataInputStream in;
        private final FindingCodec codec = new FindingCodec();
        private int left;
        Finding head;

        RunReader(int order, Run run) throws IOException {
            this.order = order;
            this.left = run.count();
            DataInputStream s;
            try {
                s = new DataInputStream(new BufferedInputStream(
                        new InflaterInputStream(Files.newInputStream(run.file()), inflater, BUFFER), BUFFER));
            } catch (IOException | RuntimeException e) {
                inflater.end();
                throw e;
            }
            in = s;
        }

        /** Reads the next finding into {@link #head}; false (and head null) at the end of the run. */
        boolean advance() throws IOException {
            if (left == 0) {
                head = null;
                return false;
            }
            head = codec.read(in);
            left--;
            return true;
        }

        void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // reading is over
            } finally {
                inflater.end();
            }
        }
    }

    /**
     * A k-way merge of the runs: a binary heap of the runs by their next finding (the ranking's
     * order, then the order the runs were added). Not for several threads.
     */
    public final class Merge implements Iterator<Finding>, AutoCloseable {
        private final RunReader[] heap;
        private int live;
        private int rank;
        private boolean closed;
        /** Closed with the store before its end: reading on is an error, not a short list. */
        private boolean abandoned;

        private Merge(List<Run> runs) throws IOException {
            heap = new RunReader[runs.size()];
            try {
                for (int i = 0; i < runs.size(); i++) {
                    RunReader r = new RunReader(i, runs.get(i));
                    heap[live++] = r;
                    if (!r.advance()) {
                        throw new IOException("temporary findings file is corrupt: empty run " + runs.get(i).file());
                    }
                }
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
            for (int k = live / 2 - 1; k >= 0; k--) {
                siftDown(k);
            }
        }

        /** @throws IllegalStateException when the store was closed before this merge was read to its end */
        @Override
        public boolean hasNext() {
            if (abandoned) {
                throw new IllegalStateException("findings store closed while its findings were being read");
            }
            return !closed && live > 0;
        }

        /**
         * The next finding in rank order, with its rank.
         *
         * @throws UncheckedIOException when a run file cannot be read
         */
        @Override
        public Finding next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            RunReader top = heap[0];
            Finding f = top.head;
            try {
                if (!top.advance()) {
                    top.close();
                    heap[0] = heap[--live];
                    heap[live] = null;
                }
            } catch (IOException e) {
                close();
                throw new UncheckedIOException(e);
            }
            if (live > 0) {
                siftDown(0);
            } else {
                close();
            }
            return f.withRank(++rank);
        }

        /** Rank of the finding {@link #next()} returned last (0 before the first). */
        public int rank() {
            return rank;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            for (int i = 0; i < live; i++) {
                heap[i].close();
                heap[i] = null;
            }
            live = 0;
            forget(this);
        }

        private void abandon() {
            if (!closed) {
                abandoned = true;
                close();
            }
        }

        private void siftDown(int k) {
            RunReader v = heap[k];
            while (true) {
                int c = 2 * k + 1;
                if (c >= live) {
                    break;
                }
                if (c + 1 < live && before(heap[c + 1], heap[c])) {
                    c++;
                }
                if (!before(heap[c], v)) {
                    break;
                }
                heap[k] = heap[c];
                k = c;
            }
            heap[k] = v;
        }

        /** Whether run a's next finding comes before run b's: the ranking's order, then the run added first. */
        private boolean before(RunReader a, RunReader b) {
            int c = FindingRanking.ORDER.compare(a.head, b.head);
            return c != 0 ? c < 0 : a.order < b.order;
        }
    }

    /** {@link #asList()}: size from the store, iteration and {@code get} through merges. */
    private final class RankedList extends AbstractList<Finding> {
        /** The merge {@code get} follows, and the finding it returned last (at index {@code at}). */
        private Merge cursor;
        private Finding last;
        private int at = -1;

        @Override
        public int size() {
            return FindingStore.this.size();
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
                cursor = (Merge) iterator();
                at = -1;
            }
            while (at < index) {
                last = cursor.next();
                at++;
            }
            return last;
        }
    }
}
