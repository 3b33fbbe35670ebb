package org.beaconwatch.table;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.beaconwatch.score.Finding;

/**
 * The detection engine's per-channel view as a table: one row per scored channel, identifier
 * columns (src, dst, dst_port, proto, server_name, type), every numeric statistic of
 * {@link Finding#features()} plus the combined score, {@code ts} (first seen, epoch seconds, for
 * time splits), and the channel's label and detailed label
 * (the most frequent label among its flows). Used by {@code explore}'s channel view and by the
 * per-channel model features.
 */
public final class ChannelTables {
    private ChannelTables() {
    }

    public static DataTable fromFindings(List<Finding> findings) {
        int n = findings.size();
        Set<String> featureNames = new LinkedHashSet<>();
        for (Finding f : findings) {
            featureNames.addAll(f.features().keySet());
        }
        List<Column> cols = new ArrayList<>();
        double[] ts = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = findings.get(i).firstSeen() / 1e6;
        }
        cols.add(new Column.Numeric("ts", Column.Role.TIME, ts));
        cols.add(cat("src", Column.Role.IDENTIFIER, findings, Finding::src));
        cols.add(cat("dst", Column.Role.IDENTIFIER, findings, Finding::dst));
        cols.add(cat("dst_port", Column.Role.FEATURE, findings, f -> f.dstPort() < 0 ? null : Integer.toString(f.dstPort())));
        cols.add(cat("proto", Column.Role.FEATURE, findings, Finding::proto));
        cols.add(cat("server_name", Column.Role.IDENTIFIER, findings, Finding::serverName));
        cols.add(cat("type", Column.Role.FEATURE, findings, f -> f.type().name().toLowerCase(java.util.Locale.ROOT)));
        double[] score = new double[n];
        for (int i = 0; i < n; i++) {
            score[i] = findings.get(i).score();
        }
        cols.add(new Column.Numeric("score", Column.Role.FEATURE, score));
        for (String name : featureNames) {
            if (name.equals("score")) {
                continue;
            }
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                Double d = findings.get(i).features().get(name);
                v[i] = d == null ? Double.NaN : d;
            }
            cols.add(new Column.Numeric(name, Column.Role.FEATURE, v));
        }
        cols.add(cat("label", Column.Role.LABEL, findings, Finding::label));
        cols.add(cat("detailed_label", Column.Role.LABEL, findings, Finding::detailedLabel));
        cols.removeIf(c -> c instanceof Column.Categorical k && c.missingCount() == k.size() && k.size() > 0
                && c.role() != Column.Role.LABEL);
        return new DataTable(cols, null, List.of("channels"));
    }

    private static Column cat(String name, Column.Role role, List<Finding> fs, java.util.function.Function<Finding, String> get) {
        String[] v = new String[fs.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = get.apply(fs.get(i));
        }
        return new Column.Categorical(name, role, v);
    }
}
