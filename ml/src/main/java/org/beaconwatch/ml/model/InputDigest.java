package org.beaconwatch.ml.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.beaconwatch.io.FileDigest;

/**
 * SHA-256 digest of one training input file, recorded in a model's provenance.
 *
 * @param path   the file as named to the user
 * @param sha256 hex digest of its bytes
 * @param bytes  its size
 */
public record InputDigest(String path, String sha256, long bytes) {

    /** Digests every file of {@code inputs} (directories: every regular file inside, sorted). */
    public static List<InputDigest> of(List<Path> inputs) throws IOException {
        List<InputDigest> out = new ArrayList<>();
        for (Path f : FileDigest.files(inputs)) {
            out.add(digest(f));
        }
        return out;
    }

    static InputDigest digest(Path f) throws IOException {
        return new InputDigest(f.toString(), FileDigest.sha256(f), Files.size(f));
    }

    /** This digest as an input of the shared {@link org.beaconwatch.output.Provenance}. */
    public org.beaconwatch.output.Provenance.Input toInput() {
        return new org.beaconwatch.output.Provenance.Input(path, bytes, sha256);
    }

    /** An input of the shared provenance as a model-file digest. */
    public static InputDigest of(org.beaconwatch.output.Provenance.Input in) {
        return new InputDigest(in.path(), in.sha256(), in.bytes());
    }
}
