package org.beaconwatch.io;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.io.spi.FormatReader;
import org.beaconwatch.io.spi.LineSource;
import org.beaconwatch.io.spi.Problems;
import org.beaconwatch.io.zeek.ZeekTsvReader;

/**
 * Parses the flow files ahead of their one consumer, on worker threads, so every core parses
 * from the first byte. The work is an ordered list of tasks: a large uncompressed Zeek TSV file
 * is cut into byte ranges at line boundaries (each range parsed with the file's first header
 * block in front of it), any other file is one task (a compressed one is decompressed on a thread
 * of its own, so decompressing and parsing overlap). Workers take tasks in order, at most
 * {@code window} tasks ahead of the consumer (bounding memory), and several files are parsed at
 * once when the window allows.
 *
 * <p>Workers only parse. Everything that depends on the order of rows (the per-file time window,
 * uids seen before, companion names, error-policy decisions and examples) stays with the consumer
 * ({@link ReadAheadHandOff}), which takes the tasks' batches in task order and replays each
 * task's recorded problems with their lines moved to the file's numbering, so results equal a
 * sequential read. A range that finds a header line changing the row layout (a second header
 * block) says so; the consumer then reads the rest of that file again with the right header.
 */
final class ReadAhead implements Closeable {
    /** Byte range per task of a large plain file: 16 MiB (about 125,000 Zeek rows). */
    static final long DEFAULT_RANGE_BYTES = 16L << 20;
    /** Batches a whole-file task may have waiting for the consumer. */
    private static final int WHOLE_FILE_BATCHES = 8;
    /** Longest leading header block copied in front of each range. */
    private static final int MAX_HEAD_BYTES = 1 << 20;
    static final Object END = new Object();
    /** Lines the first range of a file holds at least: twice a batch, so its first batch is full. */
    static final int FIRST_RANGE_LINES = 2 * FlowBatch.DEFAULT_CAPACITY;

    /** One unit of parsing and its results, published to the consumer before {@link #END}. */
    static final class Task {
        final FlowInputs.InputFile input;
        final boolean first, last;      // first / last task of its file
        final long start, end;          // byte range (nominal; -1 = whole file)
        final boolean exactStart;       // start is a line start already (a re-read rest of file)
        final byte[] head;              // header lines put in front of the range (null: none)
        final int headLines;
        final BlockingQueue<Object> out;
        volatile boolean cancelled;
        // results, written by the worker before END
        volatile List<String> extraColumns = List.of();
        volatile Problems problems;
        volatile long records, lines, rangeEnd;
        volatile List<byte[]> late = List.of();
        volatile Throwable failure;

        Task(FlowInputs.InputFile input, boolean first, boolean last, long start, long end, boolean exactStart,
             byte[] head, int headLines) {
            this.input = input;
            this.first = first;
            this.last = last;
            this.start = start;
            this.end = end;
            this.exactStart = exactStart;
            this.head = head;
            this.headLines = headLines;
            this.out = start < 0 ? new ArrayBlockingQueue<>(WHOLE_FILE_BATCHES + 1) : new LinkedBlockingQueue<>();
        }

        boolean ranged() {
            return start >= 0;
        }
    }

    private final ReadOptions options;
    private final List<Task> tasks = new ArrayList<>();
    private final ConcurrentLinkedQueue<FlowBatch> pool = new ConcurrentLinkedQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private final List<Thread> extra = new ArrayList<>();
    private final int window;
    private int nextTask;
    private int consumed;
    private boolean closed;

    /**
     * @param files      the flow files in reading order
     * @param readers    worker threads
     * @param rangeBytes byte range per task of a large plain Zeek TSV file
     */
    ReadAhead(List<FlowInputs.InputFile> files, ReadOptions options, int readers, long rangeBytes) throws IOException {
        this.options = options;
        this.window = readers + 2;
        for (FlowInputs.InputFile f : files) {
            plan(f, rangeBytes);
        }
        for (int i = 0; i < readers; i++) {
            Thread t = new Thread(this::work, "beaconwatch-parse-" + i);
            t.setDaemon(true);
            workers.add(t);
        }
        for (Thread t : workers) {
            t.start();
        }
    }

    private void plan(FlowInputs.InputFile f, long rangeBytes) throws IOException {
        long size = f.entry() == null && f.compression() == null && f.format() == LogFormat.ZEEK_CONN_TSV
                ? java.nio.file.Files.size(f.path()) : -1;
        if (size >= 2 * rangeBytes) {
            byte[] head = headBlock(f);
            long firstEnd = head == null ? -1 : firstRangeEnd(f, head.length);
            if (head != null && firstEnd > 0 && firstEnd < size - rangeBytes) {
                int headLines = 0;
                for (byte c : head) {
                    if (c == '\n') {
                        headLines++;
                    }
                }
                long s = 0;
                long e = Math.max(rangeBytes, firstEnd);
                boolean first = true;
                while (s < size) {
                    boolean last = size - e < rangeBytes;
                    if (last) {
                        e = size;
                    }
                    tasks.add(new Task(f, first, last, s, e, false, first ? null : head, headLines));
                    first = false;
                    s = e;
                    e = s + rangeBytes;
                }
                return;
            }
        }
        tasks.add(new Task(f, true, true, -1, -1, false, null, 0));
    }

