package org.beaconwatch.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.beaconwatch.flow.Flow;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.flow.NameSource;
import org.beaconwatch.flow.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV profiles (beacon events, NSL-KDD, LANL-style flows) and the explicit column map. */
class CsvReaderTest {
    @TempDir
    Path tmp;

    @Test
    void beaconEventsTrainingSet() throws IOException {
        TestData.Result r = TestData.readAll(TestData.shared("beacon-events-synthetic/beacon_events_train.csv"));
        assertThat(r.flows()).hasSize(10_000);
        assertThat(r.reports().get(0).format()).isEqualTo(LogFormat.CSV_BEACON_EVENTS);
        assertThat(r.reports().get(0).recordsSkipped()).isZero();
        assertThat(r.count(Flow::label, "1")).isEqualTo(2_236);
        assertThat(r.count(Flow::label, "0")).isEqualTo(7_764);
        assertThat(r.source().extraColumns()).containsExactly("event_id", "host_id", "inter_event_seconds",
                "proc_name", "user", "country_code", "signed_binary");
        Flow f = r.flows().get(0);
        // EVT-373857567,HOST-116,2025-02-02 19:44:31,192.168.59.229,30.22.199.92,53,dns,7883,3178,60.97...,rundll32.exe,user032,JP,0,1
        assertThat(f.tsMicros()).isEqualTo(1_738_525_471_000_000L);
        assertThat(f.src()).isEqualTo(IpAddress.parse("192.168.59.229"));
        assertThat(f.dstPort()).isEqualTo(53);
        assertThat(f.service()).isEqualTo("dns");
        assertThat(f.proto()).as("dns implies udp").isEqualTo(Protocol.UDP);
        assertThat(f.origBytes()).isEqualTo(7883);
        assertThat(f.respBytes()).isEqualTo(3178);
        assertThat(f.extra()).containsEntry("proc_name", "rundll32.exe").containsEntry("event_id", "EVT-373857567")
                .containsEntry("host_id", "HOST-116").containsEntry("user", "user032")
                .containsEntry("country_code", "JP").containsEntry("signed_binary", "0")
                .containsKey("inter_event_seconds");
        assertThat(f.extra()).doesNotContainKeys("label", "src_ip");
        assertThat(r.flows().stream().filter(x -> x.proto() == Protocol.TCP).count())
                .as("5,384 tcp and 2,756 https rows").isEqualTo(5_384 + 2_756);
        assertThat(r.flows().stream().filter(x -> x.proto() == Protocol.UNKNOWN).count()).isZero();
        assertThat(r.flows().stream().filter(x -> x.extra().get("inter_event_seconds").isEmpty()).count())
                .as("empty inter_event_seconds stay empty").isEqualTo(500);
        TestData.Result eval = TestData.readAll(TestData.shared("beacon-events-synthetic/beacon_events_eval_unlabeled.csv"));
        assertThat(eval.flows()).hasSize(5_000);
        assertThat(eval.count(Flow::label, null)).isEqualTo(5_000);
    }

    @Test
    void nslKddTestSet() throws IOException {
        TestData.Result r = TestData.readAll(TestData.shared("nsl-kdd/KDDTest+.txt"));
        assertThat(r.flows()).hasSize(22_544);
        assertThat(r.reports().get(0).format()).isEqualTo(LogFormat.CSV_NSL_KDD);
        assertThat(r.count(Flow::label, "normal")).isEqualTo(9_711);
        Flow f = r.flows().get(2); // 2,tcp,ftp_data,SF,12983,0,...
        assertThat(f.durationMicros()).isEqualTo(2_000_000L);
        assertThat(f.proto()).isEqualTo(Protocol.TCP);
        assertThat(f.service()).isEqualTo("ftp_data");
        assertThat(f.connState()).isEqualTo("SF");
        assertThat(f.origBytes()).isEqualTo(12_983);
        assertThat(f.src()).isEqualTo(IpAddress.NONE);
        assertThat(f.tsMicros()).isZero();
        assertThat(f.extra()).containsEntry("#correctly_predicted", "21").containsEntry("dst_host_count", "134")
                .hasSize(43 - 7);
    }

    @Test
    void headerlessKddRecords() throws IOException {
        String rec = "0,udp,private,SF,105,146,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,1,0.00,0.00,0.00,0.00,1.00,0.00,0.00,"
                + "255,254,1.00,0.01,0.00,0.00,0.00,0.00,0.00,0.00,normal.";
        Path f = TestData.write(tmp, "kddcup.data", rec + "\n" + rec.replace("normal.", "smurf.") + "\n");
        TestData.Result r = TestData.readAll(f);
        assertThat(r.reports().get(0).format()).isEqualTo(LogFormat.CSV_NSL_KDD);
        assertThat(r.flows()).extracting(Flow::label).containsExactly("normal.", "smurf.");
        assertThat(r.flows().get(0).proto()).isEqualTo(Protocol.UDP);
        assertThat(r.flows().get(0).respBytes()).isEqualTo(146);
    }

