package org.beaconwatch.ml.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * SHA-256 digest of one training input file, recorded in a model's provenance.
 *
 * @param path   the file as named to the user
 * @param sha256 hex digest of its bytes
 * @param bytes  its size
 */
public record InputDigest(String path, String sha256, long bytes) implements java.io.Serializable {

    /** Digests every file of {@code inputs} (directories: every regular file inside, sorted). */
    public static List<InputDigest> of(List<Path> inputs) throws IOException {
        List<InputDigest> out = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                List<Path> files;
                try (Stream<Path> s = Files.walk(p)) {
                    files = s.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path f : files) {
                    out.add(digest(f));
                }
            } else {
                out.add(digest(p));
            }
        }
        return out;
    }

    static InputDigest digest(Path f) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long n = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(f)) {
            int k;
            while ((k = in.read(buf)) > 0) {
                md.update(buf, 0, k);
                n += k;
            }
        }
        return new InputDigest(f.toString(), HexFormat.of().formatHex(md.digest()), n);
    }
}
