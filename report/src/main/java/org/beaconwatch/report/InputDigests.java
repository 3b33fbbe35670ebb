package org.beaconwatch.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.beaconwatch.io.FileDigest;
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
            out.add(new InputFile(f, Files.size(p), FileDigest.sha256(p)));
        }
        return out;
    }
}
