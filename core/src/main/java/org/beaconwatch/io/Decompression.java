package org.beaconwatch.io;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens a file, recognising gzip (1f 8b) and zstd (28 b5 2f fd) by their magic bytes. */
final class Decompression {
    private Decompression() {
    }

    /** An open, decompressed stream and the compression name (null when plain). */
    record Opened(InputStream in, String compression) {
    }

    static Opened open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
            in.mark(4);
            byte[] m = new byte[4];
            int n = in.readNBytes(m, 0, 4);
            in.reset();
            if (n >= 2 && (m[0] & 0xff) == 0x1f && (m[1] & 0xff) == 0x8b) {
                return new Opened(new GZIPInputStream(in, 1 << 16), "gzip");
            }
            if (n == 4 && (m[0] & 0xff) == 0x28 && (m[1] & 0xff) == 0xb5 && (m[2] & 0xff) == 0x2f
                    && (m[3] & 0xff) == 0xfd) {
                return new Opened(new ZstdInputStream(in), "zstd");
            }
            return new Opened(in, null);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }
}
