package org.beaconwatch.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.beaconwatch.flow.Flow;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.flow.NameSource;
import org.beaconwatch.flow.Protocol;
import org.junit.jupiter.api.Test;

/** The Zeek TSV reader on the real captures in the shared data folder (counts from its README). */
class ZeekTsvRealDataTest {

    @Test
    void njratLabelledConnLog() throws IOException {
        TestData.Result r = TestData.readAll(TestData.shared("stratosphere-njrat-ctu-malware-230-1-zeek/labeled-conn.log"));
        assertThat(r.flows()).hasSize(992);
        assertThat(r.reports()).singleElement().satisfies(rep -> {
            assertThat(rep.format()).isEqualTo(LogFormat.ZEEK_CONN_TSV);
            assertThat(rep.recordsRead()).isEqualTo(992);
            assertThat(rep.recordsSkipped()).isZero();
        });
        assertThat(r.count(Flow::label, "Malicious")).isEqualTo(244);
        assertThat(r.count(Flow::label, "Background")).isEqualTo(739);
        assertThat(r.count(Flow::label, "Benign")).isEqualTo(9);
        assertThat(r.count(Flow::detailedLabel, "CC")).isEqualTo(244);
        long c2 = r.flows().stream().filter(f -> f.dst().equals(IpAddress.parse("41.108.179.197"))
                && f.dstPort() == 1177 && "CC".equals(f.detailedLabel())).count();
        assertThat(c2).isEqualTo(237);
        Flow first = r.flows().get(0);
        assertThat(first.tsMicros()).isEqualTo(19_981_745L);
        assertThat(first.src()).isEqualTo(IpAddress.parse("fd2d:ab8c:225:0:81d3:fd3e:7f62:aec8"));
        assertThat(first.proto()).isEqualTo(Protocol.UDP);
        assertThat(first.service()).isEqualTo("dns");
        assertThat(first.durationMicros()).isEqualTo(136_721L);
        assertThat(first.origBytes()).isEqualTo(34);
        assertThat(first.respIpBytes()).isEqualTo(98);
        assertThat(first.detailedLabel()).as("(empty) is no value").isNull();
        assertThat(first.uid()).isEqualTo("C91Ycq25p2quMWzEMk");
    }

    @Test
    void remcosLabelledConnLog() throws IOException {
        TestData.Result r = TestData.readAll(TestData.shared("stratosphere-remcos-ctu-sme-11-zeek/conn.log.labeled"));
        assertThat(r.flows()).hasSize(766);
        assertThat(r.count(Flow::label, "Malicious")).isEqualTo(719);
        assertThat(r.count(Flow::label, "Benign")).isEqualTo(44);
        assertThat(r.count(Flow::label, "Unknown")).isEqualTo(3);
    }

    @Test
    void iot23VariantSplitsTheLastFieldOnThreeSpaces() throws IOException {
        TestData.Result r = TestData.readAll(TestData.shared(
                "iot23-ctu-iot-malware-capture-34-1-mirai-zeek/conn.log.labeled"));
        assertThat(r.flows()).hasSize(23_145);
        assertThat(r.reports().get(0).recordsSkipped()).isZero();
        assertThat(r.count(Flow::detailedLabel, "C&C")).isEqualTo(6_706);
        assertThat(r.count(Flow::detailedLabel, "DDoS")).isEqualTo(14_394);
        assertThat(r.count(Flow::detailedLabel, "PartOfAHorizontalPortScan")).isEqualTo(122);
        assertThat(r.count(Flow::label, "Benign")).isEqualTo(1_923);
        assertThat(r.count(Flow::detailedLabel, null)).isEqualTo(1_923);
        Flow first = r.flows().get(0);
        assertThat(first.tsMicros()).isEqualTo(1_545_403_816_962_094L);
        assertThat(first.durationMicros()).isEqualTo(3_139_211L);
        Flow second = r.flows().get(1);
        assertThat(second.durationMicros()).as("'-' is unset").isEqualTo(Flow.UNSET);
        assertThat(second.origBytes()).isEqualTo(Flow.UNSET);
        assertThat(second.origPkts()).isEqualTo(1);
    }

    @Test
    void ctu50BenignWindowsHosts() throws IOException {
        TestData.Result day1 = TestData.readAll(TestData.shared(
                "stratosphere-ctu50-benign-windows-zeek/008-ctu-normal-40-day1.conn.log.labeled"));
        assertThat(day1.flows()).hasSize(5_663);
        assertThat(day1.count(Flow::label, "Benign")).isEqualTo(1_402);
        assertThat(day1.count(Flow::label, "Malicious")).isEqualTo(4_201);
        assertThat(day1.count(Flow::label, "Background")).isEqualTo(60);
        TestData.Result day2 = TestData.readAll(TestData.shared(
                "stratosphere-ctu50-benign-windows-zeek/010-ctu-normal-42-day2.conn.log.labeled"));
        assertThat(day2.flows()).hasSize(5_347);
        assertThat(day2.count(Flow::label, "Benign")).isEqualTo(1_937);
        assertThat(day2.count(Flow::label, "Malicious")).isEqualTo(3_373);
    }

    @Test
    void bothCtu50DaysAsOneDirectory() throws IOException {
        Path dir = TestData.shared("stratosphere-ctu50-benign-windows-zeek");
        TestData.Result r = TestData.readAll(dir);
        assertThat(r.flows()).hasSize(5_663 + 5_347);
        assertThat(r.reports()).extracting(FileReport::file).containsExactly(
                dir + "/008-ctu-normal-40-day1.conn.log.labeled", dir + "/010-ctu-normal-42-day2.conn.log.labeled");
    }

    @Test
    void ritaProxyConnectTargetsJoinedByUid() throws IOException {
        Path dir = TestData.shared("activecm-rita-proxy-beacon-zeek");
        TestData.Result r = TestData.readAll(dir);
        assertThat(r.flows()).hasSize(463);
        assertThat(r.count(Flow::serverName, "www.honestimnotevil.com")).isEqualTo(397);
        assertThat(r.count(Flow::serverName, "www.google.com")).isEqualTo(10);
        assertThat(r.flows()).filteredOn(f -> "www.honestimnotevil.com".equals(f.serverName()))
                .allMatch(f -> f.nameSource() == NameSource.HTTP_CONNECT);
        assertThat(r.reports()).extracting(FileReport::format).contains(LogFormat.ZEEK_SSL, LogFormat.ZEEK_HTTP,
                LogFormat.ZEEK_DNS, LogFormat.ZEEK_CONN_TSV);
        assertThat(r.reports()).filteredOn(rep -> rep.format() == LogFormat.ZEEK_HTTP)
                .singleElement().extracting(FileReport::recordsRead).isEqualTo(407L);
    }

    @Test
    void ritaProxyFilesListedSeparatelyJoinToo() throws IOException {
        Path dir = TestData.shared("activecm-rita-proxy-beacon-zeek");
        TestData.Result r = TestData.readAll(dir.resolve("conn.log"), dir.resolve("http.log"));
        assertThat(r.count(Flow::serverName, "www.honestimnotevil.com")).isEqualTo(397);
    }
}
