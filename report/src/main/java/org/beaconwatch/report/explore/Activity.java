package org.beaconwatch.report.explore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.beaconwatch.table.Column;

/**
 * Activity over time and who does most of it: connections and bytes per hour (per day for spans
 * over {@link #MAX_HOURLY_DAYS} days), connections by hour of the day (UTC), and the top talkers:
 * sources and destinations by connections and by bytes, and the busiest pairs.
 */
public final class Activity {
    static final int MAX_HOURLY_DAYS = 14;
    static final int TOP = 10;

    private Activity() {
    }

    /**
     * Connections and bytes over time, and by hour of day.
     *
     * @param startIso     start of the first bin
     * @param binHours     1 (hourly) or 24 (daily)
     * @param connections  connections per bin
     * @param bytes        bytes (both directions, payload) per bin
     * @param byHourOfDay  connections per hour of day, UTC
     */
    // arrays by design: columnar data handed over without copies; never compared or hashed by value
    @SuppressWarnings("ArrayRecordComponent")
    public record Timeline(String startIso, int binHours, long[] connections, double[] bytes, long[] byHourOfDay) {
    }

    /** A host or pair with its connections and bytes. */
    public record Talker(String name, long connections, double bytes) {
    }

    /** Top sources, destinations and pairs, by connections and by bytes. */
    public record Talkers(List<Talker> sourcesByConnections, List<Talker> sourcesByBytes, List<Talker> destinations,
                   List<Talker> pairs) {
    }

    static Timeline timeline(Column.Numeric ts, double[] bytes) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double t : ts.values()) {
            if (Double.isFinite(t)) {
                lo = Math.min(lo, t);
                hi = Math.max(hi, t);
            }
        }
        if (!(hi >= lo)) {
            return null;
        }
        long startHour = (long) Math.floor(lo / 3600);
        int binHours = (hi - lo) / 3600 > MAX_HOURLY_DAYS * 24 ? 24 : 1;
        if (binHours == 24) {
            startHour = Math.floorDiv(startHour, 24) * 24;
        }
        int bins = (int) Math.min(100_000, ((long) Math.floor(hi / 3600) - startHour) / binHours + 1);
        long[] conns = new long[bins];
        double[] b = new double[bins];
        long[] hod = new long[24];
        double[] v = ts.values();
        for (int r = 0; r < v.length; r++) {
            if (!Double.isFinite(v[r])) {
                continue;
            }
            long hour = (long) Math.floor(v[r] / 3600);
            int k = (int) Math.min(bins - 1, (hour - startHour) / binHours);
            conns[k]++;
            if (bytes != null && Double.isFinite(bytes[r])) {
                b[k] += bytes[r];
            }
            hod[(int) Math.floorMod(hour, 24L)]++;
        }
        return new Timeline(Instant.ofEpochSecond(startHour * 3600).toString(), binHours, conns, b, hod);
    }

    static Talkers talkers(Column src, Column dst, double[] bytes) {
        Map<String, double[]> bySrc = new HashMap<>();
        Map<String, double[]> byDst = new HashMap<>();
        Map<String, double[]> byPair = new HashMap<>();
        int n = src.size();
        for (int r = 0; r < n; r++) {
            String s = src.isMissing(r) ? null : src.text(r);
            String d = dst == null || dst.isMissing(r) ? null : dst.text(r);
            double by = bytes == null || !Double.isFinite(bytes[r]) ? 0 : bytes[r];
            if (s != null) {
                add(bySrc, s, by);
            }
            if (d != null) {
                add(byDst, d, by);
            }
            if (s != null && d != null) {
                add(byPair, s + " \u2192 " + d, by);
            }
        }
        return new Talkers(top(bySrc, 0), top(bySrc, 1), top(byDst, 0), top(byPair, 0));
    }

    private static void add(Map<String, double[]> m, String k, double bytes) {
        double[] a = m.computeIfAbsent(k, x -> new double[2]);
        a[0]++;
        a[1] += bytes;
    }

    private static List<Talker> top(Map<String, double[]> m, int by) {
        List<Map.Entry<String, double[]>> es = new ArrayList<>(m.entrySet());
        es.sort((x, y) -> {
            int c = Double.compare(y.getValue()[by], x.getValue()[by]);
            return c != 0 ? c : x.getKey().compareTo(y.getKey());
        });
        List<Talker> out = new ArrayList<>();
        for (int i = 0; i < Math.min(TOP, es.size()); i++) {
            out.add(new Talker(es.get(i).getKey(), (long) es.get(i).getValue()[0], es.get(i).getValue()[1]));
        }
        return out;
    }
}
