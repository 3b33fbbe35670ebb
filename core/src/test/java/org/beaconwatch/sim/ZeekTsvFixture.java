package org.beaconwatch.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tiny test-only Zeek TSV parser (the real reader lives in org.beaconwatch.io.zeek): it checks
 * the header block and returns the data rows as field arrays, failing loudly on anything odd.
 */
final class ZeekTsvFixture {
    final List<String> header = new ArrayList<>();
    final String[] fields;
    final List<String[]> rows = new ArrayList<>();
    String close;

    private ZeekTsvFixture(String[] fields) {
        this.fields = fields;
    }

    static ZeekTsvFixture read(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            List<String> head = new ArrayList<>();
            String line;
            String[] fields = null;
            while ((line = r.readLine()) != null && line.startsWith("#")) {
                head.add(line);
                if (line.startsWith("#fields\t")) {
                    fields = line.substring("#fields\t".length()).split("\t", -1);
                }
                if (line.startsWith("#types\t")) {
                    break;
                }
            }
            if (fields == null) {
                throw new IllegalStateException(file + ": no #fields line");
            }
            ZeekTsvFixture z = new ZeekTsvFixture(fields);
            z.header.addAll(head);
            int lineNo = head.size();
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.startsWith("#close\t")) {
                    z.close = line;
                    if (r.readLine() != null) {
                        throw new IllegalStateException(file + ": data after #close");
                    }
                    break;
                }
                String[] f = line.split("\t", -1);
                if (f.length != fields.length) {
                    throw new IllegalStateException(file + " line " + lineNo + ": " + f.length + " fields, expected "
                            + fields.length + ": " + line);
                }
                z.rows.add(f);
            }
            return z;
        }
    }

    int col(String name) {
        int i = Arrays.asList(fields).indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no field " + name);
        }
        return i;
    }

    /** Parses a dotted quad strictly; throws on anything else. */
    static int ipv4(String s) {
        String[] p = s.split("\\.", -1);
        if (p.length != 4) {
            throw new IllegalArgumentException("not IPv4: " + s);
        }
        int v = 0;
        for (String o : p) {
            int x = Integer.parseInt(o);
            if (x < 0 || x > 255 || !Integer.toString(x).equals(o)) {
                throw new IllegalArgumentException("not IPv4: " + s);
            }
            v = (v << 8) | x;
        }
        return v;
    }

    /** Parses a Zeek time "seconds.micros" (exactly 6 decimals) to microseconds. */
    static long micros(String s) {
        int dot = s.indexOf('.');
        if (dot < 0 || s.length() - dot - 1 != 6) {
            throw new IllegalArgumentException("not a 6-decimal time: " + s);
        }
        return Long.parseLong(s.substring(0, dot)) * 1_000_000L + Long.parseLong(s.substring(dot + 1));
    }
}
