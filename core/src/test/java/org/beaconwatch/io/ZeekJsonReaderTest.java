package org.beaconwatch.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.beaconwatch.flow.Flow;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.flow.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Zeek conn.log as JSON lines. */
class ZeekJsonReaderTest {
    @TempDir
    Path tmp;

    @Test
    void slipsJsonSample() throws IOException {
        TestData.Result r = TestData.readAll(TestData.shared("slips-zeek-json-sample/conn.json.log"));
        assertThat(r.flows()).hasSize(576);
        assertThat(r.reports().get(0).format()).isEqualTo(LogFormat.ZEEK_CONN_JSON);
        assertThat(r.reports().get(0).recordsSkipped()).isZero();
        assertThat(r.flows().stream().filter(f -> f.proto() == Protocol.TCP).count()).isEqualTo(319);
        assertThat(r.flows().stream().filter(f -> f.proto() == Protocol.ICMP).count()).isEqualTo(6);
        Flow first = r.flows().get(0);
        assertThat(first.tsMicros()).isEqualTo(22_335_172L);
        assertThat(first.src()).isEqualTo(IpAddress.parse("fe80::1cf4:44d2:904a:14f7"));
        assertThat(first.durationMicros()).as("0.09628199999999865 s rounds to the microsecond").isEqualTo(96_282L);
        assertThat(first.origIpBytes()).isEqualTo(146);
    }

    @Test
    void isoTimestampsNestedIdAbsentFieldsAndBadLines() throws IOException {
        Path f = TestData.write(tmp, "conn.json", """
                                                  {"ts":"2024-01-02T03:04:05.250000Z","uid":"C1","id.orig_h":"10.0.0.1","id.orig_p":5,"id.resp_h":"10.0.0.2","id.resp_p":443,"proto":"tcp","conn_state":"S0"}
                                                  {"ts":1.7e9,"uid":"C2","id":{"orig_h":"2001:db8::1","orig_p":1,"resp_h":"2001:db8::2","resp_p":53},"proto":"udp","label":"Malicious","detailed-label":"C&C"}
                                                  {"ts":3.0,"id.orig_h":"999.1.1.1"}
                                                  {"ts":4.0, broken
                                                  {"uid":"C5"}\
                                                  """);
        TestData.Result r = TestData.readAll(f);
        assertThat(r.flows()).hasSize(2);
        Flow a = r.flows().get(0);
        assertThat(a.tsMicros()).isEqualTo(1_704_164_645_250_000L);
        assertThat(a.durationMicros()).isEqualTo(Flow.UNSET);
        assertThat(a.origBytes()).isEqualTo(Flow.UNSET);
        assertThat(a.connState()).isEqualTo("S0");
        Flow b = r.flows().get(1);
        assertThat(b.tsMicros()).isEqualTo(1_700_000_000_000_000L);
        assertThat(b.dst()).isEqualTo(IpAddress.parse("2001:db8::2"));
        assertThat(b.dstPort()).isEqualTo(53);
        assertThat(b.detailedLabel()).isEqualTo("C&C");
        assertThat(r.reports().get(0).recordsSkipped()).isEqualTo(3);
        assertThat(r.reports().get(0).examples().get(0)).isEqualTo(f + ":3: bad address in id.orig_h: '999.1.1.1'");
        assertThat(r.reports().get(0).examples().get(1)).startsWith(f + ":4: bad JSON: ");
        assertThat(r.reports().get(0).examples().get(2)).isEqualTo(f + ":5: missing ts");
    }
}
