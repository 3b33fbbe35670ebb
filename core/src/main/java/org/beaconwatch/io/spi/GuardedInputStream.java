package org.beaconwatch.io.spi;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Turns the error of a compressed stream that ends early into a normal end of stream and
 * remembers why, so a parser that does not know about truncation (FastCSV) keeps the records
 * before the break and the reader can still report it. Bytes after the last newline are held back
 * until the line completes, so a truncated stream never hands a cut-off last line to the parser.
 */
public final class GuardedInputStream extends InputStream {
    private final InputStream in;
    private final String compression;
    private String truncation;
    private byte[] buf = new byte[1 << 16];
    private int pos, lim;   // buf[pos, lim) is data read but not delivered
    private int ready;      // buf[pos, ready) may be delivered (ends at a newline, or at clean EOF)
    private boolean eof;

    public GuardedInputStream(InputStream in, String compression) {
        this.in = in;
        this.compression = compression;
    }

    /** Why the stream ended early, or null. */
    public String truncation() {
        return truncation;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (ready == pos) {
            if (eof) {
                return -1;
            }
            more();
        }
        int n = Math.min(len, ready - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    private void more() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            ready -= pos;
            pos = 0;
        }
        if (lim == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n;
        try {
            n = in.read(buf, lim, buf.length - lim);
        } catch (EOFException e) {
            truncation = "truncated " + (compression == null ? "" : compression + " ") + "stream";
            n = -2;
        } catch (IOException e) {
            if (compression == null) {
                throw e;
            }
            truncation = "corrupt or truncated " + compression + " stream";
            n = -2;
        }
        if (n == -1) { // clean end: the unfinished last line is complete
            eof = true;
            ready = lim;
            return;
        }
        if (n == -2) { // broken end: drop the cut-off line
            eof = true;
            lim = ready;
            return;
        }
        int from = lim;
        lim += n;
        for (int i = lim - 1; i >= from; i--) {
            if (buf[i] == '\n') {
                ready = i + 1;
                break;
            }
        }
        if (lim - ready > (16 << 20)) {
            ready = lim; // no newline for 16 MiB: let the parser see it (and fail on its own limit)
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
