package org.beaconwatch.live;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Names and bytes of Zeek log files as {@link LogFollower} reads them: the log type and rotation
 * period in a file name, opening a plain or gzip-rotated file, the '#' header of a TSV log, and
 * the byte scans that keep only complete lines.
 */
final class LogFiles {
    /** The log types followed, companions before conn (the order of one rotation period). */
    static final List<String> TYPES = List.of("ssl", "http", "dns", "conn");
    /** Most bytes read at once; a line longer than this is an error. */
    static final int CHUNK = 4 << 20;

    private LogFiles() {
    }

    /** Index into {@link #TYPES} from the file name (conn.log, conn.00:00:00-01:00:00.log.gz), or -1. */
    static int type(Path p) {
        String n = p.getFileName().toString();
        int dot = n.indexOf('.');
        if (dot <= 0 || !(n.endsWith(".log") || n.endsWith(".log.gz"))) {
            return -1;
        }
        return TYPES.indexOf(n.substring(0, dot).toLowerCase(Locale.ROOT));
    }

    /** The rotation period part of a name ("00:00:00-01:00:00" of conn.00:00:00-01:00:00.log.gz). */
    static String period(Path p) {
        String n = p.getFileName().toString();
        return n.substring(n.indexOf('.'));
    }

    /** Opens a log, decompressing a gzip-rotated one ({@code .gz}). */
    static InputStream open(Path p) throws IOException {
        InputStream in = Files.newInputStream(p);
        if (p.getFileName().toString().endsWith(".gz")) {
            return new GZIPInputStream(in, 1 << 16);
        }
        return in;
    }

    /** The leading '#' lines of a file (a Zeek TSV header), empty for JSON logs. */
    static byte[] header(Path p) throws IOException {
        try (InputStream in = open(p)) {
            return headerOf(in.readNBytes(1 << 16));
        }
    }

    /** The leading complete '#' lines of {@code a}. */
    static byte[] headerOf(byte[] a) {
        int pos = 0;
        while (pos < a.length && a[pos] == '#') {
            int nl = pos;
            while (nl < a.length && a[nl] != '\n') {
                nl++;
            }
            if (nl == a.length) {
                break;
            }
            pos = nl + 1;
        }
        return Arrays.copyOf(a, pos);
    }

    /** Index of the last '\n' in the first {@code len} bytes, or -1. */
    static int lastNewline(byte[] a, int len) {
        for (int i = len - 1; i >= 0; i--) {
            if (a[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The first byte that is not white space ('{' for a JSON log), or -1. */
    static int firstContentByte(byte[] a) {
        for (byte b : a) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b;
            }
        }
        return -1;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