    /**
     * Where the first range of a file ends at the earliest: after {@link #FIRST_RANGE_LINES} lines
     * past the header (or -1 when the file is shorter), so the first batch a worker parses is the
     * file's first batch, the sample its time window is drawn from, as in a sequential read.
     */
    private static long firstRangeEnd(FlowInputs.InputFile f, long from) throws IOException {
        try (FileChannel ch = FileChannel.open(f.path(), StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            long pos = from;
            int lines = 0;
            while (pos < ch.size()) {
                buf.clear();
                int n = ch.read(buf, pos);
                if (n <= 0) {
                    break;
                }
                byte[] a = buf.array();
                for (int i = 0; i < n; i++) {
                    if (a[i] == '\n' && ++lines == FIRST_RANGE_LINES) {
                        return pos + i + 1;
                    }
                }
                pos += n;
            }
            return -1;
        }
    }

    /** The file's leading lines starting with '#', or null when there are none or they are too long. */
    private static byte[] headBlock(FlowInputs.InputFile f) throws IOException {
        try (FileChannel ch = FileChannel.open(f.path(), StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(MAX_HEAD_BYTES, ch.size()));
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // fill
            }
            byte[] a = buf.array();
            int n = buf.position();
            int p = 0;
            while (p < n && a[p] == '#') {
                int q = p;
                while (q < n && a[q] != '\n') {
                    q++;
                }
                if (q >= n) {
                    return null;
                }
                p = q + 1;
            }
            if (p == 0 || p >= n) {
                return null;
            }
            return java.util.Arrays.copyOf(a, p);
        }
    }

    int size() {
        return tasks.size();
    }

    Task task(int i) {
        return tasks.get(i);
    }

    /** The consumer is done with task i: workers may run further ahead. */
    synchronized void done(int i) {
        consumed = Math.max(consumed, i + 1);
        notifyAll();
    }

    /** A batch for the consumer to hand back with {@link #release}. */
    FlowBatch batch() {
        FlowBatch b = pool.poll();
        return b != null ? b : new FlowBatch();
    }

    /** Drops the batches kept for reuse (the consumer has read everything). */
    void dropPool() {
        pool.clear();
    }

    void release(FlowBatch b) {
        if (b.capacity() == FlowBatch.DEFAULT_CAPACITY) {
            pool.offer(b);
        }
    }

    /**
     * A task reading {@code input} from {@code start} (a line start) to its end with {@code head}
     * in front, run on a thread of its own: the rest of a file whose ranges met a second header.
     */
    Task rereadRest(FlowInputs.InputFile input, long start, byte[] head, int headLines) {
        Task t = new Task(input, false, true, start, Long.MAX_VALUE, true, head, headLines);
        Thread th = new Thread(() -> run(t), "beaconwatch-parse-rest");
        th.setDaemon(true);
        synchronized (this) {
            extra.add(th);
        }
        th.start();
        return t;
    }