    @Test
    void featuretoolsLanlExportIsReadWithComputerNamesAndItsOwnUserColumns() throws IOException {
        Path f = TestData.write(tmp, "export.csv", """
                secs,src_name,dest_name,src_host,dest_host,label
                10,U1@DOM1,U1@DOM1,C1,C2,N
                20,U2@DOM1,U9@DOM1,C3,C4,A
                30,U3@DOM1,U3@DOM1,C5,C6,N/A
                """);
        TestData.Result r = TestData.readAll(f);
        assertThat(r.reports().get(0).format()).isEqualTo(LogFormat.CSV_FLOWS);
        assertThat(r.flows()).hasSize(3);
        Flow b = r.flows().get(1);
        assertThat(b.tsMicros()).isEqualTo(20_000_000L);
        assertThat(b.src()).as("computer names are no addresses").isEqualTo(IpAddress.NONE);
        assertThat(b.extra()).containsEntry("src_host_name", "C3").containsEntry("dst_host_name", "C4")
                .containsEntry("src_name", "U2@DOM1").containsEntry("dest_name", "U9@DOM1");
        assertThat(b.label()).isEqualTo("A");
        assertThat(org.beaconwatch.table.LabelClasses.binaryClass(r.flows().get(0).label())).isEqualTo("benign");
        assertThat(org.beaconwatch.table.LabelClasses.binaryClass(b.label())).isEqualTo("malicious");
        assertThat(org.beaconwatch.table.LabelClasses.binaryClass(r.flows().get(2).label())).isEqualTo("unknown");
    }

    @Test
    void lanlStyleFlowsKeepComputerNamesAsExtras() throws IOException {
        Path f = TestData.write(tmp, "flows.csv", "time,duration,src_computer,src_port,dst_computer,dst_port,protocol,"
                + "packet_count,byte_count\n"
                + "1,0,C1065,389,C3799,N10451,6,10,5323\n"
                + "2,3,10.1.1.1,N123,10.2.2.2,53,17,2,160\n");
        TestData.Result r = TestData.readAll(f);
        assertThat(r.reports().get(0).format()).isEqualTo(LogFormat.CSV_FLOWS);
        Flow a = r.flows().get(0);
        assertThat(a.src()).isEqualTo(IpAddress.NONE);
        assertThat(a.extra()).containsEntry("src_name", "C1065").containsEntry("dst_name", "C3799")
                .containsEntry("packet_count", "10").containsEntry("byte_count", "5323");
        assertThat(a.srcPort()).isEqualTo(389);
        assertThat(a.dstPort()).as("anonymised port").isEqualTo(-1);
        assertThat(a.proto()).isEqualTo(Protocol.TCP);
        assertThat(a.tsMicros()).isEqualTo(1_000_000L);
        Flow b = r.flows().get(1);
        assertThat(b.src()).isEqualTo(IpAddress.parse("10.1.1.1"));
        assertThat(b.extra().get("src_name")).isNull();
        assertThat(b.proto()).isEqualTo(Protocol.UDP);
        assertThat(b.durationMicros()).isEqualTo(3_000_000L);
    }

    @Test
    void explicitColumnMapWithIsoTimesAndBadRows() throws IOException {
        Path f = TestData.write(tmp, "export.txt", """
                                                   when,from,to,to_port,sni,verdict,note
                                                   2024-03-01T10:00:00.5+01:00,10.0.0.1,192.0.2.1,443,evil.example,bad,x
                                                   1709287200.25,10.0.0.1,192.0.2.1,443,,good,"quoted, with comma"
                                                   2024-03-01 09:00:00,10.0.0.1,not-an-ip,443,,good,y
                                                   2024-03-01 09:00:00,10.0.0.1,192.0.2.1,99999,,good,y
                                                   yesterday,10.0.0.1,192.0.2.1,443,,good,y
                                                   2024-03-01 09:00:00,10.0.0.1
                                                   """);
        ReadOptions o = ReadOptions.defaults().withColumnMap(Map.of("ts", "when", "src", "from", "dst", "to",
                "dport", "to_port", "server_name", "sni", "label", "verdict"));
        TestData.Result r = TestData.readAll(o, f);
        assertThat(r.reports().get(0).format()).isEqualTo(LogFormat.CSV_MAPPED);
        assertThat(r.flows()).hasSize(2);
        Flow a = r.flows().get(0);
        assertThat(a.tsMicros()).isEqualTo(1_709_283_600_500_000L);
        assertThat(a.serverName()).isEqualTo("evil.example");
        assertThat(a.nameSource()).isEqualTo(NameSource.INPUT);
        assertThat(a.extra()).containsExactly(Map.entry("note", "x"));
        Flow b = r.flows().get(1);
        assertThat(b.tsMicros()).isEqualTo(1_709_287_200_250_000L);
        assertThat(b.extra()).containsEntry("note", "quoted, with comma");
        assertThat(r.reports().get(0).examples()).containsExactly(
                f + ":4: bad address in to: 'not-an-ip'",
                f + ":5: bad port in to_port: '99999'",
                f + ":6: bad timestamp in when: 'yesterday'",
                f + ":7: expected 7 comma-separated fields, found 2");
    }

    @Test
    void columnMapNamingAMissingColumnFails() {
        Path f = TestData.write(tmp, "export.csv", "a,b\n1,2\n");
        ReadOptions o = ReadOptions.defaults().withColumnMap(Map.of("ts", "time"));
        assertThatThrownBy(() -> TestData.readAll(o, f)).isInstanceOf(MalformedRecordException.class)
                .hasMessage(f + ": column 'time' (for ts) is not in the header: a,b");
        ReadOptions bad = ReadOptions.defaults().withColumnMap(Map.of("colour", "a"));
        assertThatThrownBy(() -> TestData.readAll(bad, f)).hasMessageStartingWith(f + ": unknown field 'colour' in column map");
    }
}
