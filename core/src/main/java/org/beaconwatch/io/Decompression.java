package org.beaconwatch.io;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Opens a file, recognising its compression by magic bytes, never by name: gzip (1f 8b), zstd
 * (28 b5 2f fd), bzip2 ("BZh") and xz (fd 37 7a 58 5a 00) are decompressed as streams
 * (concatenated members included). A zip archive ("PK\3\4") is not a stream: each of its entries
 * is an input of its own ({@link #isZip}, {@link #openEntry}), itself possibly compressed.
 */
final class Decompression {
    private Decompression() {
    }

    /** An open, decompressed stream and the compression name (null when plain). */
    record Opened(InputStream in, String compression) {
    }

    static Opened open(Path file) throws IOException {
        return open(Files.newInputStream(file));
    }

    /** Opens one entry of a zip archive (decompressing it further when it is gzip, xz, ...). */
    static Opened openEntry(Path zip, String entry) throws IOException {
        ZipFile zf = new ZipFile(zip.toFile());
        try {
            ZipEntry e = zf.getEntry(entry);
            if (e == null) {
                throw new java.nio.file.NoSuchFileException(zip + "!/" + entry);
            }
            InputStream in = new FilterInputStream(zf.getInputStream(e)) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        zf.close();
                    }
                }
            };
            Opened o = open(in);
            return new Opened(o.in(), o.compression() == null ? "zip" : "zip+" + o.compression());
        } catch (IOException | RuntimeException ex) {
            zf.close();
            throw ex;
        }
    }

    /** True when the file starts with the zip local-header magic. */
    static boolean isZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] m = in.readNBytes(4);
            return m.length == 4 && m[0] == 'P' && m[1] == 'K' && m[2] == 3 && m[3] == 4;
        }
    }

    /** Wraps a raw stream: detects the compression and decompresses; closes {@code raw} on failure. */
    static Opened open(InputStream raw) throws IOException {
        try {
            BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
            in.mark(6);
            byte[] m = new byte[6];
            int n = in.readNBytes(m, 0, 6);
            in.reset();
            if (n >= 2 && (m[0] & 0xff) == 0x1f && (m[1] & 0xff) == 0x8b) {
                return new Opened(new GZIPInputStream(in, 1 << 16), "gzip");
            }
            if (n >= 4 && (m[0] & 0xff) == 0x28 && (m[1] & 0xff) == 0xb5 && (m[2] & 0xff) == 0x2f
                    && (m[3] & 0xff) == 0xfd) {
                return new Opened(new ZstdInputStream(in), "zstd");
            }
            if (n >= 4 && m[0] == 'B' && m[1] == 'Z' && m[2] == 'h' && m[3] >= '1' && m[3] <= '9') {
                return new Opened(new BufferedInputStream(new BZip2CompressorInputStream(in, true), 1 << 16), "bzip2");
            }
            if (n == 6 && (m[0] & 0xff) == 0xfd && m[1] == '7' && m[2] == 'z' && m[3] == 'X' && m[4] == 'Z'
                    && m[5] == 0) {
                return new Opened(new BufferedInputStream(XZCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get(), 1 << 16), "xz");
            }
            return new Opened(in, null);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }
}
