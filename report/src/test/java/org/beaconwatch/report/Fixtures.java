package org.beaconwatch.report;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;

/** Small seeded tables for fast tests: flows with a hostile category, and a channel table. */
final class Fixtures {
    static final String HOSTILE = "<script>alert(1)</script>";

    private Fixtures() {
    }

    /** 600 rows: malicious rows send small requests at ~60 s intervals from a hostile process name. */
    static DataTable flows(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 600;
        double[] ts = new double[n];
        double[] out = new double[n];
        double[] in = new double[n];
        double[] gap = new double[n];
        String[] proc = new String[n];
        String[] host = new String[n];
        String[] label = new String[n];
        for (int i = 0; i < n; i++) {
            boolean bad = i % 5 == 0;
            ts[i] = 1_700_000_000 + i * 30.0;
            out[i] = bad ? 200 + r.nextInt(100) : Math.exp(5 + 3 * r.nextDouble());
            in[i] = out[i] * (0.5 + r.nextDouble());
            gap[i] = i % 40 == 3 ? Double.NaN : bad ? 60 + r.nextDouble() * 4 : 10 + r.nextDouble() * 600;
            proc[i] = bad ? (r.nextInt(4) == 0 ? "rundll32.exe" : HOSTILE) : (r.nextBoolean() ? "chrome.exe" : "teams.exe");
            host[i] = "HOST-" + (bad ? r.nextInt(3) : r.nextInt(40)) + (i == 7 ? "\"><img src=x onerror=alert(2)>" : "");
            label[i] = bad ? "1" : "0";
        }
        out[11] = 5_000_000; // a clear outlier
        in[11] = 4_000_000;
        List<Column> cols = new ArrayList<>();
        cols.add(new Column.Numeric("ts", Column.Role.TIME, ts));
        cols.add(new Column.Categorical("host_id", Column.Role.IDENTIFIER, host));
        cols.add(new Column.Numeric("orig_bytes", Column.Role.FEATURE, out));
        cols.add(new Column.Numeric("resp_bytes", Column.Role.FEATURE, in));
        cols.add(new Column.Numeric("inter_event_seconds", Column.Role.FEATURE, gap));
        cols.add(new Column.Categorical("proc_name", Column.Role.FEATURE, proc));
        cols.add(new Column.Categorical("label", Column.Role.LABEL, label));
        return new DataTable(cols, null, List.of("fixture.csv"));
    }

    /** 80 channels: C2 channels are periodic (low interval CV, high periodicity), the rest not. */
    static DataTable channels(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 80;
        double[] cv = new double[n];
        double[] period = new double[n];
        double[] bytes = new double[n];
        double[] flows = new double[n];
        String[] label = new String[n];
        for (int i = 0; i < n; i++) {
            boolean c2 = i < 12;
            cv[i] = c2 ? 0.05 + 0.1 * r.nextDouble() : 0.6 + 2 * r.nextDouble();
            period[i] = c2 ? 0.7 + 0.3 * r.nextDouble() : 0.4 * r.nextDouble();
            bytes[i] = 100 + 1000 * r.nextDouble();
            flows[i] = 5 + r.nextInt(300);
            label[i] = c2 ? "Malicious" : (i % 3 == 0 ? "Background" : "Benign");
        }
        List<Column> cols = new ArrayList<>();
        cols.add(new Column.Numeric("interval_cv", Column.Role.FEATURE, cv));
        cols.add(new Column.Numeric("periodicity", Column.Role.FEATURE, period));
        cols.add(new Column.Numeric("mean_bytes", Column.Role.FEATURE, bytes));
        cols.add(new Column.Numeric("flows", Column.Role.FEATURE, flows));
        cols.add(new Column.Categorical("label", Column.Role.LABEL, label));
        return new DataTable(cols, null, List.of("channels"));
    }
}
