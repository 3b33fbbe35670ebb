package org.beaconwatch.live;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Tells whether a log is still the same file: its inode (rotation or a sensor restart replaces
 * it) and a fingerprint of its first record (survives rotation and compression, catches inode
 * reuse and rewriting in place).
 */
final class FileIdentity {
    private FileIdentity() {
    }

    /** The file's inode (or, without inodes, its creation time, odd); 0 when it does not exist. */
    static long inode(Path p) throws IOException {
        try {
            Object ino = Files.getAttribute(p, "unix:ino");
            return ((Number) ino).longValue();
        } catch (NoSuchFileException e) {
            return 0;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // no inodes on this file system: the creation time stands in for them
            return Files.exists(p) ? Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class)
                    .creationTime().toMillis() | 1 : 0;
        }
    }

    /**
     * Identifies a log across rotation, compression and inode reuse: its header and first record
     * (the bytes up to the end of the first line that is not a '#' header line, at most 64 KiB),
     * as a SHA-256 hex string; null while the file has no complete record yet.
     */
    static String fingerprint(Path p) {
        try (InputStream in = LogFiles.open(p)) {
            byte[] head = in.readNBytes(1 << 16);
            int pos = 0;
            while (pos < head.length) {
                int nl = pos;
                while (nl < head.length && head[nl] != '\n') {
                    nl++;
                }
                if (nl == head.length) {
                    return null;
                }
                if (head[pos] != '#') {
                    java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
                    md.update(head, 0, nl + 1);
                    return java.util.HexFormat.of().formatHex(md.digest());
                }
                pos = nl + 1;
            }
            return null;
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            return null;
        }
    }
}
