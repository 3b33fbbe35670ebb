package org.beaconwatch.report.detection;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.beaconwatch.channel.ChannelSeries;
import org.beaconwatch.signal.Periodogram;

/**
 * The numbers behind one finding card's charts, computed from the channel's connections: the
 * timeline (connection counts per time bin, one row per UTC day for spans over 36 hours), the
 * inter-arrival histogram (log-spaced bins), the periodogram (downsampled to the largest power per
 * display column) and bytes sent per connection (at most {@link #MAX_POINTS} points, keeping the
 * smallest and largest value of each time bucket). Every array is bounded, so a card stays a few
 * kilobytes whatever the channel's size. Drawing is {@link SvgCharts}' job.
 */
final class ChannelCharts {
    /** Spans longer than this get one timeline row per UTC day. */
    static final long MULTI_DAY_MICROS = 36 * 3_600_000_000L;
    static final long DAY = 86_400_000_000L;
    /** Timeline bins of a single-row timeline. */
    static final int SINGLE_ROW_BINS = 240;
    /** Timeline bins per day row (10 minutes). */
    static final int DAY_BINS = 144;
    /** Most day rows drawn; longer spans show the first days and say so. */
    static final int MAX_DAYS = 31;
    /** Inter-arrival histogram bins (log-spaced). */
    static final int INTERVAL_BINS = 40;
    /** Periodogram columns drawn. */
    static final int SPECTRUM_COLUMNS = 200;
    /** Bytes-over-time points drawn. */
    static final int MAX_POINTS = 400;

    private ChannelCharts() {
    }

    /**
     * Connection counts over the report's span.
     *
     * @param startMicros  start of the first row (UTC midnight for day rows)
     * @param rowMicros    time one row covers
     * @param days         true when each row is one UTC day
     * @param rowLabels    row labels (dates, or the start time)
     * @param counts       counts[row][bin]
     * @param daysOmitted  days after the last row not drawn
     */
    // arrays by design: columnar data handed over without copies; never compared or hashed by value
    @SuppressWarnings("ArrayRecordComponent")
    record Timeline(long startMicros, long rowMicros, boolean days, List<String> rowLabels, int[][] counts,
                    int daysOmitted) {
    }

    /**
     * Inter-arrival times on log-spaced bins.
     *
     * @param edgesSeconds  bin edges, one more than counts
     * @param counts        intervals per bin
     * @param periodSeconds detected period, 0 when none
     * @param intervals     number of intervals
     */
    // arrays by design: columnar data handed over without copies; never compared or hashed by value
    @SuppressWarnings("ArrayRecordComponent")
    record Intervals(double[] edgesSeconds, int[] counts, double periodSeconds, int intervals) {
    }

    /**
     * Periodogram for display: per column (log-spaced periods, longest first) the largest power.
     *
     * @param periodSeconds  period of each column's strongest ordinate
     * @param power          its power over the local noise
     * @param threshold      power whose corrected false-alarm probability is 1 %
     * @param peakSeconds    period the detector reports (0 when none)
     * @param log10Fap       its false-alarm probability, log10
     * @param acf            autocorrelation of the binned counts at that period's lag
     */
    // arrays by design: columnar data handed over without copies; never compared or hashed by value
    @SuppressWarnings("ArrayRecordComponent")
    record Spectrum(double[] periodSeconds, double[] power, double threshold, double peakSeconds, double log10Fap,
                    double acf) {
        static final Spectrum NONE = new Spectrum(new double[0], new double[0], 0, 0, 0, 0);
    }

    /**
     * Bytes sent per connection over time (connections without a byte count left out).
     *
     * @param atMicros  connection start times
     * @param bytes     bytes sent by the host
     * @param total     connections with a byte count
     */
    // arrays by design: columnar data handed over without copies; never compared or hashed by value
    @SuppressWarnings("ArrayRecordComponent")
    record Bytes(long[] atMicros, long[] bytes, int total) {
    }

