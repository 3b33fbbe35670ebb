package org.beaconwatch.io.zeek;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.io.spi.Bytes;
import org.beaconwatch.io.spi.LineSource;
import org.beaconwatch.io.spi.Problems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reader's fast path against its general path: the same file read both ways must give the
 * same rows (every column, bit for bit) and the same problems (line and reason), on random rows
 * built to hit every form the fast path treats specially (unset "-" and "(empty)", empty fields,
 * very long fields, non-ASCII bytes, escapes, set values, CRLF, too few and too many fields,
 * numbers of every length, changed markers) and on random byte mutations of them. The files are
 * several times the line buffer, so rows also sit at the buffer's end, where the word-at-a-time
 * scanners fall back to byte loops.
 */
class ZeekTsvFastPathTest {
    private static final String[] STANDARD = {"ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p",
        "proto", "service", "duration", "orig_bytes", "resp_bytes", "conn_state", "local_orig", "local_resp",
        "missed_bytes", "history", "orig_pkts", "orig_ip_bytes", "resp_pkts", "resp_ip_bytes", "tunnel_parents"};

    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L, 4L})
    void fastPathReadsLikeTheGeneralPath(long seed) throws IOException {
        byte[] file = randomFile(new SplittableRandom(seed));
        assertThat(file.length).isGreaterThan(3 << 20); // a few times the line buffer
        for (boolean uidText : new boolean[] {false, true}) {
            Read fast = read(file, uidText, false);
            Read general = read(file, uidText, true);
            assertThat(fast.problems).isEqualTo(general.problems);
            assertThat(fast.rows).hasSize(general.rows.size());
            for (int r = 0; r < fast.rows.size(); r++) {
                assertThat(fast.rows.get(r)).as("row %d", r).isEqualTo(general.rows.get(r));
            }
            assertThat(general.rows.size()).isGreaterThan(8_000);
            assertThat(general.problems.size()).isGreaterThan(1_000);
        }
    }

    @Test
    void commonRowReadsAsExpected() throws IOException {
        String text = "#separator \\x09\n#unset_field\t-\n#empty_field\t(empty)\n#fields\t" + String.join("\t", STANDARD)
                + "\n1767571200.043868\tCBwjjZ0ZksnL2z6QDo\t10.20.3.8\t63913\t13.56.149.136\t443\ttcp\tssl\t0.114791"
                + "\t1750\t346\tSF\tT\tF\t0\tShADadfF\t6\t2062\t4\t554\t-\r\n"
                + "1767571200.5\t-\t2001:db8::1\t-\t10.0.0.1\t53\tudp\t(empty)\t-\t-\t\tS0\tT\tF\t0\t\t1\t2\t3\t4\t(empty)";
        Read r = read(text.getBytes(StandardCharsets.UTF_8), true, false);
        assertThat(r.problems).isEmpty();
        assertThat(r.rows).hasSize(2);
        assertThat(r.rows.get(0)).startsWith("1767571200043868 114791 0 " + (0xffff00000000L | 0x0a140308L))
                .contains(" 63913 443 1 1750 346 6 4 2062 554 ssl SF CBwjjZ0ZksnL2z6QDo ");
        assertThat(r.rows.get(1)).startsWith("1767571200500000 -1 ")
                .contains(" -1 53 2 -1 -1 1 3 2 4 null S0 null 0 0 null null 6");
    }

    /** The word-at-a-time scanners accept a field only as the byte parsers read it, wherever it sits. */
    @Test
    void scannersAgreeWithTheByteParsersAnywhereInTheBuffer() {
        SplittableRandom r = new SplittableRandom(7);
        TabScanner sc = new TabScanner();
        String[] tails = {"\t", "", "\tx", ".\t", "5\t", "a", "\n"};
        for (int n = 0; n < 200_000; n++) {
            String v = number(r);
            byte[] field = (v + tails[r.nextInt(tails.length)]).getBytes(StandardCharsets.ISO_8859_1);
            int pad = r.nextInt(4) == 0 ? 0 : r.nextInt(40); // 0: the field ends the array
            int lead = r.nextInt(3);
            byte[] a = new byte[lead + field.length + pad];
            Arrays.fill(a, (byte) '7'); // digits after the line's end must not count
            System.arraycopy(field, 0, a, lead, field.length);
            int p = lead, e = lead + field.length;
            for (int kind = 0; kind < 3; kind++) {
                int q = kind == 0 ? sc.micros(a, p, e) : kind == 1 ? sc.count(a, p, e) : sc.v4(a, p, e);
                long got = sc.value;
                int qb = kind == 0 ? sc.microsBytes(a, p, e) : kind == 1 ? sc.countBytes(a, p, e) : sc.v4Bytes(a, p, e);
                long gotBytes = sc.value;
                boolean accepted = q >= 0 && (q == e || (q < e && a[q] == '\t'));
                boolean acceptedBytes = qb >= 0 && (qb == e || a[qb] == '\t');
                // a digit run going on past the line's end (only the last line of a stream can
                // be followed by stale bytes) is left to the general path: no answer then
                boolean cleanEnd = e == a.length || (a[e] != '.' && (a[e] < '0' || a[e] > '9'));
                if (cleanEnd || accepted) {
                    assertThat(accepted).as("%s kind %d", v, kind).isEqualTo(acceptedBytes);
                }
                if (accepted) {
                    assertThat(q).isEqualTo(qb);
                    assertThat(got).as("%s kind %d", v, kind).isEqualTo(gotBytes);
                    long expected = kind == 0 ? Bytes.parseMicros(a, p, q) : kind == 1 ? Bytes.parseLong(a, p, q)
                            : ZeekFieldDecoder.parseV4(a, p, q);
                    assertThat(got).as("%s kind %d", v, kind).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void tabSearchFindsTheFirstTabBeforeTheEnd() {
        SplittableRandom r = new SplittableRandom(11);
        for (int n = 0; n < 100_000; n++) {
            byte[] a = new byte[r.nextInt(1, 60)];
            for (int k = 0; k < a.length; k++) {
                a[k] = (byte) (r.nextInt(8) == 0 ? '\t' : r.nextInt(256));
            }
            int p = r.nextInt(a.length), e = r.nextInt(p, a.length + 1);
            int expected = p;
            while (expected < e && a[expected] != '\t') {
                expected++;
            }
            assertThat(TabScanner.nextTab(a, p, e)).isEqualTo(expected);
        }
    }

    @Test
    void nthTabFindsTheNthTabBeforeTheEndOrSaysThereAreFewer() {
        SplittableRandom r = new SplittableRandom(13);
        for (int t = 0; t < 200_000; t++) {
            byte[] a = new byte[r.nextInt(1, 60)];
            for (int k = 0; k < a.length; k++) {
                a[k] = (byte) (r.nextInt(4) == 0 ? '\t' : r.nextInt(256));
            }
            int p = r.nextInt(a.length), e = r.nextInt(p, a.length + 1);
            int n = r.nextInt(1, 7);
            int expected = -1;
            for (int i = p, seen = 0; i < e; i++) {
                if (a[i] == '\t' && ++seen == n) {
                    expected = i;
                    break;
                }
            }
            assertThat(TabScanner.nthTab(a, p, e, n)).as("n=%d p=%d e=%d", n, p, e).isEqualTo(expected);
        }
    }

    /** Numbers and near-numbers of every length, for the scanners. */
    private static String number(SplittableRandom r) {
        switch (r.nextInt(6)) {
            case 0 -> {
                return digits(r, r.nextInt(0, 21));
            }
            case 1 -> {
                return digits(r, r.nextInt(0, 15)) + "." + digits(r, r.nextInt(0, 10));
            }
            case 2 -> {
                StringBuilder sb = new StringBuilder();
                int parts = r.nextInt(2, 6);
                for (int k = 0; k < parts; k++) {
                    sb.append(k > 0 ? "." : "").append(r.nextInt(5) == 0 ? digits(r, r.nextInt(0, 5)) : r.nextInt(300));
                }
                return sb.toString();
            }
            case 3 -> {
                return pick(r, "-", "(empty)", "", "+5", "-5", ".5", "5.", "1e9", "12a", "0x10", "\u00e9", "1..2",
                        "255.255.255.255", "256.1.1.1", "1.2.3.4.", "\\x31");
            }
            case 4 -> {
                return Long.toString(r.nextLong(Long.MAX_VALUE));
            }
            default -> {
                return r.nextInt(1 << 20) + "." + digits(r, 6);
            }
        }
    }

    private static String digits(SplittableRandom r, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return sb.toString();
    }

    @SafeVarargs
    private static <T> T pick(SplittableRandom r, T... options) {
        return options[r.nextInt(options.length)];
    }

    private record Read(List<String> rows, List<Problems.Event> problems) {
    }

    private static Read read(byte[] file, boolean uidText, boolean generalOnly) throws IOException {
        Problems problems = Problems.recording("f");
        LineSource lines = new LineSource(new ByteArrayInputStream(file), 1 << 20, null);
        ZeekTsvReader reader = new ZeekTsvReader(lines, problems, uidText);
        if (generalOnly) {
            reader.generalPathOnly();
        }
        List<String> rows = new ArrayList<>();
        FlowBatch b = new FlowBatch(1000);
        boolean more = true;
        while (more) {
            b.clear();
            more = reader.fill(b);
            for (int i = 0; i < b.size(); i++) {
                rows.add(row(b, i));
            }
        }
        return new Read(rows, problems.events());
    }

    /** Every column the reader fills, as text. */
    private static String row(FlowBatch b, int i) {
        return b.ts[i] + " " + b.duration[i] + " " + b.srcHi[i] + " " + b.srcLo[i] + " " + b.dstHi[i] + " " + b.dstLo[i]
                + " " + b.srcPort[i] + " " + b.dstPort[i] + " " + b.proto[i] + " " + b.origBytes[i] + " "
                + b.respBytes[i] + " " + b.origPkts[i] + " " + b.respPkts[i] + " " + b.origIpBytes[i] + " "
                + b.respIpBytes[i] + " " + b.service[i] + " " + b.connState[i] + " " + b.uid[i] + " " + b.uidHi[i] + " "
                + b.uidLo[i] + " " + b.label[i] + " " + b.detailedLabel[i] + " " + b.line[i];
    }

    private static final byte[] MUTATIONS = {'\t', '.', '-', '0', '9', 'a', ' ', '\\', ',', ':', (byte) 0xC3, '\r'};

    /** Header blocks with changing layouts and markers, each followed by random rows. */
    private static byte[] randomFile(SplittableRandom r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> shuffled = new ArrayList<>(List.of(STANDARD));
        shuffled.add("label");
        shuffled.add("detailed-label");
        String[][] layouts = {STANDARD, shuffled.toArray(new String[0]), STANDARD, shuffled.toArray(new String[0]),
            {"uid", "id.resp_p", "ts", "id.orig_h", "service", "id.resp_h", "duration"},
            {"ts", "id.orig_h", "id.resp_h", "proto", "conn_state", "orig_bytes"}};
        String[][] markers = {{"-", "(empty)"}, {"-", "(empty)"}, {"NA", "none"}, {"-", "(empty)"}, {"-", "(empty)"},
            {"0", "(empty)"}};
        for (int block = 0; block < 12; block++) {
            int l = block % layouts.length;
            String[] fields = layouts[l].clone();
            if (l == 1) {
                for (int k = fields.length - 1; k > 0; k--) { // another order each time
                    int j = r.nextInt(k + 1);
                    String t = fields[k];
                    fields[k] = fields[j];
                    fields[j] = t;
                }
            }
            String unset = markers[l][0], empty = markers[l][1];
            write(out, "#separator \\x09\n#set_separator\t,\n#empty_field\t" + empty + "\n#unset_field\t" + unset
                    + "\n#path\tconn\n#fields\t" + String.join("\t", fields) + "\n#types\tx\n");
            for (int row = 0; row < 2500; row++) {
                List<String> values = new ArrayList<>();
                for (String f : fields) {
                    values.add(value(r, f, unset, empty));
                }
                if (r.nextInt(60) == 0) {
                    values.remove(r.nextInt(values.size()));
                } else if (r.nextInt(60) == 0) {
                    values.add(r.nextInt(values.size() + 1), value(r, "x", unset, empty));
                }
                byte[] line = String.join("\t", values).getBytes(StandardCharsets.UTF_8);
                int mutations = r.nextInt(8) == 0 ? r.nextInt(1, 4) : 0;
                for (int m = 0; m < mutations && line.length > 0; m++) {
                    line[r.nextInt(line.length)] = MUTATIONS[r.nextInt(MUTATIONS.length)];
                }
                out.write(line);
                out.write(r.nextInt(20) == 0 ? "\r\n".getBytes(StandardCharsets.US_ASCII) : new byte[] {'\n'});
            }
        }
        write(out, "1.5\tC1\t1.2.3.4"); // last line without newline
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String value(SplittableRandom r, String field, String unset, String empty) {
        int special = r.nextInt(100);
        if (special < 4) {
            return unset;
        }
        if (special < 8) {
            return empty;
        }
        if (special < 10) {
            return pick(r, "", "-", "(empty)", "x".repeat(r.nextInt(100, 3000)), "\u00e9t\u00e9", "\u00ff", "a\\x09b",
                    "\\", number(r));
        }
        return switch (field) {
            case "ts" -> (1_700_000_000L + r.nextInt(100_000_000)) + "." + digits(r, r.nextInt(10) == 0 ? r.nextInt(9) : 6);
            case "duration" -> r.nextInt(1000) + "." + digits(r, r.nextInt(8));
            case "uid" -> "C" + Long.toString(r.nextLong() & Long.MAX_VALUE, 36) + (r.nextInt(30) == 0 ? "\u00fc" : "");
            case "id.orig_h", "id.resp_h" -> r.nextInt(10) == 0 ? pick(r, "2001:db8::1", "::ffff:1.2.3.4", "fe80::1%eth0",
                    "010.1.1.1", "1.2.3", "300.1.1.1") : "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
            case "id.orig_p", "id.resp_p" -> r.nextInt(20) == 0 ? pick(r, "65535", "65536", "0", "00080", "99999999999")
                    : Integer.toString(r.nextInt(65536));
            case "proto" -> pick(r, "tcp", "udp", "icmp", "tcp", "udp", "sctp", "TCP", "tc", "tcpx", "icmp6");
            case "service", "conn_state", "label", "detailed-label" -> pick(r, "SF", "S0", "ssl", "dns", "http,ssl",
                    "abcdefg", "abcdefgh", "abcdefghi", "Malicious", "C&C-HeartBeat", "we\\x09ird", "\u00e9");
            case "orig_bytes", "resp_bytes", "orig_pkts", "orig_ip_bytes", "resp_pkts", "resp_ip_bytes", "missed_bytes" ->
                    r.nextInt(10) == 0 ? digits(r, r.nextInt(1, 21)) : Integer.toString(r.nextInt(r.nextBoolean() ? 100 : 1 << 30));
            default -> pick(r, "T", "F", "ShADadfF", "Dd", "(empty)", "-", "a,b,c", "x".repeat(r.nextInt(0, 40)));
        };
    }
}
