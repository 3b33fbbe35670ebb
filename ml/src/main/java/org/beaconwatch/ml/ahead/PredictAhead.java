package org.beaconwatch.ml.ahead;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;

/**
 * Prediction ahead of time: will the (source, destination) pair be malicious in the next window?
 *
 * <p>Time is cut into windows of {@code W} seconds from the first event. For every window start
 * {@code T} (after the first window) there is one example per pair that was active in
 * {@code [T - W, T)}; its features are computed <b>only from events before {@code T}</b>, and its
 * label is whether the pair has an attack event in {@code [T, T + W)}. A pair never seen before
 * {@code T} has no example at {@code T}: its history says nothing yet (the source's features still
 * flag a compromised host on its other pairs).
 *
 * <p>Features (all counts over events strictly before {@code T}): the pair's events in the last
 * window and in all history, windows it was active in, hours since its last and first event,
 * failed logons in the last window; the source's events, distinct destinations and new destinations
 * (never contacted before that window) in the last window and distinct destinations ever; the
 * destination's events and distinct sources in the last window; and the label history known at
 * {@code T}: whether the pair, and whether the source, had attack events in the last window, and
 * the pair's attack events ever. {@code pair_malicious_last_window} alone is the baseline "was it
 * malicious in the last window".
 *
 * <p>After the approach of the Featuretools LANL demo (Kanter and Veeramachaneni, "Deep feature
 * synthesis", DSAA 2015; data: Kent, "Comprehensive, Multi-Source Cyber-Security Events", LANL 2015),
 * with the cut-off times made explicit so no feature sees the future (PredictAheadTest).
 */
public final class PredictAhead {
    /** The baseline feature: the pair had an attack event in the window before. */
    public static final String BASELINE = "pair_malicious_last_window";
    /** Feature names, in column order. */
    public static final List<String> FEATURES = List.of("pair_events_last_window", "pair_events_total",
            "pair_windows_active", "pair_hours_since_last", "pair_age_hours", "pair_failed_last_window",
            "src_events_last_window", "src_distinct_dst_last_window", "src_new_dst_last_window", "src_distinct_dst_total",
            "dst_events_last_window", "dst_distinct_src_last_window", BASELINE, "src_malicious_last_window",
            "pair_malicious_total");

    private PredictAhead() {
    }

    private static final class Pair {
        long total;
        long windows;
        long first = Long.MIN_VALUE;
        long last;
        long maliciousTotal;
        long lastWindow = Long.MIN_VALUE; // index of the last window it was active in
        long inWindow;
        long failedInWindow;
        boolean maliciousInWindow;
    }

