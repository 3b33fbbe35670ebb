package org.beaconwatch.ml;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.beaconwatch.io.FileReport;
import org.beaconwatch.io.FlowInputs;
import org.beaconwatch.io.FlowSource;
import org.beaconwatch.io.ReadOptions;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;
import org.beaconwatch.table.FlowTables;

/**
 * Reads inputs into one table for modelling, one input (file or directory) at a time, so that
 * {@link DataTable#source(int)} names the input each row came from (what file and capture splits
 * need). Columns are matched by name; a column one input lacks is missing in its rows.
 */
public final class TableInputs {
    private TableInputs() {
    }

    /**
     * A table and the reader reports.
     *
     * @param table   all rows, {@code source(row)} = index of the input in the order given
     * @param reports per-file reader reports (warnings, skipped records)
     */
    public record Read(DataTable table, List<FileReport> reports) {
    }

    /** Reads every input in full. */
    public static Read read(List<Path> inputs, ReadOptions options) throws IOException {
        return read(inputs, options, 0, 0);
    }

    /**
     * Reads the inputs, keeping at most {@code maxRowsPerInput} rows of each (a seeded uniform
     * sample; 0 = all).
     */
    public static Read read(List<Path> inputs, ReadOptions options, int maxRowsPerInput, long seed) throws IOException {
        List<DataTable> parts = new ArrayList<>();
        List<FileReport> reports = new ArrayList<>();
        for (Path p : inputs) {
            try (FlowSource s = FlowInputs.open(List.of(p), options)) {
                parts.add(FlowTables.read(s, maxRowsPerInput, seed));
                reports.addAll(s.reports());
            }
        }
        List<String> names = new ArrayList<>();
        for (Path p : inputs) {
            names.add(p.toString());
        }
        return new Read(concat(parts, names), reports);
    }

    /** Stacks tables; row sources become the index of each table. */
    public static DataTable concat(List<DataTable> parts, List<String> names) {
        int n = 0;
        for (DataTable t : parts) {
            n += t.rows();
        }
        Map<String, Column> first = new LinkedHashMap<>();
        Map<String, Boolean> numeric = new LinkedHashMap<>();
        for (DataTable t : parts) {
            for (Column c : t.columns()) {
                String k = DataTable.key(c.name());
                first.putIfAbsent(k, c);
                numeric.merge(k, c instanceof Column.Numeric, Boolean::logicalAnd);
            }
        }
        List<Column> out = new ArrayList<>();
        for (var e : first.entrySet()) {
            String k = e.getKey();
            Column proto = e.getValue();
            if (numeric.get(k)) {
                double[] v = new double[n];
                int at = 0;
                for (DataTable t : parts) {
                    var c = t.column(proto.name());
                    for (int r = 0; r < t.rows(); r++) {
                        v[at++] = c.isPresent() ? ((Column.Numeric) c.get()).values()[r] : Double.NaN;
                    }
                }
                out.add(new Column.Numeric(proto.name(), proto.role(), v));
            } else {
                String[] v = new String[n];
                int at = 0;
                for (DataTable t : parts) {
                    var c = t.column(proto.name());
                    for (int r = 0; r < t.rows(); r++) {
                        v[at++] = c.isPresent() && !c.get().isMissing(r) ? c.get().text(r) : null;
                    }
                }
                out.add(new Column.Categorical(proto.name(), proto.role(), v));
            }
        }
        int[] src = new int[n];
        int at = 0;
        for (int i = 0; i < parts.size(); i++) {
            for (int r = 0; r < parts.get(i).rows(); r++) {
                src[at++] = i;
            }
        }
        return new DataTable(out, src, names);
    }
}
