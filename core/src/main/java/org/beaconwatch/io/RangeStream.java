package org.beaconwatch.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Bytes [from, to) of a file, read with positional reads. */
final class RangeStream extends InputStream {
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
