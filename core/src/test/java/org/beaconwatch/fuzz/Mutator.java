package org.beaconwatch.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Seeded mutations of a log file, structure-aware (lines and fields: swap, duplicate, drop,
 * boundary values, header directives, JSON nesting and types, BOM, CRLF, truncated gzip) and at the
 * byte level (flips, inserts, deletes). Text is handled as ISO-8859-1 so every char is one byte
 * and non-UTF-8 bytes survive. Everything comes from the {@link SplittableRandom} passed in, so a
 * (seed, iteration) pair reproduces an input exactly.
 */
final class Mutator {
    /** Values that break parsers: empty, unset, signs, overflow, exponents, addresses, times, escapes. */
    static final List<String> BOUNDARY = List.of("", "-", "(empty)", " ", "0", "-0", "-1", "65535", "65536",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "99999999999999999999", "NaN",
            "Infinity", "-Infinity", "1e308", "1e9999999", "1e-99999999", "-1e3", "1.5e9", "0x10", "0X",
            "0xFFFFFFFFFFFF", "1.5", "-3.25", ".", "1.", ".5", "999999999999.9999999", "1.2.3.4", "300.1.1.1",
            "1.2.3", "::", "::ffff:1.2.3.4", "fe80::1%eth0", "[::1]", "1:2:3:4:5:6:7:8:9", "::1::", "tcp", "udp",
            "icmp", "ICMP6", "ipv6-icmp", "arp", "2011/08/16 10:01:46.972101", "2019-13-45T25:61:61Z",
            "2020-01-01T00:00:00+99:99", "2020-01-01 00:00:00.", "9999-12-31 23:59:59.9999999", "0000/00/00",
            "99999/01/01", "2020-02-30T00:00:00-05", "\\x09", "\\xff", "\\x", "\\", "\u00ff\u00fe", "\u00c3",
            "\u00ef\u00bb\u00bf", "\"", "\"a,b\"", "\"x\"\"y\"", ",", "\t", "   ", "\u0000", "\r", "true", "null",
            "{}", "[]", "{\"a\":1}", "C123", "N456", "CONNECT", "host:443", "[::1]:8080");

    private Mutator() {
    }

    /** One mutated input: bytes plus whether they are gzip (possibly truncated). */
    // arrays by design: columnar data handed over without copies; never compared or hashed by value
    @SuppressWarnings("ArrayRecordComponent")
    record Input(byte[] bytes, boolean gzip) {
    }

    /**
     * Mutates a seed document.
     *
     * @param seed   the text (ISO-8859-1 chars = bytes)
     * @param sep    the format's field separator
     * @param json   true when lines are JSON objects
     * @param rnd    the iteration's random source
     */
    static Input mutate(String seed, char sep, boolean json, SplittableRandom rnd) {
        List<String> lines = new ArrayList<>(Arrays.asList(seed.split("\n", -1)));
        int structural = 1 + rnd.nextInt(4);
        for (int k = 0; k < structural; k++) {
            structural(lines, sep, json, rnd);
        }
        String text = String.join(rnd.nextInt(10) == 0 ? "\r\n" : "\n", lines);
        if (rnd.nextInt(15) == 0) {
            text = "\u00ef\u00bb\u00bf" + text;
        }
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        if (rnd.nextInt(3) == 0) {
            b = bytes(b, rnd);
        }
        if (rnd.nextInt(12) == 0) {
            byte[] z = gzip(b);
            int cut = rnd.nextInt(4) == 0 ? z.length : 10 + rnd.nextInt(Math.max(1, z.length - 10));
            z = Arrays.copyOf(z, cut);
            if (rnd.nextInt(4) == 0 && z.length > 12) {
                z[10 + rnd.nextInt(z.length - 10)] ^= (byte) (1 << rnd.nextInt(8));
            }
            return new Input(z, true);
        }
        return new Input(b, false);
    }

