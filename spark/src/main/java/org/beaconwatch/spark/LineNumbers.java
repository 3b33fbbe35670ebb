package org.beaconwatch.spark;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;

/**
 * The file's real line numbers for problems found in a byte range after its first. A range's
 * reader counts lines from its own start, its file's header lines first; the shift to the file's
 * numbering is the number of lines before the range's first line, found by counting newlines in
 * the earlier ranges (one Spark task each). Computed only when such a range has a problem to
 * report, so a clean input pays nothing.
 */
final class LineNumbers {
    private final JavaSparkContext jsc;
    private final Broadcast<SerializableConfiguration> conf;
    private final List<InputSplit> splits;
    private final Map<Long, Long> shifts = new HashMap<>();

    LineNumbers(JavaSparkContext jsc, Broadcast<SerializableConfiguration> conf, List<InputSplit> splits) {
        this.jsc = jsc;
        this.conf = conf;
        this.splits = splits;
    }

    /** The file line of line {@code line} as the reader of range {@code split} of file {@code file} counted it. */
    long fileLine(int file, int split, long line) throws IOException {
        long key = ((long) file << 32) | (split & 0xffffffffL);
        Long shift = shifts.get(key);
        if (shift == null) {
            shift = shift(file, split);
            shifts.put(key, shift);
        }
        return line + shift;
    }

    private long shift(int file, int split) throws IOException {
        InputSplit range = null;
        List<long[]> before = new ArrayList<>();
        for (InputSplit s : splits) {
            if (s.file() == file && s.split() == split) {
                range = s;
            }
        }
        if (range == null || range.start() <= 0) {
            return 0;
        }
        for (InputSplit s : splits) {
            if (s.file() == file && s.split() < split) {
                before.add(new long[] {s.start(), Math.min(s.end(), range.start() - 1)});
            }
        }
        String uri = range.uri();
        Broadcast<SerializableConfiguration> c = conf;
        jsc.setCallSite("line numbers of " + range.name());
        long newlines = jsc.parallelize(before, Math.max(1, before.size()))
                .map(r -> newlines(uri, c.value().value(), r[0], r[1])).reduce(Long::sum);
        long headerLines = newlines(uri, conf.value().value(), 0, headerBytes(uri, conf.value().value()));
        // the range's first line follows the newline at or after start - 1
        return newlines + 1 - headerLines;
    }

    /** Newlines in bytes [from, to) of the file. */
    static long newlines(String uri, Configuration conf, long from, long to) throws IOException {
        Path p = new Path(uri);
        FileSystem fs = p.getFileSystem(conf);
        long n = 0;
        byte[] buf = new byte[1 << 16];
        try (FSDataInputStream in = fs.open(p)) {
            in.seek(from);
            long left = to - from;
            while (left > 0) {
                int k = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (k < 0) {
                    break;
                }
                for (int i = 0; i < k; i++) {
                    if (buf[i] == '\n') {
                        n++;
                    }
                }
                left -= k;
            }
        }
        return n;
    }

    /** Length of the '#' lines at the start of the file. */
    private static long headerBytes(String uri, Configuration conf) throws IOException {
        Path p = new Path(uri);
        long n = 0;
        try (InputStream in = new java.io.BufferedInputStream(p.getFileSystem(conf).open(p), 1 << 16)) {
            boolean lineStart = true;
            int c;
            while ((c = in.read()) >= 0) {
                if (lineStart && c != '#') {
                    break;
                }
                n++;
                lineStart = c == '\n';
            }
        }
        return n;
    }
}
