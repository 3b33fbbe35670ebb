package org.beaconwatch.ml.ahead;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.beaconwatch.io.MalformedRecordException;

/**
 * Computer-to-computer events of the Los Alamos "Comprehensive, Multi-Source Cyber-Security Events"
 * data (Kent 2015) and of the Featuretools LANL export, recognised by content, not by file name:
 *
 * <ul>
 *   <li>{@code auth}: no header, 9 fields {@code time,src_user@dom,dst_user@dom,src_computer,dst_computer,
 *   auth_type,logon_type,orientation,Success|Fail};</li>
 *   <li>{@code flows}: no header, 9 numeric-or-name fields {@code time,duration,src_computer,src_port,
 *   dst_computer,dst_port,protocol,packets,bytes};</li>
 *   <li>{@code redteam}: no header, 4 fields {@code time,user@dom,src_computer,dst_computer}: the
 *   red team's compromise events, the labels;</li>
 *   <li>the Featuretools export: header {@code secs,src_name,dest_name,src_host,dest_host,label}, label
 *   {@code A} (attack, positive) or {@code N} (normal), a missing label written {@code N/A}.</li>
 * </ul>
 *
 * <p>Entities are computer names ({@code C123}); no IP address is needed. Times are seconds from the
 * start of the data. Files may be gzip-compressed.
 */
public final class LanlEvents {
    /** Kinds of file. */
    public enum Kind { AUTH, FLOWS, REDTEAM, FEATURETOOLS }

    /**
     * Events of one or more files, time-sorted.
     *
     * @param time     seconds
     * @param src      source computer
     * @param dst      destination computer
     * @param failed   the event was a failed logon (auth only)
     * @param attack   the event is a red-team event (redteam files; label A in the export)
     */
    // arrays by design: columnar data handed over without copies; never compared or hashed by value
    @SuppressWarnings("ArrayRecordComponent")
    public record Events(long[] time, String[] src, String[] dst, boolean[] failed, boolean[] attack) {
        public int size() {
            return time.length;
        }
    }

    private LanlEvents() {
    }

    /** The kind of a file from its first line, or null when it is none of them. */
    public static Kind detect(String firstLine) {
        if (firstLine == null) {
            return null;
        }
        String l = firstLine.strip();
        if (l.toLowerCase(Locale.ROOT).startsWith("secs,src_name,dest_name,src_host,dest_host,label")) {
            return Kind.FEATURETOOLS;
        }
        String[] f = l.split(",", -1);
        if (f.length == 0 || !isLong(f[0])) {
            return null;
        }
        if (f.length == 4 && f[1].contains("@")) {
            return Kind.REDTEAM;
        }
        if (f.length == 9 && f[1].contains("@") && f[2].contains("@")) {
            return Kind.AUTH;
        }
        if (f.length == 9 && isLong(f[1]) && isLong(f[7]) && isLong(f[8])) {
            return Kind.FLOWS;
        }
        return null;
    }

    /**
     * Reads the files; red-team files (and label A of the export) mark attack events.
     *
     * @throws MalformedRecordException naming file and line for a record that does not fit its kind
     * @throws IOException              when a file cannot be read or is not a LANL-style file
     */
    public static Events read(List<Path> files) throws IOException {
        LongList t = new LongList();
        List<String> src = new ArrayList<>();
        List<String> dst = new ArrayList<>();
        BoolList failed = new BoolList();
        BoolList attack = new BoolList();
        for (Path p : files) {
            try (BufferedReader r = open(p)) {
                String first = r.readLine();
                Kind k = detect(first);
                if (k == null) {
                    throw new IOException(p + ": not a LANL auth, flows or redteam file nor a Featuretools export "
                            + "(secs,src_name,dest_name,src_host,dest_host,label)");
                }
                long line = 1;
                String[] f = new String[10];
                String l = k == Kind.FEATURETOOLS ? r.readLine() : first;
                if (k == Kind.FEATURETOOLS) {
                    line++;
                }
                while (l != null) {
                    if (!l.isBlank()) {
                        int need = k == Kind.REDTEAM ? 4 : k == Kind.FEATURETOOLS ? 6 : 9;
                        int got = fields(l, f);
                        if (got != need || !isLong(f[0].strip())) {
                            throw new MalformedRecordException(p.toString(), line, "expected " + need
                                    + " comma-separated fields starting with a time in seconds");
                        }
                        t.add(Long.parseLong(f[0].strip()));
                        switch (k) {
                            case AUTH -> {
                                src.add(f[3].strip());
                                dst.add(f[4].strip());
                                failed.add(f[8].strip().equalsIgnoreCase("fail"));
                                attack.add(false);
                            }
                            case FLOWS -> {
                                src.add(f[2].strip());
                                dst.add(f[4].strip());
                                failed.add(false);
                                attack.add(false);
                            }
                            case REDTEAM -> {
                                src.add(f[2].strip());
                                dst.add(f[3].strip());
                                failed.add(false);
                                attack.add(true);
                            }
                            case FEATURETOOLS -> {
                                src.add(f[3].strip());
                                dst.add(f[4].strip());
                                failed.add(false);
                                attack.add(f[5].strip().equalsIgnoreCase("A"));
                            }
                            default -> throw new IllegalStateException();
                        }
                    }
                    l = r.readLine();
                    line++;
                }
            }
        }
        int n = t.size;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        long[] tv = Arrays.copyOf(t.v, n);
        Arrays.sort(order, (a, b) -> Long.compare(tv[a], tv[b]));
        long[] ot = new long[n];
        String[] os = new String[n];
        String[] od = new String[n];
        boolean[] of = new boolean[n];
        boolean[] oa = new boolean[n];
        for (int i = 0; i < n; i++) {
            int j = order[i];
            ot[i] = tv[j];
            os[i] = src.get(j);
            od[i] = dst.get(j);
            of[i] = failed.v[j];
            oa[i] = attack.v[j];
        }
        return new Events(ot, os, od, of, oa);
    }

    /**
     * Splits a line at commas into {@code out} (no regex, one pass; the read loop runs once per
     * event of files with a billion lines); returns the number of fields, or {@code out.length + 1}
     * when there are more fields than {@code out} holds.
     */
    static int fields(String line, String[] out) {
        int n = 0;
        int from = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == ',') {
                if (n == out.length) {
                    return out.length + 1;
                }
                out[n++] = line.substring(from, i);
                from = i + 1;
            }
        }
        return n;
    }

    private static BufferedReader open(Path p) throws IOException {
        InputStream in = Files.newInputStream(p);
        if (p.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    private static boolean isLong(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static final class LongList {
        long[] v = new long[1024];
        int size;

        void add(long x) {
            if (size == v.length) {
                v = Arrays.copyOf(v, size * 2);
            }
            v[size++] = x;
        }
    }

    private static final class BoolList {
        boolean[] v = new boolean[1024];
        int size;

        void add(boolean x) {
            if (size == v.length) {
                v = Arrays.copyOf(v, size * 2);
            }
            v[size++] = x;
        }
    }
}
