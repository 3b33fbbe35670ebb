package org.beaconwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile inputs and hostile output paths: escape sequences in log fields never reach the
 * terminal, outputs are checked before the work, never overwrite an input, and a failed run
 * leaves the previous output in place.
 */
class HostileOutputsTest {
    /** Retitles the terminal and clears the screen when printed raw. */
    static final String EVIL = "\u001b]0;pwned\u0007\u001b[2J";
    /** The same as Zeek writes it (Zeek escapes non-printable bytes; its readers turn them back). */
    static final String EVIL_ZEEK = "\\x1b]0;pwned\\x07\\x1b[2J";

    static final String CONN_HEADER = "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n"
            + "#path\tconn\n#open\t2024-01-01-00-00-00\n"
            + "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes"
            + "\tresp_bytes\tconn_state\tlabel\tdetailed-label\n"
            + "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tstring\tstring\n";
    static final String SSL_HEADER = """
                                     #separator \\x09
                                     #set_separator\t,
                                     #empty_field\t(empty)
                                     #unset_field\t-
                                     #path\tssl
                                     #open\t2024-01-01-00-00-00
                                     #fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tversion\tserver_name\testablished
                                     #types\ttime\tstring\taddr\tport\taddr\tport\tstring\tstring\tbool
                                     """;