    private void work() {
        while (true) {
            Task t;
            synchronized (this) {
                while (!closed && nextTask < tasks.size() && nextTask >= consumed + window) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed || nextTask >= tasks.size()) {
                    return;
                }
                t = tasks.get(nextTask++);
            }
            if (!t.cancelled) {
                run(t);
            }
        }
    }

    private void run(Task t) {
        List<AutoCloseable> open = new ArrayList<>();
        try {
            if (t.ranged()) {
                runRange(t, open);
            } else {
                runWhole(t, open);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            t.failure = new InterruptedIOException("interrupted while reading " + t.input.name());
        } catch (Throwable e) {
            t.failure = e;
        } finally {
            for (AutoCloseable c : open) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // nothing more to do for a file already read
                }
            }
            if (!t.out.offer(END)) {
                try {
                    t.out.put(END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void runWhole(Task t, List<AutoCloseable> open) throws IOException, InterruptedException {
        Decompression.Opened o = t.input.open();
        InputStream in = o.in();
        open.add(in);
        if (o.compression() != null) {
            DecompressingStream d = new DecompressingStream(in, t.input.name());
            open.add(0, d);
            in = d;
        }
        Problems problems = Problems.recording(t.input.name());
        t.problems = problems;
        FormatReader r = FlowInputs.reader(t.input, options, in, o.compression(), problems);
        open.add(0, r);
        t.extraColumns = r.extraColumns();
        drain(t, r);
        t.records = r.recordsRead();
    }

    private void runRange(Task t, List<AutoCloseable> open) throws IOException, InterruptedException {
        FileChannel ch = FileChannel.open(t.input.path(), StandardOpenOption.READ);
        open.add(ch);
        long size = ch.size();
        long s = t.start == 0 || t.exactStart ? t.start : lineStartAtOrAfter(ch, t.start, size);
        long e = t.end >= size ? size : lineStartAtOrAfter(ch, t.end, size);
        t.rangeEnd = e;
        InputStream in = new RangeStream(ch, s, Math.max(s, e));
        if (t.head != null) {
            in = new SequenceInputStream(new ByteArrayInputStream(t.head), in);
        }
        Problems problems = Problems.recording(t.input.name());
        t.problems = problems;
        LineSource lines = new LineSource(in, options.maxLineBytes(), null);
        ZeekTsvReader r = new ZeekTsvReader(lines, problems, options.uidText());
        if (!t.exactStart) {
            r.recordDirectivesAfter(t.headLines);
        }
        drain(t, r);
        t.records = r.recordsRead();
        t.lines = lines.lineNo();
        t.late = r.lateDirectives();
    }

    private void drain(Task t, FormatReader r) throws IOException, InterruptedException {
        while (!t.cancelled) {
            FlowBatch b = batch();
            b.clear();
            boolean more = r.fill(b);
            if (b.isEmpty()) {
                release(b);
            } else {
                t.out.put(b);
            }
            if (!more) {
                return;
            }
        }
    }

    /** Offset of the first line starting at or after {@code p}: one past the first newline at or after p - 1. */
    static long lineStartAtOrAfter(FileChannel ch, long p, long size) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        long pos = p - 1;
        while (pos < size) {
            buf.clear();
            int n = ch.read(buf, pos);
            if (n <= 0) {
                break;
            }
            byte[] a = buf.array();
            for (int i = 0; i < n; i++) {
                if (a[i] == '\n') {
                    return pos + i + 1;
                }
            }
            pos += n;
        }
        return size;
    }

    @Override
    public void close() {
        List<Thread> all;
        synchronized (this) {
            closed = true;
            for (Task t : tasks) {
                t.cancelled = true;
            }
            notifyAll();
            all = new ArrayList<>(workers);
            all.addAll(extra);
        }
        for (Thread t : all) {
            t.interrupt();
        }
    }

    /** Bytes [from, to) of a file, read with positional reads. */
    private static final class RangeStream extends InputStream {
        private final FileChannel ch;
        private long pos;
        private final long end;

        RangeStream(FileChannel ch, long from, long to) {
            this.ch = ch;
            this.pos = from;
            this.end = to;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= end) {
                return -1;
            }
            int want = (int) Math.min(len, end - pos);
            int n = ch.read(ByteBuffer.wrap(b, off, want), pos);
            if (n < 0) {
                return -1;
            }
            pos += n;
            return n;
        }
    }

    /**
     * Decompresses on a thread of its own, a few blocks ahead of the parser; a failure of the
     * decompressor (a truncated stream) surfaces at the same place in the data as it would inline.
     */
    static final class DecompressingStream extends InputStream {
        private static final int BLOCK = 1 << 18;
        private static final byte[] EOF = new byte[0];
        private final BlockingQueue<byte[]> blocks = new ArrayBlockingQueue<>(8);
        private final Thread thread;
        private volatile IOException failure;
        private byte[] cur = new byte[0];
        private int pos;
        private boolean done;

        DecompressingStream(InputStream in, String name) {
            thread = new Thread(() -> {
                try {
                    while (true) {
                        byte[] b = new byte[BLOCK];
                        int n = 0;
                        while (n < BLOCK) {
                            int r = in.read(b, n, BLOCK - n);
                            if (r < 0) {
                                break;
                            }
                            n += r;
                        }
                        if (n > 0) {
                            blocks.put(n == BLOCK ? b : java.util.Arrays.copyOf(b, n));
                        }
                        if (n < BLOCK) {
                            break;
                        }
                    }
                } catch (IOException e) {
                    failure = e;
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    failure = new IOException(e.getMessage(), e);
                }
                try {
                    blocks.put(EOF);
                } catch (InterruptedException ignored) {
                    // closing
                }
            }, "beaconwatch-decompress");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (pos >= cur.length) {
                if (done) {
                    return -1;
                }
                try {
                    cur = blocks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while decompressing");
                }
                pos = 0;
                if (cur == EOF) {
                    done = true;
                    if (failure != null) {
                        throw failure;
                    }
                    return -1;
                }
            }
            int n = Math.min(len, cur.length - pos);
            System.arraycopy(cur, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }
}
