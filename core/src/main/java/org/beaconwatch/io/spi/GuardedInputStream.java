package org.beaconwatch.io.spi;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Turns the error of a compressed stream that ends early into a normal end of stream and
 * remembers why, so a parser that does not know about truncation (FastCSV) keeps the records
 * before the break and the reader can still report it.
 */
public final class GuardedInputStream extends FilterInputStream {
    private final String compression;
    private String truncation;

    public GuardedInputStream(InputStream in, String compression) {
        super(in);
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
        if (truncation != null) {
            return -1;
        }
        try {
            return super.read(b, off, len);
        } catch (EOFException e) {
            truncation = "truncated " + (compression == null ? "" : compression + " ") + "stream";
            return -1;
        } catch (IOException e) {
            if (compression == null) {
                throw e;
            }
            truncation = "corrupt or truncated " + compression + " stream";
            return -1;
        }
    }
}
