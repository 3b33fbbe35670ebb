package org.beaconwatch.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.beaconwatch.output.Numbers;
import org.beaconwatch.report.ExploreResult.ColumnInfo;
import org.beaconwatch.report.ExploreResult.Overview;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;

/** Section 1 of the labelled exploration: what the data is (size, columns, span, hosts, duplicates). */
final class OverviewSection {
    /** Longest example value shown per column. */
    static final int EXAMPLE_CHARS = 40;

    private OverviewSection() {
    }

    static Overview compute(DataTable table, long rowsRead, boolean sampled) {
        int n = table.rows();
        List<ColumnInfo> infos = new ArrayList<>();
        List<Column> forDuplicates = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        double tMin = Double.NaN;
        double tMax = Double.NaN;
        for (Column c : table.columns()) {
            int distinct = ColumnStats.distinct(c);
            int miss = c.missingCount();
            String example = "";
            for (int i = 0; i < n; i++) {
                if (!c.isMissing(i)) {
                    example = c.text(i);
                    break;
                }
            }
            String type = c instanceof Column.Numeric ? "numeric" : "categorical";
            infos.add(new ColumnInfo(c.name(), type, c.role().name().toLowerCase(Locale.ROOT), distinct, miss,
                    n == 0 ? 0 : (double) miss / n,
                    example.length() > EXAMPLE_CHARS ? example.substring(0, EXAMPLE_CHARS - 1) + "~" : example));
            if (distinct == n && n > 1 && c.role() != Column.Role.TIME && c.role() != Column.Role.FEATURE) {
                ignored.add(c.name());
            } else {
                forDuplicates.add(c);
            }
            if (c.role() == Column.Role.TIME && c instanceof Column.Numeric t) {
                for (double v : t.values()) {
                    if (!Double.isNaN(v)) {
                        tMin = Double.isNaN(tMin) ? v : Math.min(tMin, v);
                        tMax = Double.isNaN(tMax) ? v : Math.max(tMax, v);
                    }
                }
            }
        }
        Set<String> seen = new HashSet<>();
        int dups = 0;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.setLength(0);
            for (Column c : forDuplicates) {
                sb.append(c.text(i)).append('\u0001');
            }
            if (!seen.add(sb.toString())) {
                dups++;
            }
        }
        Map<String, Integer> hosts = new LinkedHashMap<>();
        for (String h : new String[] {"src", "dst", "host_id", "src_ip", "dst_ip"}) {
            table.column(h).ifPresent(c -> hosts.putIfAbsent(c.name(), ColumnStats.distinct(c)));
        }
        double span = Double.isNaN(tMin) ? Double.NaN : tMax - tMin;
        String sentence = "What the data is: " + Numbers.count(n) + " rows"
                + (sampled ? " (a seeded sample of " + Numbers.count(rowsRead) + ")" : "")
                + " and " + Numbers.count(table.columns().size()) + " columns"
                + (Double.isNaN(span) ? "" : ", spanning " + Numbers.num(span / 3600.0) + " hours")
                + (hosts.isEmpty() ? "" : ", " + hostsText(hosts)) + "; "
                + (dups == 0 ? "no row is an exact duplicate of another"
                        : Numbers.count(dups) + " rows (" + Numbers.pct((double) dups / n) + ") repeat an earlier row exactly")
                + ".";
        return new Overview(sentence, n, rowsRead, sampled, table.columns().size(), infos, time(tMin), time(tMax), span,
                hosts, dups, ignored);
    }

    private static String hostsText(Map<String, Integer> hosts) {
        List<String> parts = new ArrayList<>();
        hosts.forEach((k, v) -> parts.add(Numbers.count(v) + " distinct " + k));
        return String.join(", ", parts);
    }

    /** A time column value: epoch seconds as ISO-8601, small values as relative seconds. */
    private static String time(double t) {
        if (Double.isNaN(t)) {
            return "";
        }
        if (t > 1e8) {
            return Instant.ofEpochMilli(Math.round(t * 1000)).toString();
        }
        return Numbers.num(t) + " s (relative)";
    }
}
