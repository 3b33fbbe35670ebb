package org.beaconwatch.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.beaconwatch.flow.FlowBatch;

/**
 * Cuts the flow files into the ordered list of {@link ParseTask}s {@link ReadAhead}'s workers
 * take. A large uncompressed Zeek TSV file (at least two ranges long) is cut into byte ranges,
 * each parsed with the file's first header block in front of it; any other file is one task.
 * Range ends are nominal: the worker moves each to the next line start
 * ({@link #lineStartAtOrAfter}), so a line belongs to the range it starts in.
 */
final class ParsePlan {
    /** Longest leading header block copied in front of each range. */
    private static final int MAX_HEAD_BYTES = 1 << 20;
    /** Lines the first range of a file holds at least: twice a batch, so its first batch is full. */
    static final int FIRST_RANGE_LINES = 2 * FlowBatch.DEFAULT_CAPACITY;

    private ParsePlan() {
    }

    /**
     * The tasks for reading {@code files}, in reading order.
     *
     * @param files      the flow files in reading order
     * @param rangeBytes byte range per task of a large plain Zeek TSV file
     */
    static List<ParseTask> tasks(List<FlowInputs.InputFile> files, long rangeBytes) throws IOException {
        List<ParseTask> tasks = new ArrayList<>();
        for (FlowInputs.InputFile f : files) {
            plan(f, rangeBytes, tasks);
        }
        return tasks;
    }

    private static void plan(FlowInputs.InputFile f, long rangeBytes, List<ParseTask> tasks) throws IOException {
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
                    tasks.add(new ParseTask(f, first, last, s, e, false, first ? null : head, headLines));
                    first = false;
                    s = e;
                    e = s + rangeBytes;
                }
                return;
            }
        }
        tasks.add(new ParseTask(f, true, true, -1, -1, false, null, 0));
    }

    /**
     * Where the first range of a file ends at the earliest: after {@link #FIRST_RANGE_LINES} lines
     * past the header (or -1 when the file is shorter), so the first batch a worker parses is the
     * file's first batch, the sample its time window is drawn from, as in a sequential read.
     */
    private static long firstRangeEnd(FlowInputs.InputFile f, long from) throws IOException {
        try (FileChannel ch = FileChannel.open(f.path(), StandardOpenOption.READ)) {
            return afterNewlines(ch, from, ch.size(), FIRST_RANGE_LINES);
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

    /** Offset of the first line starting at or after {@code p}: one past the first newline at or after p - 1. */
    static long lineStartAtOrAfter(FileChannel ch, long p, long size) throws IOException {
        long start = afterNewlines(ch, p - 1, size, 1);
        return start < 0 ? size : start;
    }

    /**
     * Offset one past the {@code count}-th newline at or after {@code from} (reading while the
     * position is below {@code size}), or -1 when there are fewer.
     */
    private static long afterNewlines(FileChannel ch, long from, long size, int count) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        long pos = from;
        int lines = 0;
        while (pos < size) {
            buf.clear();
            int n = ch.read(buf, pos);
            if (n <= 0) {
                break;
            }
            byte[] a = buf.array();
            for (int i = 0; i < n; i++) {
                if (a[i] == '\n' && ++lines == count) {
                    return pos + i + 1;
                }
            }
            pos += n;
        }
        return -1;
    }
}
