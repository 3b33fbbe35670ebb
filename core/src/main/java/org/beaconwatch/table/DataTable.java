package org.beaconwatch.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable table of equally long columns, with where each row came from ({@link #source(int)}:
 * the input file index, for splits by file or capture).
 */
public final class DataTable {
    private final List<Column> columns;
    private final Map<String, Column> byKey = new LinkedHashMap<>();
    private final int rows;
    private final int[] source;
    private final List<String> sourceNames;

    /**
     * @param columns     columns of equal length
     * @param source      per row, the index into sourceNames of the file it came from (may be null)
     * @param sourceNames names of the inputs
     */
    public DataTable(List<Column> columns, int[] source, List<String> sourceNames) {
        this.columns = List.copyOf(columns);
        this.rows = columns.isEmpty() ? (source == null ? 0 : source.length) : columns.get(0).size();
        for (Column c : columns) {
            if (c.size() != rows) {
                throw new IllegalArgumentException("column " + c.name() + " has " + c.size() + " rows, expected " + rows);
            }
            byKey.put(key(c.name()), c);
        }
        this.source = source == null ? new int[rows] : source;
        this.sourceNames = sourceNames == null ? List.of() : List.copyOf(sourceNames);
    }

    /** Column lookup key: case-insensitive, ignoring '_', '-', '.' and spaces ("detailed-label" = "detailedlabel"). */
    public static String key(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '_' && c != '-' && c != '.' && c != ' ') {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    public int rows() {
        return rows;
    }

    public List<Column> columns() {
        return columns;
    }

    /** Finds a column by name, forgiving case and separators. */
    public Optional<Column> column(String name) {
        return Optional.ofNullable(byKey.get(key(name)));
    }

    /** Index of the input file row {@code row} came from. */
    public int source(int row) {
        return source[row];
    }

    public List<String> sourceNames() {
        return sourceNames;
    }

    /** A new table with the rows at {@code index} (in that order). */
    public DataTable select(int[] index) {
        List<Column> out = new ArrayList<>(columns.size());
        for (Column c : columns) {
            if (c instanceof Column.Numeric n) {
                double[] v = new double[index.length];
                for (int i = 0; i < index.length; i++) {
                    v[i] = n.values()[index[i]];
                }
                out.add(new Column.Numeric(n.name(), n.role(), v));
            } else {
                Column.Categorical k = (Column.Categorical) c;
                String[] v = new String[index.length];
                for (int i = 0; i < index.length; i++) {
                    v[i] = k.values()[index[i]];
                }
                out.add(new Column.Categorical(k.name(), k.role(), v));
            }
        }
        int[] src = new int[index.length];
        for (int i = 0; i < index.length; i++) {
            src[i] = source[index[i]];
        }
        return new DataTable(out, src, sourceNames);
    }

    /** A new table with one more (or a replaced) column. */
    public DataTable with(Column c) {
        List<Column> out = new ArrayList<>(columns);
        out.removeIf(x -> key(x.name()).equals(key(c.name())));
        out.add(c);
        return new DataTable(out, source, sourceNames);
    }

    /** Column names in order. */
    public List<String> names() {
        List<String> n = new ArrayList<>(columns.size());
        for (Column c : columns) {
            n.add(c.name());
        }
        return Collections.unmodifiableList(n);
    }
}
