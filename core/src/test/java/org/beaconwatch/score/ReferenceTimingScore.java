package org.beaconwatch.score;

import java.util.Arrays;
import org.beaconwatch.signal.RobustStats;

/**
 * Test-only reference: {@link TimingScore} as it was before its intervals were sorted once and its
 * first candidate reused the sorted gaps (medians selected, residuals sorted every time), kept
 * unchanged but for the name; its {@code Timing} records are {@link TimingScore.Timing}.
 */
final class ReferenceTimingScore {
    /** Semi-IQR of folded residuals at or below which timing is perfect (±10 % jitter). */
    static final double H_REGULAR = 0.05;
    /** Semi-IQR of folded residuals at which dispersion alone scores 0 (residuals span a whole period). */
    static final double H_RANDOM = 0.5;
    /** Share of extra-beat intervals (shorter than {@link #SHORT_FRACTION} of a period) at which timing drops to 0. */
    static final double MAX_SHORT = 0.2;
    /**
     * An interval shorter than this fraction of the period is an extra beat (interleaved traffic),
     * not a jittered one. 0.3, not 0.5: "sleep with jitter" of ±60 % draws intervals down to 0.4 of
     * the period, and those are jittered beats, not extra ones; random (Poisson) traffic still has
     * 19 % of its intervals below 0.3 of its median and keeps scoring about 0.
     */
    static final double SHORT_FRACTION = 0.3;
    /** Share of missed-beat intervals tolerated without penalty, and the span over which it falls to 0. */
    static final double MISSED_FREE = 0.15, MISSED_SPAN = 0.35;
    /** Connections less than 1 s after a beat's first connection belong to that beat (µs). */
    static final double MIN_BEAT_GAP = 1_000_000;
    /** Connections this close (fraction of the median interval) are duplicates of one beat. */
    static final double DUPLICATE_FRACTION = 0.05;
    /**
     * Burst window as a fraction of the base period for the periodogram candidate: half a period,
     * so every connection of a beat (Mirai keeps two connections 2.8 s apart per 10 s beat, plus
     * retries) is merged, while the next beat still starts a new one.
     */
    static final double BURST_FRACTION = 0.5;


    private ReferenceTimingScore() {
    }

    /** Best over the median and burst-gap candidates. */
    static TimingScore.Timing evaluate(long[] t, int n) {
        return evaluate(t, n, new ScoreScratch());
    }

    /** As {@link #evaluate(long[], int)}, with the thread's scratch arrays. */
    static TimingScore.Timing evaluate(long[] t, int n, ScoreScratch scratch) {
        if (n < 3) {
            return n == 2 ? new TimingScore.Timing(0, t[1] - t[0], 0, 2, 0, 0, 0, 0) : TimingScore.Timing.NONE;
        }
        double[] d = scratch.gaps(n - 1);
        int m = 0;
        for (int i = 1; i < n; i++) {
            long g = t[i] - t[i - 1];
            if (g > 0) {
                d[m++] = g;
            }
        }
        if (m < 2) {
            return TimingScore.Timing.NONE;
        }
        Arrays.sort(d, 0, m);
        double med = RobustStats.sortedMedian(d, m);
        TimingScore.Timing best = at(t, n, med, DUPLICATE_FRACTION * med, scratch);
        // two-level distribution: short gaps inside bursts, long gaps between beats
        double bestRatio = 1;
        int split = -1;
        int minUpper = Math.max(3, m / 20);
        for (int i = 0; i + minUpper < m; i++) {
            double lo = Math.max(d[i], 1000.0);
            double r = d[i + 1] / lo;
            if (r > bestRatio) {
                bestRatio = r;
                split = i;
            }
        }
        if (split >= 0 && bestRatio >= 4) {
            double gap = Math.sqrt(Math.max(d[split], 1000.0) * d[split + 1]);
            double upperMedian = RobustStats.sortedQuantile(d, split + 1, m - split - 1, 0.5);
            TimingScore.Timing c = at(t, n, upperMedian, Math.max(gap, DUPLICATE_FRACTION * upperMedian), scratch);
            best = better(best, c);
        }
        return best;
    }