    private static void structural(List<String> lines, char sep, boolean json, SplittableRandom rnd) {
        if (lines.isEmpty()) {
            lines.add("");
        }
        int li = rnd.nextInt(lines.size());
        String line = lines.get(li);
        switch (rnd.nextInt(json ? 14 : 12)) {
            case 0, 1, 2 -> // a field gets a boundary value
                    lines.set(li, setField(line, json ? ',' : sep, rnd, boundary(rnd, sep)));
            case 3 -> {
                // swap two fields
                List<String> f = split(line, json ? ',' : sep);
                if (f.size() > 1) {
                    int a = rnd.nextInt(f.size()), c = rnd.nextInt(f.size());
                    String t = f.get(a);
                    f.set(a, f.get(c));
                    f.set(c, t);
                }
                lines.set(li, String.join(String.valueOf(json ? ',' : sep), f));
            }
            case 4 -> {
                // duplicate or drop a field
                List<String> f = split(line, json ? ',' : sep);
                int a = rnd.nextInt(f.size());
                if (rnd.nextBoolean()) {
                    f.add(a, f.get(a));
                } else if (f.size() > 1) {
                    f.remove(a);
                }
                lines.set(li, String.join(String.valueOf(json ? ',' : sep), f));
            }
            case 5 -> // drop a line
                    lines.remove(li);
            case 6 -> // duplicate a line somewhere
                    lines.add(rnd.nextInt(lines.size() + 1), line);
            case 7 -> {
                // swap two lines
                int o = rnd.nextInt(lines.size());
                lines.set(li, lines.get(o));
                lines.set(o, line);
            }
            case 8 -> // header directives
                    header(lines, sep, rnd);
            case 9 -> {
                // overlong value or line
                int n = rnd.nextInt(3) == 0 ? 3000 + rnd.nextInt(3000) : 100 + rnd.nextInt(400);
                char c = (char) ('a' + rnd.nextInt(26));
                char[] v = new char[n];
                Arrays.fill(v, rnd.nextInt(4) == 0 ? '9' : c);
                lines.set(li, setField(line, json ? ',' : sep, rnd, new String(v)));
            }
            case 10 -> // separators and line breaks inside a line
                    lines.set(li, insert(line, rnd, String.valueOf(new char[] {sep, ',', '\t', ' ', '\n', '\r', '"',
                        '\\', '\u0000', '\u00ff'}[rnd.nextInt(10)])));
            case 11 -> // a fresh line of boundary values
                    lines.add(li, boundary(rnd, sep) + sep + boundary(rnd, sep) + sep + boundary(rnd, sep));
            case 12 -> // JSON: wrap a value in objects or arrays, or change its type
                    lines.set(li, jsonValue(line, rnd));
            default -> // JSON: deep nesting
                    lines.set(li, nest(rnd.nextInt(3) == 0 ? 400 + rnd.nextInt(2000) : 2 + rnd.nextInt(30),
                        rnd.nextInt(4) == 0 ? 200 : 1) + line.substring(Math.min(1, line.length())));
        }
    }

    private static String boundary(SplittableRandom rnd, char sep) {
        String v = BOUNDARY.get(rnd.nextInt(BOUNDARY.size()));
        return rnd.nextInt(8) == 0 ? v + sep + v : v;
    }

