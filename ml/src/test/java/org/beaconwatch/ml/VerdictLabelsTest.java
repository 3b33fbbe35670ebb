package org.beaconwatch.ml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;
import org.beaconwatch.verdict.Verdict;
import org.junit.jupiter.api.Test;

class VerdictLabelsTest {
    static final DataTable CHANNELS = new DataTable(List.of(
            new Column.Categorical("src", Column.Role.IDENTIFIER, new String[] {"10.0.0.5", "10.0.0.5", "10.0.0.6",
                "10.0.0.7", "10.0.0.8"}),
            new Column.Categorical("dst", Column.Role.IDENTIFIER, new String[] {"1.2.3.4", "5.6.7.8", "1.2.3.4",
                "9.9.9.9", "8.8.8.8"}),
            new Column.Numeric("dst_port", Column.Role.IDENTIFIER, new double[] {443, 80, 443, 53, 53}),
            new Column.Categorical("server_name", Column.Role.IDENTIFIER, new String[] {null, null, null, null, null}),
            new Column.Categorical("label", Column.Role.LABEL, new String[] {"Benign", "Benign", "Malicious", null,
                "Benign"})), null, List.of("channels"));

    static Verdict v(String src, String dst, int port, Verdict.Kind k) {
        return new Verdict(src, dst, port, "", k, "", "ann", "2026-11-30", 2);
    }

    @Test
    void verdictsAloneLabelOnlyTheChannelsTheyNameAndTheLastVerdictWins() {
        List<Verdict> vs = List.of(v("10.0.0.5", "1.2.3.4", 443, Verdict.Kind.MALICIOUS),
                v("10.0.0.6", "1.2.3.4", -1, Verdict.Kind.MALICIOUS),
                v("10.0.0.6", "1.2.3.4", -1, Verdict.Kind.BENIGN),
                v("10.0.0.7", "9.9.9.9", 53, Verdict.Kind.UNSURE));
        VerdictLabels.Applied a = VerdictLabels.apply(CHANNELS, vs, null);
        Column l = a.table().column(VerdictLabels.COLUMN).orElseThrow();
        assertThat(l.text(0)).isEqualTo("malicious");
        assertThat(l.isMissing(1)).isTrue();
        assertThat(l.text(2)).isEqualTo("benign");
        assertThat(l.isMissing(3)).isTrue();
        assertThat(a.malicious()).isEqualTo(1);
        assertThat(a.benign()).isEqualTo(1);
        assertThat(a.unsure()).isEqualTo(1);
        assertThat(a.fromLabel()).isZero();
    }

    @Test
    void onTopOfCaptureLabelsVerdictsOverrideAndUnsureFallsBack() {
        List<Verdict> vs = List.of(v("10.0.0.5", "1.2.3.4", 443, Verdict.Kind.MALICIOUS),
                v("10.0.0.8", "8.8.8.8", 53, Verdict.Kind.UNSURE));
        VerdictLabels.Applied a = VerdictLabels.apply(CHANNELS, vs, "label");
        Column l = a.table().column(VerdictLabels.COLUMN).orElseThrow();
        assertThat(l.text(0)).isEqualTo("malicious");
        assertThat(l.text(1)).isEqualTo("Benign");
        assertThat(l.text(2)).isEqualTo("Malicious");
        assertThat(l.isMissing(3)).isTrue();
        assertThat(l.text(4)).isEqualTo("Benign");
        assertThat(a.fromLabel()).isEqualTo(3);
    }
}
