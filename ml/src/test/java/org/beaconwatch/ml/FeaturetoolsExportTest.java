package org.beaconwatch.ml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.beaconwatch.io.ReadOptions;
import org.beaconwatch.ml.features.FeatureSet;
import org.beaconwatch.ml.features.FeatureSets;
import org.beaconwatch.ml.features.FittedFeatures;
import org.beaconwatch.ml.model.LabelSpec;
import org.beaconwatch.table.DataTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Featuretools LANL export read by the flow readers: computer names are the entities of plain train. */
class FeaturetoolsExportTest {
    @Test
    void computerNamesAreTheEntitiesAndAIsPositive(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>(List.of("secs,src_name,dest_name,src_host,dest_host,label"));
        for (int i = 0; i < 60; i++) {
            lines.add((i * 60) + ",U" + (i % 5) + "@DOM1,U" + (i % 5) + "@DOM1,C" + (i % 7) + ",C" + (i % 3) + ","
                    + (i % 10 == 0 ? "A" : i % 13 == 0 ? "N/A" : "N"));
        }
        Path f = Files.write(dir.resolve("export.csv"), lines);
        DataTable t = TableInputs.read(List.of(f), ReadOptions.defaults()).table();
        LabelSpec.Labels labels = new LabelSpec("label", null, false, false).read(t);
        assertThat(labels.usableRows()).hasSize(60 - 4); // N/A (rows 13, 26, 39, 52) is no label
        int positives = 0;
        for (int r : labels.usableRows()) {
            positives += labels.positive()[r] ? 1 : 0;
        }
        assertThat(positives).isEqualTo(6);
        FeatureSet fs = FeatureSets.of("auto", t, List.of("label"));
        assertThat(fs.name()).isEqualTo("entity");
        FittedFeatures ff = fs.fit(t, labels.usableRows(), labels.positive());
        assertThat(ff.inputColumns()).contains("src_host_name", "dst_host_name").doesNotContain("src_name");
    }
}
