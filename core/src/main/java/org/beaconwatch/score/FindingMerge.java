package org.beaconwatch.score;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * A k-way merge of the runs of a {@link FindingStore}: a binary heap of the runs by their next
 * finding, in the ranking's order ({@link FindingRanking#ORDER}), ties to the run added first; the
 * findings come out numbered 1, 2, ... Each run is read through one buffered, decompressing stream.
 * Reading to the end closes the merge; so does {@link #close()} or closing the store. Not for
 * several threads.
 */
public final class FindingMerge implements Iterator<Finding>, AutoCloseable {
    private final RunReader[] heap;
    private final Consumer<FindingMerge> onClose;
    private int live;
    private int rank;
    private boolean closed;
    /** Closed with the store before its end: reading on is an error, not a short list. */
    private boolean abandoned;

    /** Opens every run and reads its first finding; {@code onClose} is told when the merge closes. */
    FindingMerge(List<FindingStore.Run> runs, Consumer<FindingMerge> onClose) throws IOException {
        this.onClose = onClose;
        heap = new RunReader[runs.size()];
        try {
            for (int i = 0; i < runs.size(); i++) {
                RunReader r = new RunReader(i, runs.get(i));
                heap[live++] = r;
                if (!r.advance()) {
                    throw FindingFrame.corrupt("empty run " + runs.get(i).file());
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
        onClose.accept(this);
    }

    /** Closed by the store before its end. */
    void abandon() {
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
    private static boolean before(RunReader a, RunReader b) {
        int c = FindingRanking.ORDER.compare(a.head, b.head);
        return c != 0 ? c < 0 : a.order < b.order;
    }

    /** One run being read: its stream, its codec and its next finding. */
    private static final class RunReader {
        final int order;
        private final DataInputStream in;
        private final FindingCodec codec = new FindingCodec();
        private int left;
        Finding head;

        RunReader(int order, FindingStore.Run run) throws IOException {
            this.order = order;
            this.left = run.count();
            in = new DataInputStream(new BufferedInputStream(new ZstdInputStream(Files.newInputStream(run.file())),
                    FindingStore.BUFFER));
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
            }
        }
    }
}