    /**
     * The examples: columns {@code src}, {@code dst} (identifiers), {@code ts} (the window start
     * {@code T}, time role), {@link #FEATURES} and {@code label} ({@code malicious} / {@code benign}).
     *
     * @param e             time-sorted events
     * @param windowSeconds window length W (> 0)
     */
    public static DataTable examples(LanlEvents.Events e, long windowSeconds) {
        if (windowSeconds <= 0) {
            throw new IllegalArgumentException("the window must be positive");
        }
        List<String> src = new ArrayList<>();
        List<String> dst = new ArrayList<>();
        List<Double> ts = new ArrayList<>();
        List<double[]> feats = new ArrayList<>();
        List<String> label = new ArrayList<>();
        int n = e.size();
        if (n == 0) {
            return table(src, dst, ts, feats, label);
        }
        long t0 = e.time()[0];
        Map<String, Pair> pairs = new HashMap<>();
        Map<String, Set<String>> dstsEver = new HashMap<>();
        int i = 0;
        long w = 0; // current window index
        // per-window aggregates of the window just closed
        List<String> activeKeys = new ArrayList<>();
        Map<String, Long> srcEvents = new HashMap<>();
        Map<String, Set<String>> srcDsts = new HashMap<>();
        Map<String, Long> srcNew = new HashMap<>();
        Map<String, Long> dstEvents = new HashMap<>();
        Map<String, Set<String>> dstSrcs = new HashMap<>();
        Set<String> srcMalicious = new HashSet<>();
        while (i < n) {
            long start = t0 + w * windowSeconds;
            long end = start + windowSeconds;
            // 1. examples at T = start, from history before start (the previous window is closed)
            if (w > 0) {
                // labels: attack events of each pair in [start, end); read ahead without touching state
                Set<String> attackNext = new HashSet<>();
                for (int j = i; j < n && e.time()[j] < end; j++) {
                    if (e.attack()[j]) {
                        attackNext.add(key(e.src()[j], e.dst()[j]));
                    }
                }
                for (String k : activeKeys) {
                    Pair p = pairs.get(k);
                    int cut = k.indexOf('\u0000');
                    String s = k.substring(0, cut);
                    String d = k.substring(cut + 1);
                    double[] f = {p.inWindow, p.total, p.windows, (start - p.last) / 3600.0, (start - p.first) / 3600.0,
                        p.failedInWindow, srcEvents.getOrDefault(s, 0L), srcDsts.getOrDefault(s, Set.of()).size(),
                        srcNew.getOrDefault(s, 0L), dstsEver.getOrDefault(s, Set.of()).size(),
                        dstEvents.getOrDefault(d, 0L), dstSrcs.getOrDefault(d, Set.of()).size(),
                        p.maliciousInWindow ? 1 : 0, srcMalicious.contains(s) ? 1 : 0, p.maliciousTotal};
                    src.add(s);
                    dst.add(d);
                    ts.add((double) start);
                    feats.add(f);
                    label.add(attackNext.contains(k) ? "malicious" : "benign");
                }
            }
            // 2. consume the events of [start, end) into the state
            for (String k : activeKeys) {
                Pair p = pairs.get(k);
                p.inWindow = 0;
                p.failedInWindow = 0;
                p.maliciousInWindow = false;
            }
            activeKeys.clear();
            srcEvents.clear();
            srcDsts.clear();
            srcNew.clear();
            dstEvents.clear();
            dstSrcs.clear();
            srcMalicious.clear();
            while (i < n && e.time()[i] < end) {
                String s = e.src()[i];
                String d = e.dst()[i];
                String k = key(s, d);
                Pair p = pairs.computeIfAbsent(k, x -> new Pair());
                if (p.lastWindow != w) {
                    p.lastWindow = w;
                    p.windows++;
                    activeKeys.add(k);
                }
                if (p.first == Long.MIN_VALUE) {
                    p.first = e.time()[i];
                }
                p.last = e.time()[i];
                p.total++;
                p.inWindow++;
                if (e.failed()[i]) {
                    p.failedInWindow++;
                }
                if (e.attack()[i]) {
                    p.maliciousInWindow = true;
                    p.maliciousTotal++;
                    srcMalicious.add(s);
                }
                srcEvents.merge(s, 1L, Long::sum);
                srcDsts.computeIfAbsent(s, x -> new HashSet<>()).add(d);
                if (dstsEver.computeIfAbsent(s, x -> new HashSet<>()).add(d)) {
                    srcNew.merge(s, 1L, Long::sum);
                }
                dstEvents.merge(d, 1L, Long::sum);
                dstSrcs.computeIfAbsent(d, x -> new HashSet<>()).add(s);
                i++;
            }
            w++;
        }
        return table(src, dst, ts, feats, label);
    }

    private static String key(String s, String d) {
        return s + '\u0000' + d;
    }

    private static DataTable table(List<String> src, List<String> dst, List<Double> ts, List<double[]> feats,
                                   List<String> label) {
        int n = src.size();
        List<Column> cols = new ArrayList<>();
        cols.add(new Column.Categorical("src", Column.Role.IDENTIFIER, src.toArray(new String[0])));
        cols.add(new Column.Categorical("dst", Column.Role.IDENTIFIER, dst.toArray(new String[0])));
        double[] t = new double[n];
        for (int r = 0; r < n; r++) {
            t[r] = ts.get(r);
        }
        cols.add(new Column.Numeric("ts", Column.Role.TIME, t));
        for (int j = 0; j < FEATURES.size(); j++) {
            double[] v = new double[n];
            for (int r = 0; r < n; r++) {
                v[r] = feats.get(r)[j];
            }
            cols.add(new Column.Numeric(FEATURES.get(j), Column.Role.FEATURE, v));
        }
        cols.add(new Column.Categorical("label", Column.Role.LABEL, label.toArray(new String[0])));
        return new DataTable(cols, null, List.of("predict-ahead examples"));
    }
}