    /**
     * A Zeek folder: a 60-second TLS beacon whose server name, uids, service and labels carry escape
     * sequences, a 60-second beacon to an IPv6 address, and some benign noise.
     */
    static Path hostileZeek(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder conn = new StringBuilder(CONN_HEADER);
        StringBuilder ssl = new StringBuilder(SSL_HEADER);
        long t0 = 1_704_067_200L;
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 40; i++) {
            double ts = t0 + i * 60L + rnd.nextDouble() * 0.5;
            String uid = "C" + i + EVIL;
            conn.append(String.format(Locale.ROOT, "%.6f\t%s\t10.0.0.5\t%d\t203.0.113.9\t443\ttcp\tssl%s\t0.2\t310\t520\tSF"
                    + "\tMalicious%s\tC&C%s\n", ts, uid, 40000 + i, EVIL, EVIL, EVIL));
            ssl.append(String.format(Locale.ROOT, "%.6f\t%s\t10.0.0.5\t%d\t203.0.113.9\t443\tTLSv12\tupdate%s.example.com"
                    + "\tT\n", ts, "C" + i + EVIL_ZEEK, 40000 + i, EVIL_ZEEK));
            conn.append(String.format(Locale.ROOT, "%.6f\tV%d\t10.0.0.6\t%d\t2001:db8::7\t443\ttcp\t-\t0.1\t200\t300\tSF"
                    + "\tMalicious\tC&C\n", ts + 7, i, 41000 + i));
            conn.append(String.format(Locale.ROOT, "%.6f\tB%d\t10.0.0.%d\t%d\t198.51.100.%d\t80\ttcp\thttp\t1.5\t%d\t%d"
                    + "\tSF\tBenign\t-\n", ts + rnd.nextDouble() * 50, i, 20 + rnd.nextInt(5), 42000 + i,
                    1 + rnd.nextInt(200), 100 + rnd.nextInt(5000), 100 + rnd.nextInt(90000)));
        }
        Files.writeString(dir.resolve("conn.log"), conn.toString());
        Files.writeString(dir.resolve("ssl.log"), ssl.toString());
        return dir;
    }

    /** A beacon-events table whose host names, process names and labels carry escape sequences. */
    static Path hostileEvents(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("event_id,host_id,timestamp,src_ip,dst_ip,dst_port,protocol,bytes_out,"
                + "bytes_in,inter_event_seconds,proc_name,user,country_code,signed_binary,label\n");
        SplittableRandom rnd = new SplittableRandom(11);
        int id = 0;
        for (int h = 0; h < 8; h++) {
            boolean bad = h % 2 == 0;
            String host = "H" + h + (h == 6 ? EVIL : ""); // after the first 4 KiB: raw control bytes there read as binary
            for (int i = 0; i < 40; i++) {
                double gap = bad ? 60 + rnd.nextDouble() : 1 + rnd.nextDouble() * 900;
                sb.append(String.format(Locale.ROOT, "E%d,%s,2025-02-02 %02d:%02d:%02d,10.0.0.%d,1.2.3.%d,443,tcp,%d,%d,"
                                + "%.2f,%s,u%d,US,%d,%d\n", id++, host, 8 + i / 10, i % 60, h, h + 1, bad ? 9 : 1 + i,
                        bad ? 300 + rnd.nextInt(10) : 100 + rnd.nextInt(9000), bad ? 500 : rnd.nextInt(90000), gap,
                        h == 6 ? "svc" + EVIL + ".exe" : bad ? "svc.exe" : "chrome.exe", h, bad ? 0 : 1, bad ? 1 : 0));
            }
        }
        Files.writeString(file, sb.toString());
        return file;
    }

    private static void assertNoEscapes(CliRunner.Result r, String what) {
        assertThat(r.out()).as(what + " stdout").doesNotContain("\u001b").doesNotContain("\u0007");
        assertThat(r.err()).as(what + " stderr").doesNotContain("\u001b").doesNotContain("\u0007");
    }

    @Test
    void escapeSequencesInZeekFieldsNeverReachTheTerminal(@TempDir Path tmp) throws IOException {
        Path zeek = hostileZeek(tmp.resolve("zeek"));
        CliRunner.Result inspect = CliRunner.run("inspect", zeek.toString());
        assertThat(inspect.exitCode()).as(inspect.err()).isZero();
        assertThat(inspect.out()).contains("Malicious?]0;pwned??[2J");
        assertNoEscapes(inspect, "inspect");

        CliRunner.Result table = CliRunner.run("detect", zeek.toString());
        assertThat(table.exitCode()).as(table.err()).isIn(0, 3);
        assertThat(table.out()).contains("update?]0;pwned??[2j.example.com");
        assertNoEscapes(table, "detect table");

        // CSV into a pipe or file keeps the data (quoted); CSV onto a terminal is cleaned.
        CliRunner.Result piped = CliRunner.run("detect", zeek.toString(), "--format", "csv");
        assertThat(piped.out()).contains("update" + EVIL.toLowerCase(Locale.ROOT) + ".example.com");
        System.setProperty("beaconwatch.stdout.tty", "true");
        try {
            for (String fmt : List.of("csv", "jsonl")) {
                CliRunner.Result tty = CliRunner.run("detect", zeek.toString(), "--format", fmt);
                // CSV cells are cleaned; JSON already escapes C0 controls as \\u001B (C1 and bidi are cleaned)
                assertThat(tty.out()).contains(fmt.equals("csv") ? "update?]0;pwned??[2j.example.com" : "update");
                assertNoEscapes(tty, "detect " + fmt + " on a terminal");
            }
        } finally {
            System.clearProperty("beaconwatch.stdout.tty");
        }

        CliRunner.Result bad = CliRunner.run("detect", zeek.toString(), "--format", "table", "--allow", "x" + EVIL);
        assertNoEscapes(bad, "usage error quoting a value");
    }

    @Test
    void escapeSequencesInHostsAndReasonsNeverReachTriageLines(@TempDir Path tmp) throws IOException {
        Path events = hostileEvents(tmp.resolve("events.csv"));
        Path model = tmp.resolve("m.bwm");
        CliRunner.Result train = CliRunner.run("train", events.toString(), "--label", "label", "--split",
                "group:host_id", "--model", "rf", "--trees", "20", "--folds", "2", "--test-fraction", "0.5",
                "--out", model.toString(), "--eval-json", tmp.resolve("e.json").toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertNoEscapes(train, "train");
        Path scores = tmp.resolve("scores.csv");
        CliRunner.Result score = CliRunner.run("score", "--model", model.toString(), events.toString(), "--out",
                scores.toString());
        assertThat(score.exitCode()).as(score.err()).isZero();
        assertThat(score.out()).contains("top hosts (").contains("H6?]0;pwned??[2J");
        assertNoEscapes(score, "score");
        assertThat(Files.readString(scores)).as("the CSV file keeps the data").contains("H6" + EVIL);
        CliRunner.Result eval = CliRunner.run("evaluate", "--model", model.toString(), events.toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertNoEscapes(eval, "evaluate");
    }

    @Test
    void ipv6ChannelsPrintTheAddressInBrackets(@TempDir Path tmp) throws IOException {
        Path zeek = hostileZeek(tmp.resolve("zeek"));
        CliRunner.Result r = CliRunner.run("detect", zeek.toString(), "--top", "50");
        assertThat(r.out()).contains("10.0.0.6 -> [2001:db8::7]:443/tcp").doesNotContain("2001:db8::7:443");
    }

    @Test
    void anOutputThatIsAnInputIsRefusedBeforeReading(@TempDir Path tmp) throws IOException {
        Path zeek = hostileZeek(tmp.resolve("zeek"));
        Path conn = zeek.resolve("conn.log");
        byte[] before = Files.readAllBytes(conn);
        CliRunner.Result same = CliRunner.run("detect", conn.toString(), "--format", "csv", "--out", conn.toString());
        assertThat(same.exitCode()).isEqualTo(2);
        assertThat(same.err()).contains("is one of the inputs");
        // the same file reached through the input folder and another spelling
        CliRunner.Result inside = CliRunner.run("detect", zeek.toString(), "--out",
                zeek.resolve("../zeek/ssl.log").toString());
        assertThat(inside.exitCode()).isEqualTo(2);
        assertThat(inside.err()).contains("is one of the inputs");
        assertThat(Files.readAllBytes(conn)).isEqualTo(before);

        Path events = hostileEvents(tmp.resolve("events.csv"));
        CliRunner.Result score = CliRunner.run("score", "--model", events.toString(), events.toString(), "--out",
                events.toString());
        assertThat(score.exitCode()).isEqualTo(2);
        CliRunner.Result train = CliRunner.run("train", events.toString(), "--label", "label", "--split",
                "group:host_id", "--out", tmp.resolve("m.bwm").toString(), "--eval-json", events.toString());
        assertThat(train.exitCode()).isEqualTo(2);
        assertThat(train.err()).contains("--eval-json").contains("is one of the inputs");
    }

    @Test
    void anOutputUnderARegularFileNamesTheFileInTheWay(@TempDir Path tmp) throws IOException {
        Path zeek = hostileZeek(tmp.resolve("zeek"));
        Path plain = tmp.resolve("plain.txt");
        Files.writeString(plain, "not a folder");
        Path target = plain.resolve("findings.csv");
        String expected = "cannot write " + target + ": " + plain + " is a file, not a folder";
        CliRunner.Result detect = CliRunner.run("detect", zeek.toString(), "--format", "csv", "--out", target.toString());
        assertThat(detect.exitCode()).isEqualTo(1);
        assertThat(detect.err()).contains(expected).doesNotContain("\tat ");
        assertThat(detect.out()).isEmpty();

        CliRunner.Result explore = CliRunner.run("explore", zeek.toString(), "--label", "label", "--out",
                plain.resolve("report").toString());
        assertThat(explore.exitCode()).isEqualTo(1);
        assertThat(explore.err()).contains(plain + " is a file, not a folder");

        CliRunner.Result sim = CliRunner.run("simulate", "--hosts", "2", "--out", plain.resolve("sim").toString());
        assertThat(sim.exitCode()).isEqualTo(1);
        assertThat(sim.err()).contains(plain + " is a file, not a folder");

        // train checks its outputs before training: no training report is printed
        Path events = hostileEvents(tmp.resolve("events.csv"));
        CliRunner.Result train = CliRunner.run("train", events.toString(), "--label", "label", "--split",
                "group:host_id", "--out", tmp.resolve("m.bwm").toString(), "--eval-html",
                plain.resolve("eval.html").toString());
        assertThat(train.exitCode()).isEqualTo(1);
        assertThat(train.err()).contains(plain + " is a file, not a folder");
        assertThat(train.out()).doesNotContain("PR-AUC");
        assertThat(tmp.resolve("m.bwm")).doesNotExist();

        CliRunner.Result folder = CliRunner.run("detect", zeek.toString(), "--out", tmp.toString());
        assertThat(folder.exitCode()).isEqualTo(1);
        assertThat(folder.err()).contains("cannot write " + tmp + ": it is a folder");
    }

    @Test
    void aMissingOutputFolderIsCreated(@TempDir Path tmp) throws IOException {
        Path zeek = hostileZeek(tmp.resolve("zeek"));
        Path out = tmp.resolve("a/b/findings.jsonl");
        CliRunner.Result r = CliRunner.run("detect", zeek.toString(), "--format", "jsonl", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isIn(0, 3);
        assertThat(out).isRegularFile();
        assertThat(Path.of(out + ".meta.json")).isRegularFile();
        try (var files = Files.list(out.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder("findings.jsonl", "findings.jsonl.meta.json");
        }
    }

    @Test
    void aFailedRunLeavesThePreviousFindingsFile(@TempDir Path tmp) throws IOException {
        Path zeek = hostileZeek(tmp.resolve("zeek"));
        Path out = tmp.resolve("findings.csv");
        Files.writeString(out, "previous findings\n");
        Path broken = tmp.resolve("broken.log");
        Files.writeString(broken, CONN_HEADER + "1.0\tC1\t10.0.0.1\n");
        CliRunner.Result r = CliRunner.run("detect", "--on-error", "fail", zeek.toString(), broken.toString(),
                "--format", "csv", "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(Files.readString(out)).isEqualTo("previous findings\n");
    }

    @Test
    void aReadOnlyFolderIsNamedBeforeTheWorkAndTheOldFileStays(@TempDir Path tmp) throws IOException {
        Path zeek = hostileZeek(tmp.resolve("zeek"));
        Path ro = Files.createDirectories(tmp.resolve("ro"));
        Path out = ro.resolve("findings.csv");
        Files.writeString(out, "previous findings\n");
        Files.setPosixFilePermissions(ro, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_EXECUTE));
        try {
            // root writes anywhere: the permission cannot fail there, so the test says so and skips
            assumeFalse(Files.isWritable(ro), "running as root: a read-only folder is still writable; skipped");
            CliRunner.Result r = CliRunner.run("detect", zeek.toString(), "--format", "csv", "--out", out.toString());
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).contains("cannot write " + out).contains("permission denied");
            assertThat(Files.readString(out)).isEqualTo("previous findings\n");
        } finally {
            Files.setPosixFilePermissions(ro, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"detect --top 0", "detect --top -5", "detect --min-conns 0", "detect --threads 0",
        "score --top 0", "explore --top 0", "explore --max-rows -1", "train --max-rows -1", "train --folds 1",
        "simulate --hosts 0", "simulate --days 0", "simulate --rows 0", "demo --top 0"})
    void countOptionsBelowOneAreUsageErrors(String args, @TempDir Path tmp) throws IOException {
        Path zeek = hostileZeek(tmp.resolve("zeek"));
        String[] parts = args.split(" ");
        List<String> cmd = new java.util.ArrayList<>(List.of(parts));
        switch (parts[0]) {
            case "detect" -> cmd.add(zeek.toString());
            case "score" -> cmd.addAll(List.of("--model", tmp.resolve("none.bwm").toString(), zeek.toString(),
                    "--out", tmp.resolve("s.csv").toString()));
            case "explore" -> cmd.addAll(List.of(zeek.toString(), "--label", "label", "--out", tmp.resolve("x").toString()));
            case "train" -> cmd.addAll(List.of(zeek.toString(), "--label", "label", "--split", "group:src", "--out",
                    tmp.resolve("m.bwm").toString()));
            case "simulate", "demo" -> cmd.addAll(List.of("--out", tmp.resolve("sim").toString()));
            default -> throw new IllegalArgumentException(args);
        }
        CliRunner.Result r = CliRunner.run(cmd.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(parts[1]).contains("must be");
        assertThat(tmp.resolve("sim")).doesNotExist();
    }

    @Test
    void provenanceListsOnlyTheFilesRead(@TempDir Path tmp) throws IOException {
        Path zeek = hostileZeek(tmp.resolve("zeek"));
        Files.writeString(zeek.resolve("conn_labels.tsv"), "uid\tlabel\nC1\tmalicious\n");
        Path out = tmp.resolve("out/findings.csv");
        CliRunner.Result r = CliRunner.run("detect", zeek.toString(), "--format", "csv", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isIn(0, 3);
        String meta = Files.readString(Path.of(out + ".meta.json"));
        String inputs = meta.substring(meta.indexOf("\"inputs\""), meta.indexOf("\"skipped\""));
        assertThat(inputs).contains("conn.log").contains("ssl.log").doesNotContain("conn_labels.tsv");
        assertThat(meta.substring(meta.indexOf("\"skipped\""))).contains("conn_labels.tsv").contains("\"reason\"");
    }

    @Test
    void skipNotesSuggestOnlyWhatApplies(@TempDir Path tmp) throws IOException {
        Path zeek = hostileZeek(tmp.resolve("zeek"));
        CliRunner.Result internal = CliRunner.run("detect", zeek.toString(), "--internal", "192.168.0.0/16");
        assertThat(internal.err()).contains("outside the given networks (--internal 192.168.0.0/16)")
                .doesNotContain("if your hosts use public addresses");
        CliRunner.Result allowed = CliRunner.run("detect", zeek.toString(), "--allow",
                "203.0.113.0/24,2001:db8::/32,198.51.100.0/24");
        assertThat(allowed.err()).contains("matched the allowlist").doesNotContain("--internal CIDR");
    }

    @Test
    void theSummarySentenceIsTheSameForEveryFormat(@TempDir Path tmp) throws IOException {
        Path zeek = hostileZeek(tmp.resolve("zeek"));
        CliRunner.Result table = CliRunner.run("detect", zeek.toString());
        List<String> lines = table.out().lines().toList();
        String last = lines.get(lines.size() - 1);
        assertThat(last).matches("[0-9,]+ flows read, [0-9,]+ used, [0-9,]+ channels?, [0-9,]+ scored, [0-9,]+ alerts?");
        CliRunner.Result csv = CliRunner.run("detect", zeek.toString(), "--format", "csv");
        assertThat(csv.err().lines().toList()).contains(last);
    }

    @Test
    void exploreCountsFlowRowsNotCompanionRecordsAndDoesNotClaimASample(@TempDir Path tmp) throws IOException {
        Path zeek = hostileZeek(tmp.resolve("zeek"));
        CliRunner.Result r = CliRunner.run("explore", zeek.toString(), "--label", "label", "--no-channels", "--out",
                tmp.resolve("report").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("sampled");
        assertThat(r.out()).contains("What the data is: 120 rows and").doesNotContain("sample");
        assertNoEscapes(r, "explore");
        assertThat(Files.readString(tmp.resolve("report/report.html"))).contains("All 120 rows analysed");
    }
}
