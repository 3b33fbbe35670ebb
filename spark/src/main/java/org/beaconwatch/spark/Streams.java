package org.beaconwatch.spark;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Byte streams for the readers: decompression recognised by magic bytes (gzip, zstd, bzip2, xz,
 * as core reads them), and the range of lines of a split.
 */
final class Streams {
    private Streams() {
    }

    /** A decompressed stream and the compression name (null when plain). */
    record Opened(InputStream in, String compression) {
    }

    static Opened decompress(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(8);
        byte[] m = new byte[6];
        int n = in.readNBytes(m, 0, 6);
        in.reset();
        if (n >= 2 && (m[0] & 0xff) == 0x1f && (m[1] & 0xff) == 0x8b) {
            return new Opened(new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16), "gzip");
        }
        if (n >= 4 && (m[0] & 0xff) == 0x28 && (m[1] & 0xff) == 0xb5 && (m[2] & 0xff) == 0x2f && (m[3] & 0xff) == 0xfd) {
            return new Opened(new BufferedInputStream(new ZstdInputStream(in), 1 << 16), "zstd");
        }
        if (n >= 3 && m[0] == 'B' && m[1] == 'Z' && m[2] == 'h') {
            return new Opened(new BZip2CompressorInputStream(in, true), "bzip2");
        }
        if (n >= 6 && (m[0] & 0xff) == 0xfd && m[1] == '7' && m[2] == 'z' && m[3] == 'X' && m[4] == 'Z' && m[5] == 0) {
            return new Opened(XZCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get(), "xz");
        }
        return new Opened(in, null);
    }

    /**
     * Passes bytes through up to and including the newline that ends the last line starting
     * before {@code end} (absolute offset); {@code pos} is the absolute offset of the first byte.
     */
    static final class LineRange extends InputStream {
        private final InputStream in;
        private final long end;
        private long pos;
        private boolean done;

        LineRange(InputStream in, long pos, long end) {
            this.in = in;
            this.pos = pos;
            this.end = end;
            this.done = pos >= end;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            int n = in.read(b, off, len);
            if (n <= 0) {
                return n;
            }
            if (pos + n <= end) {
                pos += n;
                return n;
            }
            // the line that starts before end ends at the first newline at or after end - 1
            int from = (int) Math.max(0, end - 1 - pos);
            for (int i = from; i < n; i++) {
                if (b[off + i] == '\n') {
                    done = true;
                    pos += i + 1;
                    return i + 1;
                }
            }
            pos += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
