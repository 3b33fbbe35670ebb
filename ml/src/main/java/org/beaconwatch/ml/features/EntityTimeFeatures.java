package org.beaconwatch.ml.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;

/**
 * Per-entity, per-time features in the manner of Featuretools' deep feature synthesis on the LANL
 * authentication data (Kanter and Veeramachaneni, "Deep Feature Synthesis", DSAA 2015; the
 * Featuretools LANL demo): for the source, the destination and the (source, destination) pair of
 * each record, counts, distinct counts and rolling statistics of the records seen
 * <b>strictly before</b> the record's time.
 *
 * <p>Why: a beacon is a relation between a host and a destination over time (many, regular,
 * small contacts); a single record cannot show it, its history can. Using only strictly earlier
 * records (records at the same timestamp do not see each other) keeps the features computable
 * online and free of look-ahead: appending later records never changes an earlier record's
 * features. No labels are used, so nothing is fitted; the history is the table being transformed.
 *
 * <p>Features ({@code log1p} for counts): {@code src_events_before}, {@code src_distinct_dst_before},
 * {@code src_events_1h}, {@code src_mean_bytes_1h}; {@code dst_events_before},
 * {@code dst_distinct_src_before}, {@code dst_events_1h}; {@code pair_events_before},
 * {@code pair_first_seen}, {@code pair_log_seconds_since_last}, {@code pair_gap_mean_log},
 * {@code pair_gap_cv} (coefficient of variation of earlier gaps: low = regular),
 * {@code pair_mean_bytes_before}. Missing histories give 0 with {@code pair_first_seen = 1};
 * records without a time get no history.
 */
public final class EntityTimeFeatures implements FeatureSet {
    static final String[] TIME = {"ts", "timestamp", "time", "stime", "starttime"};
    /** Source columns, first found wins; the computer names of LANL flows / the Featuretools export come last. */
    static final String[] SOURCE = {"host_id", "host", "src", "src_ip", "srcaddr", "source", "src_host_name", "src_name"};
    /** Destination columns, likewise. */
    static final String[] DEST = {"dst", "dst_ip", "dstaddr", "destination", "dst_host_name", "dst_name"};
    static final double WINDOW_SECONDS = 3600;
    static final List<String> NAMES = List.of("src_events_before", "src_distinct_dst_before", "src_events_1h",
            "src_mean_bytes_1h", "dst_events_before", "dst_distinct_src_before", "dst_events_1h",
            "pair_events_before", "pair_first_seen", "pair_log_seconds_since_last", "pair_gap_mean_log", "pair_gap_cv",
            "pair_mean_bytes_before");

    @Override
    public String name() {
        return "entity";
    }

    /** Whether {@code t} has a numeric time, a source and a destination column. */
    public static boolean applies(DataTable t) {
        Column ts = InputColumns.find(t, TIME);
        return ts instanceof Column.Numeric && InputColumns.find(t, SOURCE) != null
                && InputColumns.find(t, DEST) != null;
    }

    @Override
    public FittedFeatures fit(DataTable t, int[] train, boolean[] positive) {
        Column ts = InputColumns.require(t, "time", TIME);
        if (!(ts instanceof Column.Numeric)) {
            throw new IllegalArgumentException("column " + ts.name() + " is not a numeric time");
        }
        Fitted f = new Fitted();
        f.time = ts.name();
        f.source = InputColumns.require(t, "source host", SOURCE).name();
        f.dest = InputColumns.require(t, "destination", DEST).name();
        Column b = InputColumns.find(t, EventFeatures.BYTES_OUT);
        f.bytes = b == null ? null : b.name();
        return f;
    }

    static final class Fitted implements FittedFeatures {
        String time;
        String source;
        String dest;
        String bytes;

        @Override
        public List<String> names() {
            return NAMES;
        }

        @Override
        public List<String> inputColumns() {
            List<String> c = new ArrayList<>(List.of(time, source, dest));
            if (bytes != null) {
                c.add(bytes);
            }
            return c;
        }

        @Override
        public FeatureMatrix transform(DataTable t) {
            InputColumns.checkPresent(t, inputColumns(), NAMES);
            double[] ts = InputColumns.numbers(t.column(time).orElseThrow());
            String[] src = InputColumns.texts(t.column(source).orElseThrow());
            String[] dst = InputColumns.texts(t.column(dest).orElseThrow());
            double[] by = bytes == null ? new double[t.rows()] : InputColumns.numbers(t.column(bytes).orElseThrow());
            return new FeatureMatrix(NAMES, compute(ts, src, dst, by));
        }
    }

