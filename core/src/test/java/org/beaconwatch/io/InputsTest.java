package org.beaconwatch.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.beaconwatch.flow.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening inputs: compression, directories, detection by content and whole-input errors. */
class InputsTest {
    @TempDir
    Path tmp;

    static String conn(int from, int n) {
        StringBuilder sb = new StringBuilder("#separator \\x09\n#path\tconn\n#fields\tts\tuid\tid.orig_h\tid.orig_p\t"
                + "id.resp_h\tid.resp_p\tproto\n#types\ttime\tstring\taddr\tport\taddr\tport\tenum\n");
        for (int i = from; i < from + n; i++) {
            sb.append(1_600_000_000 + i).append(".000000\tC").append(i).append("\t10.0.0.1\t4000\t10.9.9.9\t443\ttcp\n");
        }
        return sb.toString();
    }

    @Test
    void gzipAndZstdAreReadByMagicBytesNotByName() throws IOException {
        Path gz = TestData.gzip(tmp, "plain-name.log", conn(0, 100).getBytes(StandardCharsets.UTF_8));
        Path zst = tmp.resolve("other.txt");
        try (OutputStream out = new ZstdOutputStream(Files.newOutputStream(zst))) {
            out.write(conn(100, 50).getBytes(StandardCharsets.UTF_8));
        }
        TestData.Result r = TestData.readAll(gz, zst);
        assertThat(r.flows()).hasSize(150);
        assertThat(r.flows().get(149).uid()).isEqualTo("C149");
    }

    @Test
    void truncatedGzipKeepsRecordsBeforeTheBreakAndSaysSo() throws IOException {
        byte[] text = conn(0, 20_000).getBytes(StandardCharsets.UTF_8);
        Path full = TestData.gzip(tmp, "full.log.gz", text);
        byte[] gz = Files.readAllBytes(full);
        Path cut = tmp.resolve("cut.log.gz");
        Files.write(cut, Arrays.copyOf(gz, gz.length / 2));
        TestData.Result r = TestData.readAll(cut);
        FileReport rep = r.reports().get(0);
        assertThat(rep.truncated()).isTrue();
        assertThat(r.flows().size()).isBetween(1_000, 19_999);
        assertThat(rep.recordsRead()).isEqualTo(r.flows().size());
        assertThat(rep.examples()).anySatisfy(e -> assertThat(e).contains("truncated gzip stream"));
        // the records kept are complete and in order
        for (int i = 0; i < r.flows().size(); i++) {
            assertThat(r.flows().get(i).uid()).isEqualTo("C" + i);
        }
        assertThatThrownBy(() -> TestData.readAll(ReadOptions.defaults().withErrorPolicy(ErrorPolicy.FAIL), cut))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("truncated gzip stream");
    }

