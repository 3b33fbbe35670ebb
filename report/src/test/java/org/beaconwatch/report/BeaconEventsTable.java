package org.beaconwatch.report;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;

/**
 * Test helper: reads the per-event beacon CSV into a DataTable the way the io CSV profile maps it
 * (timestamp to ts, src_ip to src, ...), without depending on the readers.
 */
final class BeaconEventsTable {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private BeaconEventsTable() {
    }

    static DataTable read(Path csv) throws IOException {
        List<String> header;
        List<List<String>> rows = new ArrayList<>();
        try (CsvReader<CsvRecord> r = CsvReader.builder().ofCsvRecord(csv)) {
            var it = r.iterator();
            header = it.next().getFields();
            while (it.hasNext()) {
                rows.add(it.next().getFields());
            }
        }
        List<Column> cols = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c);
            String[] v = new String[rows.size()];
            for (int i = 0; i < v.length; i++) {
                String s = rows.get(i).get(c);
                v[i] = s.isEmpty() ? null : s;
            }
            switch (name) {
                case "timestamp" -> {
                    double[] t = new double[v.length];
                    for (int i = 0; i < v.length; i++) {
                        t[i] = LocalDateTime.parse(v[i], TS).toEpochSecond(ZoneOffset.UTC);
                    }
                    cols.add(new Column.Numeric("ts", Column.Role.TIME, t));
                }
                case "src_ip" -> cols.add(new Column.Categorical("src", Column.Role.IDENTIFIER, v));
                case "dst_ip" -> cols.add(new Column.Categorical("dst", Column.Role.IDENTIFIER, v));
                case "event_id", "host_id", "user" -> cols.add(new Column.Categorical(name, Column.Role.IDENTIFIER, v));
                case "dst_port", "proc_name", "country_code" -> cols.add(new Column.Categorical(name, Column.Role.FEATURE, v));
                case "protocol" -> cols.add(new Column.Categorical("proto", Column.Role.FEATURE, v));
                case "label" -> cols.add(new Column.Categorical("label", Column.Role.LABEL, v));
                default -> cols.add(new Column.Numeric(
                        name.equals("bytes_out") ? "orig_bytes" : name.equals("bytes_in") ? "resp_bytes" : name,
                        Column.Role.FEATURE, numbers(v)));
            }
        }
        return new DataTable(cols, null, List.of(csv.getFileName().toString()));
    }

    private static double[] numbers(String[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i] == null ? Double.NaN : Double.parseDouble(v[i]);
        }
        return d;
    }
}
