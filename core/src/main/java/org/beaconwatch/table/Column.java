package org.beaconwatch.table;

/**
 * One column of a {@link DataTable}. Numeric columns hold doubles with {@code NaN} for missing;
 * categorical columns hold strings with {@code null} for missing.
 */
public sealed interface Column permits Column.Numeric, Column.Categorical {

    /** How a column should be analysed. */
    enum Role {
        /** A feature to analyse. */
        FEATURE,
        /** An identifier or address: counted (distinct hosts, duplicates) but not tested as a feature. */
        IDENTIFIER,
        /** The event time. */
        TIME,
        /** A label column. */
        LABEL
    }

    String name();

    Role role();

    int size();

    boolean isMissing(int row);

    /** Number of missing cells. */
    default int missingCount() {
        int n = 0;
        for (int i = 0; i < size(); i++) {
            if (isMissing(i)) {
                n++;
            }
        }
        return n;
    }

    /** The cell as text ("" for missing), for display. */
    String text(int row);

    /** A numeric column; missing is NaN. */
    // arrays by design: columnar data handed over without copies; never compared or hashed by value
    @SuppressWarnings("ArrayRecordComponent")
    record Numeric(String name, Role role, double[] values) implements Column {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        public boolean isMissing(int row) {
            return Double.isNaN(values[row]);
        }

        @Override
        public String text(int row) {
            double v = values[row];
            if (Double.isNaN(v)) {
                return "";
            }
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                return Long.toString((long) v);
            }
            return Double.toString(v);
        }
    }

    /** A categorical column; missing is null. */
    // arrays by design: columnar data handed over without copies; never compared or hashed by value
    @SuppressWarnings("ArrayRecordComponent")
    record Categorical(String name, Role role, String[] values) implements Column {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        public boolean isMissing(int row) {
            return values[row] == null;
        }

        @Override
        public String text(int row) {
            String v = values[row];
            return v == null ? "" : v;
        }
    }
}
