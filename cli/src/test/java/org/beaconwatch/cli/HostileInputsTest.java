package org.beaconwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Black-box: inputs that used to yield "0 flows, no alerts" (exit 0), a poisoned channel or
 * doubled counts now give one clear line on stderr, the right exit code and nothing misleading
 * on stdout.
 */
class HostileInputsTest {
    @TempDir
    Path tmp;

    static final String HEADER = "#separator \\x09\n#path\tconn\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h"
            + "\tid.resp_p\tproto\tduration\torig_bytes\tresp_bytes\n"
            + "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tinterval\tcount\tcount\n";

    static String row(long tsMicros, String uid, String src, int sport, String dst, int dport) {
        return String.format(Locale.ROOT, "%d.%06d\t%s\t%s\t%d\t%s\t%d\ttcp\t0.5\t120\t340%n",
                tsMicros / 1_000_000L, tsMicros % 1_000_000L, uid, src, sport, dst, dport);
    }

    /** A 60 s beacon from 10.0.0.5 to 203.0.113.7:443, 200 connections. */
    static String beacon() {
        StringBuilder sb = new StringBuilder(HEADER);
        for (int i = 0; i < 200; i++) {
            sb.append(row(1_672_830_000_000_000L + i * 60_000_000L, "C" + i, "10.0.0.5", 40000 + i, "203.0.113.7", 443));
        }
        return sb.toString();
    }

    private Path write(String name, String content) throws IOException {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private static void assertOneLineError(CliRunner.Result r, String... parts) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        String last = r.err().lines().reduce((a, b) -> b).orElse("");
        assertThat(last).startsWith("beaconwatch: ");
        for (String p : parts) {
            assertThat(last).contains(p);
        }
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void everyRecordRejectedIsAnErrorNotNoAlerts() throws IOException {
        Path p = write("conn.log", HEADER + "bogus\tC1\t10.0.0.1\t1\t203.0.113.1\t2\ttcp\t-\t-\t-\n");
        CliRunner.Result r = CliRunner.run("detect", p.toString());
        assertOneLineError(r, "nothing to analyse: all 1 record was rejected (first: " + p + ":5: bad timestamp");
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("warning: " + p + ": skipped 1 of 1 records");
    }

    @Test
    void connLogWithoutSourceColumnIsNamed() throws IOException {
        Path p = write("conn.log", """
                                   #separator \\x09
                                   #path\tconn
                                   #fields\tts\tuid\tid.resp_h\tid.resp_p\tproto
                                   1672830000.0\tC1\t203.0.113.1\t443\ttcp
                                   """);
        CliRunner.Result r = CliRunner.run("detect", p.toString());
        assertOneLineError(r, p + ":3: no id.orig_h column (source address) in #fields: not a connection log");
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).doesNotContain("outside the internal networks");
    }

    @Test
    void companionOrOtherZeekLogAloneIsAnError() throws IOException {
        Path ssl = write("ssl.log", "#separator \\x09\n#path\tssl\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\t"
                + "id.resp_p\tserver_name\n1672830000.0\tC1\t10.0.0.1\t1\t203.0.113.1\t443\texample.com\n");
        Path weird = write("weird.log", """
                                        #separator \\x09
                                        #path\tweird
                                        #fields\tts\tuid\tname
                                        1672830000.0\tC1\tbad_TCP_checksum
                                        """);
        CliRunner.Result r = CliRunner.run("detect", ssl.toString());
        assertOneLineError(r, "only companion logs given: " + ssl + " (Zeek ssl.log)", "give the conn.log too");
        assertThat(r.out()).isEmpty();
        CliRunner.Result w = CliRunner.run("detect", weird.toString());
        assertOneLineError(w, weird + " is a Zeek log of another type, not a connection log");
        CliRunner.Result i = CliRunner.run("inspect", weird.toString());
        assertOneLineError(i, "nothing to analyse");
        CliRunner.Result e = CliRunner.run("explore", weird.toString(), "--label", "label", "--out", tmp.resolve("explore").toString());
        assertOneLineError(e, "nothing to analyse");
    }

