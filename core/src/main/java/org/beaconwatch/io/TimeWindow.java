package org.beaconwatch.io;

import java.time.Instant;
import java.util.Arrays;
import org.beaconwatch.flow.FlowBatch;

/**
 * Tells absurd timestamps of one file from the bulk of its times, so one record at ts 0, 1 or
 * -1 among 2023 times cannot stretch a channel over 53 years (which ruins its timing scores).
 *
 * <p>The bulk is found from the file's first batch (up to 8,192 records, sorted once): its
 * inter-quartile range [q25, q75] (quartiles taken towards the median, so one wild value in a
 * tiny file does not widen them). A time is accepted when it lies within {@link #MIN_MARGIN_MICROS}
 * (one year), or four inter-quartile ranges if wider, of the times accepted so far, which grow
 * as the file goes on, so a log of many days, in time order or not, passes whole. Negative times
 * are never accepted. Records without addresses (non-IP Argus records) cannot join a channel and
 * are neither sampled nor checked. Relative-time captures (all times small, NSL-KDD's all zero) stay valid as
 * a whole, because the window is relative to the file's own bulk, not to any calendar.
 *
 * <p>Hot path: one comparison against the accepted range per record; the window is consulted
 * only for times outside it (about once per new maximum in a time-ordered log).
 */
public final class TimeWindow {
    /** Smallest distance (µs) from the bulk at which a time is called absurd: one year. */
    static final long MIN_MARGIN_MICROS = 366L * 86_400L * 1_000_000L;
    /** Margin in inter-quartile ranges of the first batch, when that is wider than a year. */
    static final int IQR_MARGINS = 4;
    /** Below this many records in the first batch only negative times are refused. */
    static final int MIN_SAMPLE = 3;

    private boolean started;
    private boolean sampled;
    private long margin = MIN_MARGIN_MICROS;
    /** Range of accepted times so far (lo > hi before any). */
    long lo = Long.MAX_VALUE, hi = Long.MIN_VALUE;
    private long q50;

    public boolean started() {
        return started;
    }

    /** Establishes the bulk from the first batch of the file, rows [from, to) that have addresses. */
    public void start(FlowBatch b, int from, int to) {
        started = true;
        int n = to - from;
        long[] s = new long[n];
        int m = 0;
        for (int i = from; i < to; i++) {
            if (b.ts[i] >= 0 && hasAddresses(b, i)) {
                s[m++] = b.ts[i];
            }
        }
        if (m < MIN_SAMPLE) {
            return;
        }
        Arrays.sort(s, 0, m);
        long q25 = s[(int) Math.ceil(0.25 * (m - 1))];
        long q75 = s[(int) Math.floor(0.75 * (m - 1))];
        q50 = s[(m - 1) / 2];
        long iqr = Math.max(0, q75 - q25);
        margin = Math.max(MIN_MARGIN_MICROS, iqr > Long.MAX_VALUE / (2 * IQR_MARGINS) ? Long.MAX_VALUE / 4
                : IQR_MARGINS * iqr);
        lo = Math.min(q25, q75);
        hi = Math.max(q25, q75);
        sampled = true;
    }

    /**
     * Only rows that can join a channel have their time checked: an Argus management record or a
     * non-IP flow (no addresses) cannot stretch a channel.
     */
    public static boolean hasAddresses(FlowBatch b, int i) {
        return (b.srcHi[i] | b.srcLo[i]) != 0L && (b.dstHi[i] | b.dstLo[i]) != 0L;
    }

    /**
     * Called for a time outside [lo, hi]: accepts it (widening the range) or returns the reason it
     * is absurd.
     */
    String check(long t) {
        if (t < 0) {
            return "negative timestamp (" + seconds(t) + ")";
        }
        if (!sampled) {
            lo = Math.min(lo, t);
            hi = Math.max(hi, t);
            return null;
        }
        if ((t < lo && lo - t > margin) || (t > hi && t - hi > margin)) {
            return "timestamp " + shown(t) + " is far from this file's other times (around " + shown(q50)
                    + "): left out";
        }
        lo = Math.min(lo, t);
        hi = Math.max(hi, t);
        return null;
    }

    /**
     * Checks one row's time as {@code detect} does (rows without addresses always pass): null when
     * accepted (widening the range), else the reason it is absurd. For engines outside this
     * package that read a file's rows in order themselves (the Spark job).
     */
    public String accept(FlowBatch b, int i) {
        long t = b.ts[i];
        if ((t < lo || t > hi) && hasAddresses(b, i)) {
            return check(t);
        }
        return null;
    }

    /** Lowest accepted time so far (greater than {@link #high} before any). */
    public long low() {
        return lo;
    }

    /** Highest accepted time so far. */
    public long high() {
        return hi;
    }

    /** Whether the first batch gave a bulk (else only negative times are refused). */
    public boolean sampled() {
        return sampled;
    }

    /** Distance from the accepted range beyond which a time is absurd (µs). */
    public long margin() {
        return margin;
    }

    private static String seconds(long t) {
        return String.format(java.util.Locale.ROOT, "%.6f s", t / 1e6);
    }

    private static String shown(long t) {
        return seconds(t) + " = " + Instant.ofEpochSecond(Math.floorDiv(t, 1_000_000L)).toString();
    }
}