    private static void header(List<String> lines, char sep, SplittableRandom rnd) {
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("#fields") || (at < 0 && !lines.get(i).startsWith("#"))) {
                at = i;
                if (lines.get(i).startsWith("#fields")) {
                    break;
                }
            }
        }
        if (at < 0) {
            at = 0;
        }
        String[] seps = {"\\x09", "\\x2c", ",", "", "ab", "\\xff", "\\x0a", "\\x20", "\\x"};
        switch (rnd.nextInt(8)) {
            case 0 -> lines.add(0, "#separator " + seps[rnd.nextInt(seps.length)]);
            case 1 -> lines.removeIf(l -> l.startsWith(rnd.nextBoolean() ? "#fields" : "#separator"));
            case 2 -> {
                // another #fields block mid-file, fields shuffled or cut
                String f = lines.get(at);
                List<String> parts = split(f, sep);
                if (parts.size() > 2) {
                    int a = 1 + rnd.nextInt(parts.size() - 1);
                    if (rnd.nextBoolean()) {
                        parts.remove(a);
                    } else {
                        parts.set(a, parts.get(1 + rnd.nextInt(parts.size() - 1)));
                    }
                }
                lines.add(rnd.nextInt(lines.size() + 1), String.join(String.valueOf(sep), parts));
            }
            case 3 -> lines.add(rnd.nextInt(lines.size() + 1), "#unset_field" + sep + boundary(rnd, sep));
            case 4 -> lines.add(rnd.nextInt(lines.size() + 1), "#empty_field" + sep + boundary(rnd, sep));
            case 5 -> lines.add(rnd.nextInt(lines.size() + 1), "#set_separator" + sep + boundary(rnd, sep));
            case 6 -> // the header line's names changed (binetflow, CSV: first line)
                    lines.set(at, setField(lines.get(at), sep == '\t' && !lines.get(at).startsWith("#") ? '\t'
                        : lines.get(at).indexOf(',') >= 0 && !lines.get(at).startsWith("#") ? ',' : sep, rnd,
                        new String[] {"StartTime", "ts", "label", "src_ip", "duration", "", "x", "id.orig_h",
                            "tunnel_parents   label   detailed-label", "Dur", "SrcAddr"}[rnd.nextInt(11)]));
            default ->
                    lines.add(rnd.nextInt(lines.size() + 1), "#fields" + sep + "ts" + sep + "tunnel_parents   label   x");
        }
    }

    private static String jsonValue(String line, SplittableRandom rnd) {
        int colon = nth(line, ':', rnd);
        if (colon < 0) {
            return line;
        }
        int end = colon + 1;
        while (end < line.length() && line.charAt(end) != ',' && line.charAt(end) != '}') {
            end++;
        }
        String v = line.substring(colon + 1, end);
        String[] forms = {"[" + v + "]", "{\"x\":" + v + "}", "{\"orig_h\":" + v + "}", "\"" + v + "\"", "true",
            "null", "-" + v, v + v, "1e9999999", "\"1e-99999999\"", "12345678901234567890123", "\"\\u0000\"",
            "\"\\ud800\"", "[[[[[[" + v + "]]]]]]", "{\"a\":{\"b\":{\"c\":" + v + "}}}"};
        return line.substring(0, colon + 1) + forms[rnd.nextInt(forms.length)] + line.substring(end);
    }

    private static String nest(int depth, int keyLength) {
        char[] k = new char[keyLength];
        Arrays.fill(k, 'k');
        String key = "\"" + new String(k) + "\":";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            sb.append('{').append(key);
        }
        sb.append("1");
        for (int i = 0; i < depth; i++) {
            sb.append('}');
        }
        return "{\"id\":" + sb + ",";
    }

    private static int nth(String s, char c, SplittableRandom rnd) {
        int count = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                count++;
            }
        }
        if (count == 0) {
            return -1;
        }
        int want = rnd.nextInt(count);
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c && want-- == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String setField(String line, char sep, SplittableRandom rnd, String value) {
        List<String> f = split(line, sep);
        f.set(rnd.nextInt(f.size()), value);
        return String.join(String.valueOf(sep), f);
    }

    private static String insert(String line, SplittableRandom rnd, String what) {
        int at = rnd.nextInt(line.length() + 1);
        return line.substring(0, at) + what + line.substring(at);
    }

    static List<String> split(String line, char sep) {
        List<String> out = new ArrayList<>();
        int p = 0;
        while (true) {
            int q = line.indexOf(sep, p);
            if (q < 0) {
                out.add(line.substring(p));
                return out;
            }
            out.add(line.substring(p, q));
            p = q + 1;
        }
    }

    /** Byte-level: flips, inserts, deletes, overwrites with interesting bytes. */
    static byte[] bytes(byte[] b, SplittableRandom rnd) {
        byte[] interesting = {0, (byte) 0xff, (byte) 0x80, '\n', '\r', '\t', ',', '#', '{', '}', '"', '\\', '-',
            '.', ':', '0', '9', 'e'};
        int n = 1 + rnd.nextInt(8);
        for (int k = 0; k < n; k++) {
            int op = rnd.nextInt(4);
            if (b.length == 0) {
                op = 1;
            }
            switch (op) {
                case 0 -> {
                    int at = rnd.nextInt(b.length);
                    b[at] ^= (byte) (1 << rnd.nextInt(8));
                }
                case 1 -> {
                    int at = rnd.nextInt(b.length + 1);
                    int len = 1 + rnd.nextInt(4);
                    byte[] c = new byte[b.length + len];
                    System.arraycopy(b, 0, c, 0, at);
                    for (int j = 0; j < len; j++) {
                        c[at + j] = rnd.nextBoolean() ? interesting[rnd.nextInt(interesting.length)]
                                : (byte) rnd.nextInt(256);
                    }
                    System.arraycopy(b, at, c, at + len, b.length - at);
                    b = c;
                }
                case 2 -> {
                    int at = rnd.nextInt(b.length);
                    int len = Math.min(b.length - at, 1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 200 : 8));
                    byte[] c = new byte[b.length - len];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + len, c, at, b.length - at - len);
                    b = c;
                }
                default -> b[rnd.nextInt(b.length)] = interesting[rnd.nextInt(interesting.length)];
            }
        }
        return b;
    }

    static byte[] gzip(byte[] b) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(bos)) {
            z.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bos.toByteArray();
    }
}
