package org.beaconwatch.report.explore;

import java.util.ArrayList;
import java.util.List;
import org.beaconwatch.output.Provenance;
import java.util.SplittableRandom;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;

/** A small conn.log-like table without labels, with hostile text in a server name, a host and a service. */
public final class UnlabelledFixtures {
    static final String HOSTILE = "<script>alert(1)</script>";
    static final String HOSTILE_ATTR = "\"><img src=x onerror=alert(2)>";

    private UnlabelledFixtures() {
    }

    static DataTable conn(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 2000;
        double[] ts = new double[n];
        double[] dur = new double[n];
        double[] ob = new double[n];
        double[] rb = new double[n];
        double[] dport = new double[n];
        String[] src = new String[n];
        String[] dst = new String[n];
        String[] service = new String[n];
        String[] state = new String[n];
        String[] name = new String[n];
        for (int i = 0; i < n; i++) {
            boolean dns = i % 3 == 0;
            ts[i] = 1_700_000_000 + i * 90.0 + r.nextInt(60);
            dur[i] = dns ? 0.01 + r.nextDouble() * 0.02 : Math.exp(r.nextGaussian());
            ob[i] = dns ? 40 + r.nextInt(20) : Math.exp(6 + 2 * r.nextGaussian());
            rb[i] = i % 50 == 7 ? Double.NaN : dns ? 80 + r.nextInt(40) : ob[i] * Math.exp(r.nextGaussian());
            dport[i] = dns ? 53 : r.nextInt(10) == 0 ? 80 : 443;
            src[i] = "10.0.0." + (1 + r.nextInt(20)) + (i == 5 ? HOSTILE_ATTR : "");
            dst[i] = dns ? "10.0.0.53" : "198.51.100." + r.nextInt(50);
            service[i] = dns ? "dns" : i == 9 ? HOSTILE : "ssl";
            state[i] = r.nextInt(20) == 0 ? "S0" : "SF";
            name[i] = dns ? null : i % 7 == 0 ? HOSTILE + ".example" : "site" + r.nextInt(30) + ".example";
        }
        ob[11] = 9e9; // a clear outlier
        List<Column> cols = new ArrayList<>();
        cols.add(new Column.Numeric("ts", Column.Role.TIME, ts));
        cols.add(new Column.Numeric("duration", Column.Role.FEATURE, dur));
        cols.add(new Column.Categorical("src", Column.Role.IDENTIFIER, src));
        cols.add(new Column.Categorical("dst", Column.Role.IDENTIFIER, dst));
        cols.add(new Column.Numeric("dst_port", Column.Role.FEATURE, dport));
        cols.add(new Column.Categorical("service", Column.Role.FEATURE, service));
        cols.add(new Column.Numeric("orig_bytes", Column.Role.FEATURE, ob));
        cols.add(new Column.Numeric("resp_bytes", Column.Role.FEATURE, rb));
        cols.add(new Column.Categorical("conn_state", Column.Role.FEATURE, state));
        cols.add(new Column.Categorical("server_name", Column.Role.FEATURE, name));
        return new DataTable(cols, null, List.of("conn.log"));
    }

    public static UnlabelledResult explore() {
        return UnlabelledExploration.explore(conn(3), 2000, false, 42, List.of("service", "conn_state"),
                Provenance.of("explore", "by=service,conn_state", List.of()));
    }
}