    @Test
    void nslKddHasNoChannelsForDetectButInspectStillWorks() {
        Path data = CliRunner.data();
        assumeTrue(data != null, "shared data folder ../shared/data is absent; skipping real-data CLI test");
        Path kdd = data.resolve("nsl-kdd/KDDTest+.txt");
        CliRunner.Result r = CliRunner.run("detect", kdd.toString());
        assertOneLineError(r, "none of the 22,544 flows forms a channel: 22,544 without a source or destination address");
        assertThat(r.out()).isEmpty();
        CliRunner.Result i = CliRunner.run("inspect", kdd.toString());
        assertThat(i.exitCode()).isZero();
        assertThat(i.out()).contains("22,544 read");
    }

    @Test
    void oneAbsurdTimestampIsReportedAndLeftOut() throws IOException {
        Path clean = write("clean/conn.log", beacon());
        Path bad = write("bad/conn.log", beacon() + "0.000000\tCX\t10.0.0.5\t1\t203.0.113.7\t443\ttcp\t0.5\t120\t340\n");
        CliRunner.Result a = CliRunner.run("detect", clean.toString(), "--format", "csv");
        CliRunner.Result b = CliRunner.run("detect", bad.toString(), "--format", "csv");
        String rowA = a.out().lines().filter(l -> l.contains("203.0.113.7")).findFirst().orElseThrow();
        String rowB = b.out().lines().filter(l -> l.contains("203.0.113.7")).findFirst().orElseThrow();
        assertThat(rowB).isEqualTo(rowA).doesNotContain("1970");
        assertThat(b.err()).contains("warning: " + bad + ": skipped 1 of 201 records")
                .contains(bad + ":205: timestamp 0.000000 s = 1970-01-01T00:00:00Z is far from this file's other times");
        CliRunner.Result f = CliRunner.run("detect", bad.toString(), "--on-error", "fail");
        assertOneLineError(f, bad + ":205: timestamp 0.000000 s");
        assertThat(f.out()).isEmpty();
    }

    @Test
    void theSameFileTwiceIsCountedOnceWithAWarning() throws IOException {
        Path conn = write("logs/conn.log", beacon());
        Path copy = write("copy.log", beacon());
        CliRunner.Result once = CliRunner.run("detect", conn.toString(), "--format", "csv");
        CliRunner.Result twice = CliRunner.run("detect", conn.getParent().toString(), conn.toString(), copy.toString(),
                "--format", "csv");
        assertThat(twice.out()).isEqualTo(once.out());
        assertThat(twice.out()).contains(",200,");
        assertThat(twice.err()).contains("warning: " + copy + ": same content as " + conn.getParent() + "/conn.log: read once")
                .contains("200 flows read");
    }

    @Test
    void repeatedUidsAreCountedOnceWithTheCount() throws IOException {
        String b = beacon();
        Path p = write("conn.log", b + b.substring(HEADER.length()));
        CliRunner.Result r = CliRunner.run("detect", p.toString(), "--format", "csv");
        assertThat(r.out()).contains(",200,").doesNotContain(",400,");
        assertThat(r.err()).contains("warning: " + p + ": 200 connections with a uid seen before (logged twice): "
                + "counted once");
    }

    @Test
    void bzip2AndZipInputsAreRead() throws IOException {
        Path bz = tmp.resolve("conn.log.bz2");
        try (OutputStream o = new BZip2CompressorOutputStream(Files.newOutputStream(bz))) {
            o.write(beacon().getBytes(StandardCharsets.UTF_8));
        }
        Path zip = tmp.resolve("sample.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("conn.log"));
            z.write((beacon() + "bad\tCY\t10.0.0.5\t1\t203.0.113.7\t443\ttcp\t-\t-\t-\n").getBytes(StandardCharsets.UTF_8));
        }
        CliRunner.Result a = CliRunner.run("detect", bz.toString(), "--format", "csv");
        assertThat(a.err()).doesNotContain("binary data");
        assertThat(a.out()).contains(",200,");
        CliRunner.Result b = CliRunner.run("detect", zip.toString(), "--format", "csv");
        assertThat(b.out()).contains(",200,");
        assertThat(b.err()).contains("warning: " + zip + "!/conn.log: skipped 1 of 201 records")
                .contains(zip + "!/conn.log:205: bad timestamp");
    }
}