    static Timeline timeline(ChannelSeries c, long spanStart, long spanEnd) {
        long[] t = c.ts();
        int n = c.size();
        if (spanEnd - spanStart > MULTI_DAY_MICROS) {
            long first = Math.floorDiv(spanStart, DAY) * DAY;
            int totalDays = (int) (Math.floorDiv(spanEnd, DAY) - Math.floorDiv(spanStart, DAY) + 1);
            int rows = Math.min(totalDays, MAX_DAYS);
            int[][] counts = new int[rows][DAY_BINS];
            long binW = DAY / DAY_BINS;
            for (int i = 0; i < n; i++) {
                long d = Math.floorDiv(t[i] - first, DAY);
                if (d >= 0 && d < rows) {
                    int b = (int) ((t[i] - first - d * DAY) / binW);
                    counts[(int) d][Math.min(b, DAY_BINS - 1)]++;
                }
            }
            List<String> labels = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                labels.add(Instant.ofEpochSecond((first + r * DAY) / 1_000_000L).atOffset(ZoneOffset.UTC)
                        .toLocalDate().toString());
            }
            return new Timeline(first, DAY, true, labels, counts, totalDays - rows);
        }
        long w = Math.max(1, spanEnd - spanStart);
        int[][] counts = new int[1][SINGLE_ROW_BINS];
        for (int i = 0; i < n; i++) {
            int b = (int) ((t[i] - spanStart) * (double) SINGLE_ROW_BINS / w);
            if (b >= 0) {
                counts[0][Math.min(b, SINGLE_ROW_BINS - 1)]++;
            }
        }
        return new Timeline(spanStart, w, false, List.of(""), counts, 0);
    }

    static Intervals intervals(ChannelSeries c, double periodSeconds) {
        long[] t = c.ts();
        int n = c.size();
        double lo = Double.MAX_VALUE, hi = 0;
        int m = 0;
        for (int i = 1; i < n; i++) {
            double d = (t[i] - t[i - 1]) / 1e6;
            if (d > 0) {
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
                m++;
            }
        }
        if (m == 0) {
            return new Intervals(new double[0], new int[0], periodSeconds, 0);
        }
        if (periodSeconds > 0) {
            hi = Math.max(hi, periodSeconds * 1.2);
            lo = Math.min(lo, periodSeconds / 2);
        }
        lo = Math.max(lo, 1e-3);
        if (hi <= lo * 1.01) {
            hi = lo * 2;
        }
        double lLo = Math.log10(lo), lHi = Math.log10(hi) + 1e-9;
        double[] edges = new double[INTERVAL_BINS + 1];
        for (int k = 0; k <= INTERVAL_BINS; k++) {
            edges[k] = Math.pow(10, lLo + (lHi - lLo) * k / INTERVAL_BINS);
        }
        int[] counts = new int[INTERVAL_BINS];
        for (int i = 1; i < n; i++) {
            double d = (t[i] - t[i - 1]) / 1e6;
            if (d > 0) {
                int b = (int) ((Math.log10(Math.max(d, lo)) - lLo) / (lHi - lLo) * INTERVAL_BINS);
                counts[Math.max(0, Math.min(b, INTERVAL_BINS - 1))]++;
            }
        }
        return new Intervals(edges, counts, periodSeconds, m);
    }

    static Spectrum spectrum(ChannelSeries c, double periodSeconds, int maxBins) {
        int n = c.size();
        long[] t = c.ts();
        if (n < 8) {
            return Spectrum.NONE;
        }
        double hint = periodSeconds > 0 ? periodSeconds * 1e6 : (t[n - 1] - t[0]) / (double) n;
        Periodogram.Spectrum s = Periodogram.spectrum(t, n, hint, maxBins);
        int half = s.power().length;
        if (half < 4) {
            return Spectrum.NONE;
        }
        double pMax = s.periodSeconds()[1], pMin = s.periodSeconds()[half - 1];
        double lMax = Math.log10(pMax), lMin = Math.log10(pMin);
        double[] per = new double[SPECTRUM_COLUMNS];
        double[] pow = new double[SPECTRUM_COLUMNS];
        boolean[] set = new boolean[SPECTRUM_COLUMNS];
        for (int k = 1; k < half; k++) {
            int col = (int) ((lMax - Math.log10(s.periodSeconds()[k])) / Math.max(1e-12, lMax - lMin) * (SPECTRUM_COLUMNS - 1));
            col = Math.max(0, Math.min(col, SPECTRUM_COLUMNS - 1));
            if (!set[col] || s.power()[k] > pow[col]) {
                set[col] = true;
                pow[col] = s.power()[k];
                per[col] = s.periodSeconds()[k];
            }
        }
        int used = 0;
        for (boolean b : set) {
            used += b ? 1 : 0;
        }
        double[] p2 = new double[used], w2 = new double[used];
        for (int i = 0, j = 0; i < SPECTRUM_COLUMNS; i++) {
            if (set[i]) {
                p2[j] = per[i];
                w2[j++] = pow[i];
            }
        }
        return new Spectrum(p2, w2, s.threshold(), s.result().periodMicros() / 1e6, s.result().log10Fap(),
                s.result().acf());
    }

    static Bytes bytes(ChannelSeries c) {
        long[] t = c.ts();
        long[] ob = c.origBytes();
        int n = c.size();
        int total = 0;
        for (int i = 0; i < n; i++) {
            total += ob[i] >= 0 ? 1 : 0;
        }
        if (total <= MAX_POINTS) {
            long[] at = new long[total], b = new long[total];
            for (int i = 0, j = 0; i < n; i++) {
                if (ob[i] >= 0) {
                    at[j] = t[i];
                    b[j++] = ob[i];
                }
            }
            return new Bytes(at, b, total);
        }
        // per bucket of consecutive connections: the smallest and the largest value, in time order
        int buckets = MAX_POINTS / 2;
        long[] at = new long[MAX_POINTS], b = new long[MAX_POINTS];
        int j = 0;
        int per = (n + buckets - 1) / buckets;
        for (int start = 0; start < n; start += per) {
            int end = Math.min(n, start + per);
            int iMin = -1, iMax = -1;
            for (int i = start; i < end; i++) {
                if (ob[i] < 0) {
                    continue;
                }
                if (iMin < 0 || ob[i] < ob[iMin]) {
                    iMin = i;
                }
                if (iMax < 0 || ob[i] > ob[iMax]) {
                    iMax = i;
                }
            }
            if (iMin < 0) {
                continue;
            }
            int a = Math.min(iMin, iMax), z = Math.max(iMin, iMax);
            at[j] = t[a];
            b[j++] = ob[a];
            if (z != a && j < MAX_POINTS) {
                at[j] = t[z];
                b[j++] = ob[z];
            }
        }
        return new Bytes(java.util.Arrays.copyOf(at, j), java.util.Arrays.copyOf(b, j), total);
    }
}
