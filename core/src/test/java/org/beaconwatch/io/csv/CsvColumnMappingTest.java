package org.beaconwatch.io.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.beaconwatch.io.LogFormat;
import org.junit.jupiter.api.Test;

/** Which header column fills which field, per profile, and which columns are kept as extras. */
class CsvColumnMappingTest {

    @Test
    void beaconEventsHeaderMapsByProfileAndKeepsTheRest() throws IOException {
        CsvColumnMapping m = new CsvColumnMapping(List.of("event_id", "timestamp", "src_ip", "dst_ip", "dst_port",
                "protocol", "bytes_out", "bytes_in", "label"), LogFormat.CSV_BEACON_EVENTS, Map.of(), "e.csv");
        assertThat(m.mapping()).containsExactly(Map.entry("ts", "timestamp"), Map.entry("src", "src_ip"),
                Map.entry("dst", "dst_ip"), Map.entry("dport", "dst_port"), Map.entry("proto", "protocol"),
                Map.entry("orig_bytes", "bytes_out"), Map.entry("resp_bytes", "bytes_in"), Map.entry("label", "label"));
        assertThat(m.extraNames).containsExactly("event_id");
        assertThat(m.serviceFromProto).as("protocol names like https fill service too").isTrue();
        assertThat(m.headerless).isFalse();
    }

    @Test
    void featuretoolsExportKeepsItsUserColumnsAndNamesTheComputersApart() throws IOException {
        CsvColumnMapping m = new CsvColumnMapping(List.of("secs", "src_name", "dest_name", "src_host", "dest_host",
                "label"), LogFormat.CSV_FLOWS, Map.of(), "f.csv");
        assertThat(m.mapping()).containsEntry("ts", "secs").containsEntry("src", "src_host")
                .containsEntry("dst", "dest_host");
        assertThat(m.extraNames).containsExactly("src_name", "dest_name", "src_host_name", "dst_host_name");
        assertThat(m.srcNameSlot).isEqualTo(2);
        assertThat(m.dstNameSlot).isEqualTo(3);
    }

    @Test
    void explicitMapIsCaseInsensitiveOnHeaderNames() throws IOException {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("ts", "When");
        map.put("SRC", "from");
        CsvColumnMapping m = new CsvColumnMapping(List.of("when", "from", "note"), LogFormat.CSV_MAPPED, map, "m.csv");
        assertThat(m.mapping()).containsExactly(Map.entry("ts", "when"), Map.entry("src", "from"));
        assertThat(m.extraNames).containsExactly("note");
        assertThat(m.srcNameSlot).as("host-name slots are for flow CSVs only").isEqualTo(-1);
    }
}