    /** The features of every row; package-private for the look-ahead test. */
    static double[][] compute(double[] ts, String[] src, String[] dst, double[] bytes) {
        int n = ts.length;
        // NaN times sort last and get no history
        int[] boxed = org.beaconwatch.ml.IndexSort.ascending(ts);
        Map<String, State> bySrc = new HashMap<>();
        Map<String, State> byDst = new HashMap<>();
        Map<String, State> byPair = new HashMap<>();
        double[][] x = new double[n][NAMES.size()];
        int i = 0;
        while (i < n) {
            int start = i;
            double now = ts[boxed[i]];
            while (i < n && (Double.compare(ts[boxed[i]], now) == 0)) {
                i++;
            }
            boolean timed = !Double.isNaN(now);
            // features first for the whole group of equal timestamps: they must not see each other
            for (int k = start; k < i; k++) {
                int r = boxed[k];
                if (!timed) {
                    x[r][8] = 1;
                    continue;
                }
                State s = bySrc.get(nz(src[r]));
                State d = byDst.get(nz(dst[r]));
                State p = byPair.get(nz(src[r]) + '\u0000' + nz(dst[r]));
                double[] row = x[r];
                if (s != null) {
                    s.expire(now);
                    row[0] = Math.log1p((double) s.count);
                    row[1] = Math.log1p(s.distinct.size());
                    row[2] = Math.log1p(s.windowCount());
                    row[3] = Math.log1p(s.windowMeanBytes());
                }
                if (d != null) {
                    d.expire(now);
                    row[4] = Math.log1p((double) d.count);
                    row[5] = Math.log1p(d.distinct.size());
                    row[6] = Math.log1p(d.windowCount());
                }
                if (p == null) {
                    row[8] = 1;
                } else {
                    row[7] = Math.log1p((double) p.count);
                    row[9] = Math.log1p(Math.max(0, now - p.last));
                    if (p.gaps > 0) {
                        double mean = p.gapSum / p.gaps;
                        row[10] = Math.log1p(mean);
                        if (p.gaps > 1 && mean > 0) {
                            double var = Math.max(0, p.gapSumSq / p.gaps - mean * mean);
                            row[11] = Math.sqrt(var) / mean;
                        }
                    }
                    row[12] = Math.log1p(p.bytesCount == 0 ? 0 : p.bytesSum / p.bytesCount);
                }
            }
            if (!timed) {
                continue;
            }
            for (int k = start; k < i; k++) {
                int r = boxed[k];
                double b = bytes[r];
                bySrc.computeIfAbsent(nz(src[r]), z -> new State()).add(now, b, nz(dst[r]));
                byDst.computeIfAbsent(nz(dst[r]), z -> new State()).add(now, b, nz(src[r]));
                byPair.computeIfAbsent(nz(src[r]) + '\u0000' + nz(dst[r]), z -> new State()).add(now, b, null);
            }
        }
        return x;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Running history of one entity. */
    private static final class State {
        long count;
        final Set<String> distinct = new HashSet<>();
        double last = Double.NaN;
        double gapSum;
        double gapSumSq;
        long gaps;
        double bytesSum;
        long bytesCount;
        double[] wTs = new double[8];
        double[] wBytes = new double[8];
        int head;
        int tail;
        double wBytesSum;
        int wBytesCount;

        void add(double t, double b, String other) {
            count++;
            if (other != null) {
                distinct.add(other);
            }
            if (!Double.isNaN(last) && t > last) {
                double g = t - last;
                gapSum += g;
                gapSumSq += g * g;
                gaps++;
            }
            last = t;
            if (b >= 0) {
                bytesSum += b;
                bytesCount++;
            }
            if (tail == wTs.length) {
                compact();
            }
            wTs[tail] = t;
            wBytes[tail] = b;
            tail++;
            if (b >= 0) {
                wBytesSum += b;
                wBytesCount++;
            }
        }

        void expire(double now) {
            while (head < tail && wTs[head] < now - WINDOW_SECONDS) {
                double b = wBytes[head];
                if (b >= 0) {
                    wBytesSum -= b;
                    wBytesCount--;
                }
                head++;
            }
        }

        int windowCount() {
            return tail - head;
        }

        double windowMeanBytes() {
            return wBytesCount == 0 ? 0 : Math.max(0, wBytesSum / wBytesCount);
        }

        private void compact() {
            int live = tail - head;
            if (live * 2 > wTs.length) {
                wTs = Arrays.copyOf(wTs, wTs.length * 2);
                wBytes = Arrays.copyOf(wBytes, wBytes.length * 2);
            }
            System.arraycopy(wTs, head, wTs, 0, live);
            System.arraycopy(wBytes, head, wBytes, 0, live);
            head = 0;
            tail = live;
        }
    }
}
