package org.beaconwatch.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.beaconwatch.flow.Flow;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.flow.NameSource;
import org.beaconwatch.flow.Protocol;
import org.junit.jupiter.api.Test;

class FlowTablesTest {

    private static Flow flow(long ts, String src, long bytes, String label, Map<String, String> extra) {
        return new Flow(ts, 1_500_000L, IpAddress.parse(src), 50000, IpAddress.parse("8.8.8.8"), 443, Protocol.TCP,
                "ssl", bytes, Flow.UNSET, Flow.UNSET, Flow.UNSET, Flow.UNSET, Flow.UNSET, "SF", null, label, null,
                null, NameSource.NONE, extra);
    }

    @Test
    void keepsOnlyColumnsTheInputCarriesAndTypesExtras() {
        List<String> extras = List.of("proc_name", "inter_event_seconds");
        DataTable t = FlowTables.of(List.of(
                flow(1_000_000L, "10.0.0.1", 300, "1", Map.of("proc_name", "rundll32.exe", "inter_event_seconds", "60.5")),
                flow(2_000_000L, "10.0.0.2", -1, "0", Map.of("proc_name", "chrome.exe", "inter_event_seconds", ""))),
                extras);
        assertThat(t.rows()).isEqualTo(2);
        assertThat(t.names()).contains("ts", "duration", "src", "dst_port", "orig_bytes", "label", "proc_name")
                .doesNotContain("resp_bytes", "uid", "server_name");
        Column ies = t.column("inter-event-seconds").orElseThrow();
        assertThat(ies).isInstanceOf(Column.Numeric.class);
        assertThat(ies.missingCount()).isEqualTo(1);
        assertThat(t.column("orig_bytes").orElseThrow().missingCount()).isEqualTo(1);
        assertThat(t.column("proc_name").orElseThrow()).isInstanceOf(Column.Categorical.class);
        assertThat(t.column("ts").orElseThrow().text(1)).isEqualTo("2");
    }

    @Test
    void selectKeepsRowsAndSources() {
        DataTable t = FlowTables.of(List.of(flow(1, "10.0.0.1", 1, "a", Map.of()), flow(2, "10.0.0.2", 2, "b", Map.of())),
                List.of());
        DataTable s = t.select(new int[] {1});
        assertThat(s.rows()).isEqualTo(1);
        assertThat(s.column("label").orElseThrow().text(0)).isEqualTo("b");
    }
}
