package org.beaconwatch.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.beaconwatch.flow.Flow;
import org.beaconwatch.score.BeaconDetector;
import org.beaconwatch.score.DetectOptions;
import org.beaconwatch.score.DetectionListener;
import org.beaconwatch.score.DetectionResult;
import org.beaconwatch.score.Finding;
import org.beaconwatch.table.FlowTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that used to pass silently: nothing to analyse, absurd timestamps, the same content or
 * connection twice, Zeek data merged as if split by a sensor, and bzip2/xz/zip archives.
 */
class HostileInputsTest {
    @TempDir
    Path tmp;

    static final String HEADER = "#separator \\x09\n#path\tconn\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h"
            + "\tid.resp_p\tproto\tduration\torig_bytes\tresp_bytes\n"
            + "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tinterval\tcount\tcount\n";

    /** A clear beacon: 10.0.0.5 to 203.0.113.7:443 every 60 s from 2023-01-04, plus background. */
    static String beacon(String uidPrefix, int n) {
        StringBuilder sb = new StringBuilder(HEADER);
        for (int i = 0; i < n; i++) {
            sb.append(row(1_672_830_000_000_000L + i * 60_000_000L, uidPrefix + i, "10.0.0.5", 40000 + i,
                    "203.0.113.7", 443));
            sb.append(row(1_672_830_000_000_000L + i * 60_000_000L + 7_919_000L * (i % 7), uidPrefix + "b" + i,
                    "10.0.0.6", 50000 + i, "198.51.100." + (i % 50 + 1), 80));
        }
        return sb.toString();
    }

    static String row(long tsMicros, String uid, String src, int sport, String dst, int dport) {
        return String.format(java.util.Locale.ROOT, "%d.%06d\t%s\t%s\t%d\t%s\t%d\ttcp\t0.5\t120\t340%n",
                tsMicros / 1_000_000L, tsMicros % 1_000_000L, uid, src, sport, dst, dport);
    }

    static DetectionResult detect(ReadOptions o, Path... inputs) throws IOException {
        try (FlowSource s = FlowInputs.open(List.of(inputs), o)) {
            return new BeaconDetector().detect(s, DetectOptions.defaults(), DetectionListener.none());
        }
    }

    static DetectionResult detect(Path... inputs) throws IOException {
        return detect(ReadOptions.defaults(), inputs);
    }

    static Finding finding(DetectionResult r, String dst) {
        return r.findings().stream().filter(f -> f.channel().contains(dst)).findFirst().orElseThrow();
    }

    // 1. nothing to analyse

