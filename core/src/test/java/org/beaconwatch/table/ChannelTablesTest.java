package org.beaconwatch.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.beaconwatch.io.FlowInputs;
import org.beaconwatch.io.FlowSource;
import org.beaconwatch.io.ReadOptions;
import org.beaconwatch.score.BeaconDetector;
import org.beaconwatch.score.DetectOptions;
import org.beaconwatch.score.DetectionResult;
import org.junit.jupiter.api.Test;

class ChannelTablesTest {
    @Test
    void njratChannelsCarryFeaturesAndTheirLabel() throws Exception {
        String d = System.getProperty("beaconwatch.data");
        assumeTrue(d != null && Files.isDirectory(Path.of(d)), "shared data folder is absent; skipping");
        DetectionResult r;
        try (FlowSource s = FlowInputs.open(List.of(Path.of(d, "stratosphere-njrat-ctu-malware-230-1-zeek")),
                ReadOptions.defaults())) {
            r = new BeaconDetector().detect(s, DetectOptions.defaults(), rows -> { });
        }
        DataTable t = ChannelTables.fromFindings(r.findings());
        assertThat(t.rows()).isEqualTo(r.findings().size());
        assertThat(t.column("timing_score")).isPresent();
        assertThat(t.column("score").orElseThrow()).isInstanceOf(Column.Numeric.class);
        Column label = t.column("label").orElseThrow();
        Column dst = t.column("dst").orElseThrow();
        int c2 = -1;
        for (int i = 0; i < t.rows(); i++) {
            if (dst.text(i).equals("41.108.179.197")) {
                c2 = i;
            }
        }
        assertThat(c2).isGreaterThanOrEqualTo(0);
        assertThat(label.text(c2)).isEqualTo("Malicious");
    }
}
