package org.beaconwatch.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.beaconwatch.flow.Flow;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.flow.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argus binetflow on the real CTU-style files and on small fixtures. */
class BinetflowReaderTest {
    @TempDir
    Path tmp;

    @Test
    void testCcCaptures() throws IOException {
        TestData.Result c1 = TestData.readAll(TestData.shared("slips-test-cc-periodic-https/test-cc-capture-1.binetflow"));
        assertThat(c1.flows()).hasSize(297);
        assertThat(c1.reports().get(0).format()).isEqualTo(LogFormat.ARGUS_BINETFLOW);
        assertThat(c1.count(Flow::label, "Periodic-HTTPS-curl-beacon")).isEqualTo(297);
        Flow f = c1.flows().get(0);
        // 2024/02/08 15:16:39.842117 UTC
        assertThat(f.tsMicros()).isEqualTo(1_707_405_399_842_117L);
        assertThat(f.durationMicros()).isEqualTo(171_869L);
        assertThat(f.src()).isEqualTo(IpAddress.parse("147.32.80.37"));
        assertThat(f.dst()).isEqualTo(IpAddress.parse("141.193.213.21"));
        assertThat(f.dstPort()).isEqualTo(443);
        assertThat(f.srcPort()).isEqualTo(39210);
        assertThat(f.connState()).isEqualTo("FIN");
        assertThat(f.origBytes()).isEqualTo(1773);
        assertThat(f.respBytes()).isEqualTo(6410 - 1773);
        assertThat(f.origIpBytes()).isEqualTo(1773);
        assertThat(f.origPkts()).as("no SrcPkts column").isEqualTo(Flow.UNSET);
        TestData.Result c2 = TestData.readAll(TestData.shared("slips-test-cc-periodic-https/test-cc-capture-2.binetflow"));
        assertThat(c2.flows()).hasSize(270);
        assertThat(c2.count(Flow::label, "Periodic-HTTPS-curl-beacon")).isEqualTo(22);
        assertThat(c2.count(Flow::label, "Background")).isEqualTo(248);
    }

    @Test
    void tabSeparatedTest5WithNonIpRecords() throws IOException {
        TestData.Result r = TestData.readAll(TestData.shared("slips-binetflow-samples/test5-malware-labeled.tab.binetflow"));
        assertThat(r.flows()).hasSize(6_725);
        assertThat(r.reports().get(0).recordsSkipped()).isZero();
        assertThat(r.count(Flow::label, "flow=Malware-UDP-DNS")).isEqualTo(4_637);
        assertThat(r.count(Flow::label, "flow=Malware-TCP")).isEqualTo(1_640);
        assertThat(r.count(Flow::label, "flow=TCP-Established-To-Microsoft-7")).isEqualTo(1);
        assertThat(r.flows().stream().filter(f -> f.label() != null && f.label().startsWith("flow=Background"))
                .count()).isEqualTo(446);
        assertThat(r.count(Flow::label, null)).as("the man record with an empty label").isEqualTo(1);
        Flow llc = r.flows().get(1);
        assertThat(llc.proto()).isEqualTo(Protocol.OTHER);
        assertThat(llc.src()).isEqualTo(IpAddress.NONE);
        assertThat(r.flows().stream().filter(f -> f.dst().equals(IpAddress.parse("23.253.126.58")) && f.dstPort() == 80
                && "flow=Malware-TCP".equals(f.label())).count()).isEqualTo(1_452);
        Flow udp = r.flows().get(2);
        assertThat(udp.origPkts()).isEqualTo(1);
        assertThat(udp.respPkts()).isZero();
        assertThat(udp.tsMicros()).as("relative capture starting at 1970/01/01 01:00").isEqualTo(8_140_073L + 3_600_000_000L);
    }

    @Test
    void ctuNormal7WithPayloadColumns() throws IOException {
        TestData.Result r = TestData.readAll(TestData.shared("slips-binetflow-samples/CTU-Normal-7-2013-12-17.binetflow"));
        assertThat(r.flows()).hasSize(9_797);
        assertThat(r.reports().get(0).recordsSkipped()).isZero();
        assertThat(r.count(Flow::label, null)).isEqualTo(9_797);
        Flow icmp = r.flows().get(2);
        assertThat(icmp.proto()).isEqualTo(Protocol.ICMP);
        assertThat(icmp.srcPort()).as("hex port 0x000b").isEqualTo(11);
        assertThat(icmp.dstPort()).isZero();
    }

    @Test
    void fixtureWithPaddedDirHexAndEmptyPortsAndBadRows() throws IOException {
        Path f = TestData.write(tmp, "mini.binetflow", """
                                                       StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,dTos,TotPkts,TotBytes,SrcBytes,Label
                                                       2011/08/16 10:01:46.972101,1.026539,tcp,147.32.84.165,1027,   ->,74.125.232.195,80,SRPA_SPA,0,0,11,1292,778,flow=From-Botnet-V42-TCP-CC6-Plain-HTTP
                                                       2011/08/16 10:01:47.5,0,icmp,147.32.84.165,0x0303,  <->,147.32.84.1,,ECO,0,,2,196,98,
                                                       2011/08/16 10:01:48,0,arp,00:0c:29:aa:bb:cc,,  <?>,00:0c:29:dd:ee:ff,,CON,,,1,60,60,flow=Background
                                                       2011/08/16 10:01:49,0,tcp,300.1.1.1,1,   ->,1.2.3.4,80,S_,0,0,1,60,60,x
                                                       2011/08/16 10:01:50,zz,tcp,1.1.1.1,1,   ->,1.2.3.4,80,S_,0,0,1,60,60,x
                                                       2011/08/16 10:01:50,0,tcp,1.1.1.1\
                                                       """);
        TestData.Result r = TestData.readAll(f);
        assertThat(r.flows()).hasSize(3);
        Flow cc = r.flows().get(0);
        assertThat(cc.tsMicros()).isEqualTo(1_313_488_906_972_101L);
        assertThat(cc.label()).isEqualTo("flow=From-Botnet-V42-TCP-CC6-Plain-HTTP");
        Flow icmp = r.flows().get(1);
        assertThat(icmp.srcPort()).isEqualTo(0x0303);
        assertThat(icmp.dstPort()).isEqualTo(-1);
        assertThat(icmp.label()).isNull();
        assertThat(icmp.tsMicros()).isEqualTo(1_313_488_907_500_000L);
        assertThat(r.flows().get(2).src()).isEqualTo(IpAddress.NONE);
        assertThat(r.reports().get(0).examples()).containsExactly(
                f + ":5: bad address in SrcAddr: '300.1.1.1'",
                f + ":6: bad number in Dur: 'zz'",
                f + ":7: expected 15 comma-separated fields, found 4");
    }
}