    @Test
    void everyRecordRejectedIsAnErrorNamingTheFirstReason() {
        Path p = TestData.write(tmp, "conn.log", HEADER + "bogus\tC1\t10.0.0.1\t1\t10.0.0.2\t2\ttcp\t-\t-\t-\n"
                + "1672830000.0\tC2\tnot-an-ip\t1\t203.0.113.1\t2\ttcp\t-\t-\t-\n");
        assertThatThrownBy(() -> detect(p)).isInstanceOf(NothingToAnalyseException.class)
                .hasMessageStartingWith("nothing to analyse: all 2 records were rejected (first: " + p + ":5: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void connLogWithoutSourceColumnIsNamedNotCalledExternal() {
        Path p = TestData.write(tmp, "conn.log", "#separator \\x09\n#path\tconn\n#fields\tts\tuid\tid.resp_h\t"
                + "id.resp_p\tproto\n1672830000.0\tC1\t203.0.113.1\t443\ttcp\n");
        assertThatThrownBy(() -> detect(p)).isInstanceOf(MalformedRecordException.class)
                .hasMessage(p + ":3: no id.orig_h column (source address) in #fields: not a connection log");
    }

    @Test
    void zeekJsonWithoutSourceKeyIsRejectedPerRecordThenNothingToAnalyse() {
        Path p = TestData.write(tmp, "conn.json", "{\"_path\":\"conn\",\"ts\":1672830000.0,\"uid\":\"C1\","
                + "\"id.resp_h\":\"203.0.113.1\",\"id.resp_p\":443,\"proto\":\"tcp\",\"conn_state\":\"SF\"}\n");
        assertThatThrownBy(() -> detect(p)).isInstanceOf(NothingToAnalyseException.class)
                .hasMessageContaining(p + ":1: no id.orig_h (source address): not a connection record");
    }

    @Test
    void binetflowWithoutSourceAddressIsNamed() {
        Path p = TestData.write(tmp, "x.binetflow", """
                                                    StartTime,Dur,Proto,DstAddr,Dport,TotBytes
                                                    2023/01/04 10:00:00.000000,1.0,tcp,203.0.113.1,443,100
                                                    """);
        assertThatThrownBy(() -> detect(p)).isInstanceOf(MalformedRecordException.class)
                .hasMessage(p + ": binetflow header without SrcAddr (source address): not a flow file");
    }

    @Test
    void companionOrOtherZeekLogAloneIsNothingToAnalyse() {
        Path ssl = TestData.write(tmp, "ssl.log", "#separator \\x09\n#path\tssl\n#fields\tts\tuid\tid.orig_h\t"
                + "id.orig_p\tid.resp_h\tid.resp_p\tserver_name\n1672830000.0\tC1\t10.0.0.1\t1\t203.0.113.1\t443\t"
                + "example.com\n");
        Path files = TestData.write(tmp, "files.log", """
                                                      #separator \\x09
                                                      #path\tfiles
                                                      #fields\tts\tfuid\tmime_type
                                                      1672830000.0\tF1\ttext/plain
                                                      """);
        assertThatThrownBy(() -> detect(ssl)).isInstanceOf(NothingToAnalyseException.class)
                .hasMessageContaining("only companion logs given: " + ssl + " (Zeek ssl.log)");
        assertThatThrownBy(() -> detect(files)).isInstanceOf(NothingToAnalyseException.class)
                .hasMessageContaining(files + " is a Zeek log of another type, not a connection log");
        assertThatThrownBy(() -> {
            try (FlowSource s = FlowInputs.open(List.of(files), ReadOptions.defaults())) {
                FlowTables.read(s, 0, 1);
            }
        }).isInstanceOf(NothingToAnalyseException.class);
    }

    @Test
    void recordsWithoutAddressesHaveNoChannelsButStillMakeATable() throws IOException {
        StringBuilder kdd = new StringBuilder("duration,protocol_type,service,flag,src_bytes,dst_bytes,label\n");
        for (int i = 0; i < 30; i++) {
            kdd.append("0,tcp,http,SF,").append(200 + i).append(",3000,normal\n");
        }
        Path p = TestData.write(tmp, "kdd.csv", kdd.toString());
        assertThatThrownBy(() -> detect(p)).isInstanceOf(NothingToAnalyseException.class)
                .hasMessage("nothing to analyse: none of the 30 flows forms a channel: 30 without a source or "
                        + "destination address (records such as NSL-KDD's have none; inspect, explore and train read "
                        + "them)");
        try (FlowSource s = FlowInputs.open(List.of(p), ReadOptions.defaults())) {
            assertThat(FlowTables.read(s, 0, 1).rows()).isEqualTo(30);
        }
    }

    @Test
    void allSourcesExternalIsNothingToAnalyseWithTheHint() {
        StringBuilder sb = new StringBuilder(HEADER);
        for (int i = 0; i < 20; i++) {
            sb.append(row(1_672_830_000_000_000L + i * 60_000_000L, "C" + i, "147.32.80.37", 40000 + i,
                    "203.0.113.7", 443));
        }
        Path p = TestData.write(tmp, "conn.log", sb.toString());
        assertThatThrownBy(() -> detect(p)).isInstanceOf(NothingToAnalyseException.class)
                .hasMessageContaining("20 with a source outside the internal networks (give your hosts with --internal");
    }

    // 2. absurd timestamps

    @Test
    void oneRecordAtTimeZeroNoLongerPoisonsTheBeacon() throws IOException {
        String clean = beacon("C", 200);
        Path a = TestData.write(tmp, "clean.log", clean);
        for (String bad : new String[] {"0.000000", "1.000000", "-1.000000"}) {
            Path b = TestData.write(tmp, "poisoned.log", clean + bad + "\tCX\t10.0.0.5\t39999\t203.0.113.7\t443\t"
                    + "tcp\t0.5\t120\t340\n");
            Finding fa = finding(detect(a), "203.0.113.7");
            DetectionResult rb = detect(b);
            Finding fb = finding(rb, "203.0.113.7");
            assertThat(fb.score()).isCloseTo(fa.score(), within(1e-9));
            assertThat(fb.conns()).isEqualTo(200);
            assertThat(fa.score()).isGreaterThan(0.9);
        }
    }

    @Test
    void absurdTimesAreBadRecordsUnderThePolicy() throws IOException {
        Path b = TestData.write(tmp, "poisoned.log", beacon("C", 50) + "0.000000\tCX\t10.0.0.5\t1\t203.0.113.7\t"
                + "443\ttcp\t0.5\t120\t340\n");
        TestData.Result r = TestData.readAll(b);
        FileReport rep = r.reports().get(0);
        assertThat(rep.recordsRead()).isEqualTo(100);
        assertThat(rep.recordsSkipped()).isEqualTo(1);
        assertThat(rep.examples().get(0)).startsWith(b + ":105: timestamp 0.000000 s = 1970-01-01T00:00:00Z is far "
                + "from this file's other times (around ");
        assertThatThrownBy(() -> TestData.readAll(ReadOptions.defaults().withErrorPolicy(ErrorPolicy.FAIL), b))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining(b + ":105: timestamp 0.000000 s");
    }

    @Test
    void relativeTimeCapturesStayWholeButNegativeTimesDoNot() throws IOException {
        StringBuilder sb = new StringBuilder(HEADER);
        sb.append(row(0, "C0", "10.0.0.5", 1, "203.0.113.7", 443));
        for (int i = 1; i < 300; i++) {
            sb.append(row(20_000_000L + i * 10_000_000L, "C" + i, "10.0.0.5", 1000 + i, "203.0.113.7", 443));
        }
        sb.append("-5.0\tCN\t10.0.0.5\t1\t203.0.113.7\t443\ttcp\t0.5\t120\t340\n");
        TestData.Result r = TestData.readAll(TestData.write(tmp, "relative.log", sb.toString()));
        assertThat(r.flows()).hasSize(300);
        assertThat(r.flows().get(0).tsMicros()).isZero();
        assertThat(r.reports().get(0).examples()).singleElement().asString().contains(":305: negative timestamp (-5.000000 s)");
    }

    @Test
    void logsOfManyDaysInOneFilePassWhole() throws IOException {
        StringBuilder sb = new StringBuilder(HEADER);
        for (int i = 0; i < 20_000; i++) { // 20,000 records over 200 days, so the first batch spans 80 days
            sb.append(row(1_600_000_000_000_000L + i * 864_000_000L, "C" + i, "10.0.0.5", 1, "203.0.113.7", 443));
        }
        TestData.Result r = TestData.readAll(TestData.write(tmp, "long.log", sb.toString()));
        assertThat(r.flows()).hasSize(20_000);
        assertThat(r.reports().get(0).recordsSkipped()).isZero();
    }

    // 3. duplicates

    @Test
    void theSameContentTwiceIsReadOnceWithANote() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("logs"));
        Path a = TestData.write(dir, "conn.log", beacon("C", 200));
        Path copy = TestData.write(tmp, "copy-of-conn.log", beacon("C", 200));
        DetectionResult once = detect(a);
        DetectionResult r = detect(a, a, dir, copy);
        assertThat(r.flowsRead()).isEqualTo(once.flowsRead()).isEqualTo(400);
        assertThat(finding(r, "203.0.113.7").conns()).isEqualTo(200);
        try (FlowSource s = FlowInputs.open(List.of(a, copy), ReadOptions.defaults())) {
            assertThat(s.reports()).singleElement().satisfies(rep -> {
                assertThat(rep.file()).isEqualTo(copy.toString());
                assertThat(rep.notes()).containsExactly("same content as " + a + ": read once");
            });
        }
    }

    @Test
    void zeekUidsSeenBeforeAreCountedOnce() throws IOException {
        String first = beacon("C", 200);
        // an overlapping rotation: the second file repeats the last 50 beacon connections
        StringBuilder second = new StringBuilder(HEADER);
        for (int i = 150; i < 200; i++) {
            second.append(row(1_672_830_000_000_000L + i * 60_000_000L, "C" + i, "10.0.0.5", 40000 + i,
                    "203.0.113.7", 443));
        }
        second.append(row(1_672_830_000_000_000L + 200 * 60_000_000L, "C200", "10.0.0.5", 40200,
                "203.0.113.7", 443));
        Path a = TestData.write(tmp, "conn.1.log", first);
        Path b = TestData.write(tmp, "conn.2.log", second.toString());
        TestData.Result r = TestData.readAll(a, b);
        assertThat(r.flows()).hasSize(401);
        assertThat(r.reports().get(1).notes())
                .containsExactly("50 connections with a uid seen before (logged twice): counted once");
        assertThat(r.reports().get(1).recordsRead()).isEqualTo(1);
        assertThat(finding(detect(a, b), "203.0.113.7").conns()).isEqualTo(201);
    }

    @Test
    void argusRecordsHaveNoUidAndAreNotDeduplicated() throws IOException {
        StringBuilder sb = new StringBuilder("StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,TotPkts,"
                + "TotBytes,SrcBytes\n");
        for (int i = 0; i < 10; i++) {
            sb.append("2023/01/04 10:").append(String.format("%02d", i)).append(":00.000000,0.1,tcp,10.0.0.5,")
                    .append(40000 + i).append(",   ->,203.0.113.7,443,FSA_FSA,4,400,100\n");
        }
        TestData.Result r = TestData.readAll(TestData.write(tmp, "a.binetflow", sb.toString()));
        assertThat(r.flows()).hasSize(10);
        assertThat(r.reports().get(0).notes()).isEmpty();
    }

    // 4. merging split records: Argus only

    @Test
    void zeekConnectionsFromOnePortAreNotMergedLikeArgusStatusRecords() throws IOException {
        StringBuilder sb = new StringBuilder(HEADER);
        for (int i = 0; i < 100; i++) { // a flood from one source port, 10 ms apart
            sb.append(row(1_672_830_000_000_000L + i * 10_000L, "C" + i, "10.0.0.5", 5555, "203.0.113.7", 80));
        }
        assertThat(finding(detect(TestData.write(tmp, "conn.log", sb.toString())), "203.0.113.7").conns())
                .isEqualTo(100);
    }

    @Test
    void iot23DdosStrobeCountsEveryFlow() throws IOException {
        Path p = TestData.shared("iot23-ctu-iot-malware-capture-34-1-mirai-zeek/conn.log.labeled");
        TestData.Result r = TestData.readAll(p);
        long flows = r.flows().stream().filter(f -> f.src().toString().equals("192.168.1.195")
                && f.dst().toString().equals("123.59.209.185") && f.dstPort() == 80).count();
        assertThat(flows).isEqualTo(14_260);
        assertThat(finding(detect(p), "123.59.209.185").conns()).isEqualTo((int) flows);
    }

    // 5. compressed inputs

    @Test
    void bzip2AndXzAreReadAsStreams() throws IOException {
        byte[] text = InputsTest.conn(0, 500).getBytes(StandardCharsets.UTF_8);
        Path bz = tmp.resolve("a.log");
        try (OutputStream o = new BZip2CompressorOutputStream(Files.newOutputStream(bz))) {
            o.write(text);
        }
        Path xz = tmp.resolve("b.dat");
        try (OutputStream o = new XZCompressorOutputStream(Files.newOutputStream(xz))) {
            o.write(InputsTest.conn(500, 300).getBytes(StandardCharsets.UTF_8));
        }
        TestData.Result r = TestData.readAll(bz, xz);
        assertThat(r.flows()).hasSize(800);
        assertThat(r.flows().get(799).uid()).isEqualTo("C799");
    }

    @Test
    void eachLogInAZipIsAnInputNamedInsideTheArchive() throws IOException {
        Path zip = tmp.resolve("zeek-sample.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("sample/"));
            z.putNextEntry(new ZipEntry("sample/conn.log"));
            z.write((InputsTest.conn(0, 100) + "bad\tC-1\t10.0.0.1\t1\t10.9.9.9\t443\ttcp\n")
                    .getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("sample/ssl.log"));
            z.write(("#separator \\x09\n#path\tssl\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\t"
                    + "server_name\n1600000000.0\tC7\t10.0.0.1\t4000\t10.9.9.9\t443\tc2.example.com\n")
                    .getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("sample/README.txt"));
            z.write("hello".getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("__MACOSX/sample/._conn.log"));
            z.write(new byte[] {0, 5, 22, 7});
        }
        TestData.Result r = TestData.readAll(zip);
        assertThat(r.flows()).hasSize(100);
        assertThat(r.flows().get(7).serverName()).isEqualTo("c2.example.com");
        assertThat(r.source().files()).containsExactly(zip + "!/sample/ssl.log", zip + "!/sample/conn.log");
        assertThat(r.reports().get(1).examples()).singleElement().asString()
                .startsWith(zip + "!/sample/conn.log:105: ");
        Path empty = tmp.resolve("empty.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(empty))) {
            z.putNextEntry(new ZipEntry("notes.txt"));
            z.write("hello".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> TestData.readAll(empty)).isInstanceOf(MalformedRecordException.class)
                .hasMessage(empty + ": zip archive has no logs Beaconwatch reads (1 entry looked at)");
    }

    static List<Flow> unused() {
        return List.of();
    }
}
