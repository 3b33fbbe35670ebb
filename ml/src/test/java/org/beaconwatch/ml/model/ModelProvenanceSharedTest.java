package org.beaconwatch.ml.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.beaconwatch.output.Provenance;
import org.junit.jupiter.api.Test;

/** A model file keeps its provenance layout and maps to the product's one provenance record. */
class ModelProvenanceSharedTest {
    @Test
    void mapsToTheSharedRecordAndBack() {
        InputDigest d = new InputDigest("train.csv", "ab".repeat(32), 1234);
        ModelProvenance p = new ModelProvenance(ModelProvenance.FORMAT_VERSION, "9.8.7", Map.of(), "gbt", "event",
                List.of("a"), List.of("x"), new LabelSpec("label", null, false, false), List.of("benign", "malicious"),
                "random", 42, 5, 0.25, 0.4, 100, List.of(d), Map.of(), Map.of("trees", "200"), null, null);
        Provenance shared = p.shared();
        assertThat(shared.tool()).isEqualTo(Provenance.TOOL);
        assertThat(shared.version()).isEqualTo("9.8.7");
        assertThat(shared.command()).isEqualTo("train");
        assertThat(shared.options()).contains("model=gbt", "seed=42", "trees=200");
        assertThat(shared.inputs()).containsExactly(new Provenance.Input("train.csv", 1234, "ab".repeat(32)));
        assertThat(InputDigest.of(shared.inputs().get(0))).isEqualTo(d);
    }
}
