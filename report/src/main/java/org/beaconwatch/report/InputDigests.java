package org.beaconwatch.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.beaconwatch.report.ExploreResult.InputFile;

/** SHA-256 digests of input files, for the provenance of a report. */
public final class InputDigests {
    private InputDigests() {
    }

    /** Digests every regular file among {@code files}; other names (directories, streams) are skipped. */
    public static List<InputFile> of(List<String> files) throws IOException {
        List<InputFile> out = new ArrayList<>();
        for (String f : files) {
            Path p = Path.of(f);
            if (!Files.isRegularFile(p)) {
                continue;
            }
            MessageDigest md;
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            byte[] buf = new byte[1 << 16];
            try (InputStream in = Files.newInputStream(p)) {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    md.update(buf, 0, n);
                }
            }
            out.add(new InputFile(f, Files.size(p), HexFormat.of().formatHex(md.digest())));
        }
        return out;
    }
}
