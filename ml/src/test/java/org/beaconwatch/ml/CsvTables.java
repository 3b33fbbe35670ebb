package org.beaconwatch.ml;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assumptions;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;

/**
 * Test-only CSV to DataTable reader with the beacon-events mapping of the io CSV profile
 * (timestamp->ts, src_ip->src, dst_ip->dst, protocol->proto, bytes_out->orig_bytes,
 * bytes_in->resp_bytes), until the readers land.
 */
public final class CsvTables {
    static final Map<String, String> RENAME = Map.of("timestamp", "ts", "src_ip", "src", "dst_ip", "dst",
            "protocol", "proto", "bytes_out", "orig_bytes", "bytes_in", "resp_bytes", "src_byts", "orig_bytes",
            "dst_bytes", "resp_bytes", "protocol_type", "proto");
    static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private CsvTables() {
    }

    /** The shared data folder, or skips the test with a message. */
    public static Path data(String relative) {
        String d = System.getProperty("beaconwatch.data");
        Assumptions.assumeThat(d).as("system property beaconwatch.data (shared data folder) is not set").isNotNull();
        Path p = Path.of(d).resolve(relative);
        Assumptions.assumeThat(Files.isRegularFile(p)).as("shared data file " + p + " is absent").isTrue();
        return p;
    }

    public static DataTable read(Path file) throws IOException {
        return read(List.of(file));
    }

    public static DataTable read(List<Path> files) throws IOException {
        Map<String, List<String>> cols = new LinkedHashMap<>();
        List<Integer> source = new ArrayList<>();
        for (int fi = 0; fi < files.size(); fi++) {
            try (CsvReader<NamedCsvRecord> r = CsvReader.builder().ofNamedCsvRecord(files.get(fi))) {
                int before = source.size();
                for (NamedCsvRecord rec : r) {
                    for (String h : rec.getHeader()) {
                        String name = RENAME.getOrDefault(h.trim(), h.trim());
                        List<String> c = cols.computeIfAbsent(name, k -> {
                            List<String> l = new ArrayList<>();
                            for (int i = 0; i < before; i++) {
                                l.add(null);
                            }
                            return l;
                        });
                        while (c.size() < source.size()) {
                            c.add(null);
                        }
                        String v = rec.getField(h);
                        c.add(v.isEmpty() ? null : v);
                    }
                    source.add(fi);
                }
            }
        }
        List<Column> out = new ArrayList<>();
        int n = source.size();
        for (var e : cols.entrySet()) {
            List<String> v = e.getValue();
            while (v.size() < n) {
                v.add(null);
            }
            String name = e.getKey();
            String[] arr = v.toArray(new String[0]);
            String k = DataTable.key(name);
            if (k.equals("ts")) {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = arr[i] == null ? Double.NaN
                            : arr[i].contains("-") ? LocalDateTime.parse(arr[i], TS).toEpochSecond(ZoneOffset.UTC)
                            : Double.parseDouble(arr[i]);
                }
                out.add(new Column.Numeric(name, Column.Role.TIME, d));
            } else if (k.equals("label")) {
                out.add(new Column.Categorical(name, Column.Role.LABEL, arr));
            } else if (k.equals("src") || k.equals("dst") || k.equals("hostid") || k.equals("eventid") || k.equals("user")) {
                out.add(new Column.Categorical(name, Column.Role.IDENTIFIER, arr));
            } else if (k.endsWith("port")) {
                out.add(new Column.Categorical(name, Column.Role.FEATURE, arr));
            } else {
                out.add(typed(name, arr));
            }
        }
        List<String> names = new ArrayList<>();
        for (Path f : files) {
            names.add(f.toString());
        }
        int[] src = new int[n];
        for (int i = 0; i < n; i++) {
            src[i] = source.get(i);
        }
        return new DataTable(out, src, names);
    }

    static Column typed(String name, String[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] == null) {
                d[i] = Double.NaN;
                continue;
            }
            try {
                d[i] = Double.parseDouble(v[i].trim());
            } catch (NumberFormatException e) {
                return new Column.Categorical(name, Column.Role.FEATURE, v);
            }
        }
        return new Column.Numeric(name, Column.Role.FEATURE, d);
    }
}