    @Test
    void rotatedZeekDirectoryIsReadInTimeOrderSkippingOtherFiles() throws IOException {
        Path root = tmp.resolve("logs");
        TestData.gzip(root, "2024-01-02/conn.00:00:00-01:00:00.log.gz", conn(300, 3).getBytes(StandardCharsets.UTF_8));
        TestData.gzip(root, "2024-01-01/conn.01:00:00-02:00:00.log.gz", conn(100, 3).getBytes(StandardCharsets.UTF_8));
        TestData.gzip(root, "2024-01-01/conn.00:00:00-01:00:00.log.gz", conn(0, 3).getBytes(StandardCharsets.UTF_8));
        TestData.write(root, "2024-01-01/weird.00:00:00-01:00:00.log",
                "#separator \\x09\n#path\tweird\n#fields\tts\tname\n1.0\tx\n");
        TestData.write(root, "README", "These are our logs.\n");
        Files.write(root.resolve("capture.pcap"), new byte[]{(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0, 4, 0, 0, 0});
        TestData.write(root, "empty.log", "");
        TestData.Result r = TestData.readAll(root);
        assertThat(r.flows()).extracting(Flow::uid)
                .containsExactly("C0", "C1", "C2", "C100", "C101", "C102", "C300", "C301", "C302");
        assertThat(r.reports()).hasSize(3);
    }

    @Test
    void wholeInputProblemsHaveOneLineReasons() throws IOException {
        Path missing = tmp.resolve("nope.log");
        assertThatThrownBy(() -> TestData.readAll(missing)).isInstanceOf(MalformedRecordException.class)
                .hasMessage(missing + ": no such file or directory");
        Path empty = TestData.write(tmp, "empty.log", "");
        assertThatThrownBy(() -> TestData.readAll(empty)).hasMessage(empty + ": empty file");
        Path blank = TestData.write(tmp, "blank.log", "\n\n  \n");
        assertThatThrownBy(() -> TestData.readAll(blank)).hasMessage(blank + ": empty file");
        Path dir = tmp.resolve("nothing");
        Files.createDirectories(dir);
        TestData.write(dir, "README.md", "# notes\n");
        assertThatThrownBy(() -> TestData.readAll(dir)).hasMessage(dir + ": directory has no logs Beaconwatch reads (1 file looked at)");
        Path garbage = tmp.resolve("garbage.bin");
        byte[] g = new byte[4096];
        new java.util.SplittableRandom(7).nextBytes(g);
        g[0] = 5;
        Files.write(garbage, g);
        assertThatThrownBy(() -> TestData.readAll(garbage)).hasMessage(garbage + ": binary data, not a text log");
        Path pcap = tmp.resolve("capture.bin");
        Files.write(pcap, new byte[]{(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0, 4, 0, 0, 0, 0, 0});
        assertThatThrownBy(() -> TestData.readAll(pcap))
                .hasMessage(pcap + ": packet capture (pcap), not a log: convert it with Zeek or Argus first");
        Path unknown = TestData.write(tmp, "notes.txt", "hello world, this is not a log\nsecond line\n");
        assertThatThrownBy(() -> TestData.readAll(unknown))
                .hasMessage(unknown + ": unknown format; first line: 'hello world, this is not a log'");
    }

    @Test
    void filesAreReadInTheOrderGiven() throws IOException {
        Path a = TestData.write(tmp, "a.log", conn(0, 2));
        Path b = TestData.write(tmp, "b.log", conn(10, 2));
        TestData.Result r = TestData.readAll(b, a);
        assertThat(r.flows()).extracting(Flow::uid).containsExactly("C10", "C11", "C0", "C1");
        assertThat(r.reports()).extracting(FileReport::file).containsExactly(b.toString(), a.toString());
    }

    @Test
    void batchesNeverMixFilesAndCoverEveryRecord() throws IOException {
        Path a = TestData.write(tmp, "a.log", conn(0, 2500));
        Path b = TestData.write(tmp, "b.log", conn(5000, 10));
        long total = 0;
        int batches = 0;
        try (FlowSource s = FlowInputs.open(List.of(a, b), ReadOptions.defaults())) {
            org.beaconwatch.flow.FlowBatch batch = new org.beaconwatch.flow.FlowBatch(1000);
            while (s.read(batch)) {
                total += batch.size();
                batches++;
            }
        }
        assertThat(total).isEqualTo(2510);
        assertThat(batches).isEqualTo(4);
    }

    @Test
    void everyRowNamesItsFileByIndex() throws IOException {
        Path dir = tmp.resolve("zeek");
        TestData.write(dir, "a-conn.log", conn(0, 3));
        TestData.write(dir, "b-conn.log", conn(10, 2));
        TestData.write(dir, "http.log", "#separator \\x09\n#path\thttp\n#fields\tts\tuid\tmethod\thost\n1.0\tC1\tGET\tx.example\n");
        List<String> fileOfRow = new java.util.ArrayList<>();
        List<String> files;
        try (FlowSource s = FlowInputs.open(List.of(dir), ReadOptions.defaults())) {
            org.beaconwatch.flow.FlowBatch b = new org.beaconwatch.flow.FlowBatch();
            while (s.read(b)) {
                for (int i = 0; i < b.size(); i++) {
                    fileOfRow.add(s.files().get(b.file[i]) + ":" + b.line[i]);
                }
            }
            files = s.files();
            assertThat(s.reports()).extracting(FileReport::file).isEqualTo(files);
        }
        assertThat(files).containsExactly(dir + "/http.log", dir + "/a-conn.log", dir + "/b-conn.log");
        assertThat(fileOfRow).containsExactly(dir + "/a-conn.log:5", dir + "/a-conn.log:6", dir + "/a-conn.log:7",
                dir + "/b-conn.log:5", dir + "/b-conn.log:6");
    }

    @Test
    void theWholeSharedDataFolderReadsAsOneInput() throws IOException {
        Path data = TestData.shared("README.md").getParent();
        long n = 0;
        List<FileReport> reports;
        try (FlowSource s = FlowInputs.open(List.of(data), ReadOptions.defaults().withErrorPolicy(ErrorPolicy.FAIL))) {
            org.beaconwatch.flow.FlowBatch b = new org.beaconwatch.flow.FlowBatch();
            while (s.read(b)) {
                n += b.size();
            }
            reports = s.reports();
        }
        // README table: every flow file's rows; README.md, pcaps and conn_labels.tsv are skipped
        assertThat(n).isEqualTo(91_585);
        assertThat(reports).extracting(FileReport::file).noneMatch(f -> f.endsWith(".pcap") || f.endsWith("README.md")
                || f.endsWith("conn_labels.tsv"));
        assertThat(reports).allMatch(r -> r.recordsSkipped() == 0 && !r.truncated());
    }

    @Test
    void truncatedGzipCsvAndBinetflowAreReportedToo() throws IOException {
        StringBuilder csv = new StringBuilder("time,src,dst,label\n");
        StringBuilder argus = new StringBuilder("StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,dTos,"
                + "TotPkts,TotBytes,SrcBytes,Label\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append(i).append(",10.0.0.1,10.0.0.").append(i % 250 + 1).append(",x").append(i % 7).append('\n');
            argus.append("2011/08/16 10:01:46.").append(String.format(java.util.Locale.ROOT, "%06d", i))
                    .append(",1.0,tcp,10.0.0.1,").append(1000 + i % 5000).append(",   ->,10.0.0.2,80,FSPA_FSPA,0,0,4,")
                    .append(400 + i).append(",100,flow=Background\n");
        }
        for (String[] c : new String[][]{{"flows.csv.gz", csv.toString()}, {"cap.binetflow.gz", argus.toString()}}) {
            byte[] gz = Files.readAllBytes(TestData.gzip(tmp, c[0], c[1].getBytes(StandardCharsets.UTF_8)));
            Path cut = tmp.resolve("cut-" + c[0]);
            Files.write(cut, Arrays.copyOf(gz, gz.length * 2 / 3));
            TestData.Result r = TestData.readAll(cut);
            FileReport rep = r.reports().get(0);
            assertThat(rep.truncated()).as(c[0]).isTrue();
            assertThat(rep.recordsRead()).isEqualTo(r.flows().size()).isBetween(1_000L, 19_999L);
            assertThat(rep.examples()).singleElement().asString().contains("truncated gzip stream");
        }
    }
}