    /** The candidate with the larger score × beat confidence (merging away beats must not win). */
    static TimingScore.Timing better(TimingScore.Timing a, TimingScore.Timing b) {
        return b.score() * confidence(b.beats()) > a.score() * confidence(a.beats()) ? b : a;
    }

    /** Evidence from the number of beats: 1 − exp(−(beats − 1)/4); 4 beats 0.53, 11 beats 0.92. */
    static double confidence(int beats) {
        return beats <= 1 ? 0 : 1 - Math.exp(-(beats - 1) / 4.0);
    }

    /** Timing with base period near {@code period} and bursts merged within {@code window} µs. */
    static TimingScore.Timing at(long[] t, int n, double period, double window) {
        return at(t, n, period, window, new ScoreScratch());
    }

    /**
     * As {@link #at(long[], int, double, double)}, with the thread's scratch arrays (not the gaps
     * {@link #evaluate} holds); medians selected in linear time ({@link RobustStats#selectMedian};
     * intervals are positive, never NaN or negative zero) and the MAD of the sorted residuals
     * merged in linear time ({@link RobustStats#sortedMad}) give the same values as sorting copies.
     */
    static TimingScore.Timing at(long[] t, int n, double period, double window, ScoreScratch scratch) {
        if (n < 3 || period <= 0) {
            return TimingScore.Timing.NONE;
        }
        window = Math.max(window, MIN_BEAT_GAP);
        double[] d = scratch.intervals(n);
        int m = 0;
        long beatStart = t[0];
        int merged = 0;
        for (int i = 1; i < n; i++) {
            if (t[i] - beatStart < window) {
                merged++;
                continue;
            }
            d[m++] = t[i] - beatStart;
            beatStart = t[i];
        }
        int beats = m + 1;
        if (m < 2) {
            return new TimingScore.Timing(0, period, 0, beats, 0, 0, 0, (double) merged / n);
        }
        double[] s = scratch.sorted(n);
        System.arraycopy(d, 0, s, 0, m);
        double p = RobustStats.selectMedian(s, m);
        // re-estimate p as the median of the one-beat intervals and of d/k for missed beats
        double[] e = scratch.residuals(n);
        int q = 0;
        for (int i = 0; i < m; i++) {
            long k = Math.round(d[i] / p);
            if (k >= 1) {
                e[q++] = d[i] / k;
            }
        }
        if (q >= 2) {
            p = RobustStats.selectMedian(e, q);
        }
        int shortCount = 0, missed = 0;
        q = 0;
        for (int i = 0; i < m; i++) {
            if (d[i] < SHORT_FRACTION * p) {
                shortCount++;
                continue;
            }
            long k = Math.max(1, Math.round(d[i] / p));
            if (k > 1) {
                missed++;
            }
            e[q++] = (d[i] - k * p) / (p * Math.sqrt((double) k));
        }
        double shortRatio = (double) shortCount / m;
        double missedRatio = (double) missed / m;
        if (q < 2) {
            return new TimingScore.Timing(0, p, 0, beats, 0, 0, missedRatio, (double) merged / n);
        }
        Arrays.sort(e, 0, q);
        double h = RobustStats.sortedIqr(e, q) / 2;
        double mad = RobustStats.sortedMad(e, q, RobustStats.sortedMedian(e, q), s);
        double bowley = RobustStats.sortedBowley(e, q);
        double disp = clamp((H_RANDOM - h) / (H_RANDOM - H_REGULAR));
        double shape = clamp(1 - shortRatio / MAX_SHORT) * clamp(1 - Math.max(0, missedRatio - MISSED_FREE) / MISSED_SPAN);
        double skew = 1 - 0.2 * Math.abs(bowley) * clamp((h - H_REGULAR) / H_REGULAR);
        return new TimingScore.Timing(disp * shape * skew, p, h, beats, mad, bowley, missedRatio, (double) merged / n);
    }

    static double clamp(double v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }
}
