package org.beaconwatch.ml.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;
import org.junit.jupiter.api.Test;

class LabelSpecTest {
    static final DataTable CTU = new DataTable(List.of(
            new Column.Categorical("label", Column.Role.LABEL,
                    new String[] {"Malicious", "Benign", "Background", null, "Malicious", "Malicious"}),
            new Column.Categorical("detailed_label", Column.Role.LABEL,
                    new String[] {"C&C", null, null, null, "DDoS", "PartOfAHorizontalPortScan"})), null, null);

    @Test
    void backgroundIsDroppedUnlessCountedAsBenign() {
        LabelSpec.Labels drop = new LabelSpec("label", null, false, false).read(CTU);
        assertThat(drop.classOf()).containsExactly("malicious", "benign", null, null, "malicious", "malicious");
        assertThat(drop.dropped()).isEqualTo(2);
        LabelSpec.Labels keep = new LabelSpec("label", null, false, true).read(CTU);
        assertThat(keep.classOf()[2]).isEqualTo("benign");
        assertThat(keep.positive()).containsExactly(true, false, false, false, true, true);
    }

    @Test
    void ctuClassesComeFromTheDetailedLabel() {
        LabelSpec.Labels l = new LabelSpec("label", null, true, false).read(CTU);
        assertThat(l.classOf()).containsExactly("cc", "normal", null, null, "ddos", "scan");
        assertThat(l.classes()).containsExactly("cc", "ddos", "normal", "scan");
    }

    @Test
    void anExplicitPositiveValueMakesEverythingElseNegative() {
        LabelSpec.Labels l = new LabelSpec("detailed_label", "C&C", false, false).read(CTU);
        assertThat(l.positive()).containsExactly(true, false, false, false, false, false);
        assertThat(l.classOf()[4]).isEqualTo("benign");
    }
}
