package org.beaconwatch.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.beaconwatch.BuildInfo;
import org.beaconwatch.io.FileDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {
    @Test
    void recordsThisBuildTheTimeAndEveryFileOfAFolder(@TempDir Path dir) throws IOException {
        Path a = Files.writeString(dir.resolve("a.log"), "one\n");
        Files.createDirectories(dir.resolve("sub"));
        Path b = Files.writeString(dir.resolve("sub/b.log"), "two\n");
        Provenance p = Provenance.of("detect", "threshold=0.6", Provenance.digest(List.of(dir)));
        assertThat(p.version()).isEqualTo(BuildInfo.version()).isNotEqualTo("unknown");
        assertThat(p.label()).isEqualTo("beaconwatch " + BuildInfo.version() + " detect");
        assertThat(p.created()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(p.inputs()).containsExactly(new Provenance.Input(a.toString(), 4, FileDigest.sha256(a)),
                new Provenance.Input(b.toString(), 4, FileDigest.sha256(b)));
    }
}
