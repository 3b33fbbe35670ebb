package org.beaconwatch.score;

import org.beaconwatch.signal.RobustStats;

/**
 * Timing regularity of a channel's inter-arrival times, in [0, 1].
 *
 * <p>What: connections that start within a short window of a beat's first connection (at least 1 s;
 * 5 % of the median interval; the gap of a clearly two-level interval distribution; or half the
 * periodogram's period) are merged into one beat,
 * so bursts count once. The intervals between beats are folded onto the base period P (an interval
 * near k·P counts as k missed-beat intervals of d/k each) and the relative residuals d/(k·P) − 1
 * are summarised robustly: their semi-interquartile range h, MAD and Bowley skew. A metronome has
 * h = 0; ±50 % uniform jitter gives h ≈ 0.25; a Poisson process (random traffic) gives h ≈ 0.4
 * after the same merging and folding. The score maps h linearly from {@link #H_RANDOM} (0) to
 * {@link #H_REGULAR} (1) and is lowered by skew and by a majority of missed beats.
 *
 * <p>Why: RITA [1] scores the raw intervals with Bowley skew and MAD/median, which breaks on
 * missed beats, bursts and jitter (users report jittered Cobalt Strike beacons scoring low).
 * Folding and burst merging make the statistic tolerant of exactly those, and the robust
 * quantiles keep a few outliers from moving it. Candidate base periods are the median interval,
 * the upper mode of a two-level (burst/silence) interval distribution, and the periodogram's
 * period; the best-scoring candidate is kept.
 */
final class TimingScore {
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
    /** Runs of intervals up to this long are sorted once in {@link #at}; longer ones have their medians selected. */
    private static final int SORT_MAX = 40;

    /** Result of a timing evaluation. */
    record Timing(double score, double periodMicros, double jitter, int beats, double madRel, double bowley,
                  double missedRatio, double burstRatio) {
        static final Timing NONE = new Timing(0, 0, 0, 0, 0, 0, 0, 0);
    }

    private TimingScore() {
    }

    /** Best over the median and burst-gap candidates. */
    static Timing evaluate(long[] t, int n) {
        return evaluate(t, n, new ScoreScratch());
    }

    /** As {@link #evaluate(long[], int)}, with the thread's scratch arrays. */
    static Timing evaluate(long[] t, int n, ScoreScratch scratch) {
        if (n < 3) {
            return n == 2 ? new Timing(0, t[1] - t[0], 0, 2, 0, 0, 0, 0) : Timing.NONE;
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
            return Timing.NONE;
        }
        RobustStats.sort(d, m);
        double med = RobustStats.sortedMedian(d, m);
        Timing best = at(t, n, med, DUPLICATE_FRACTION * med, scratch, d, m);
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
            Timing c = at(t, n, upperMedian, Math.max(gap, DUPLICATE_FRACTION * upperMedian), scratch);
            best = better(best, c);
        }
        return best;
    }

    /** The candidate with the larger score × beat confidence (merging away beats must not win). */
    static Timing better(Timing a, Timing b) {
        return b.score() * confidence(b.beats()) > a.score() * confidence(a.beats()) ? b : a;
    }

    /** Evidence from the number of beats: 1 − exp(−(beats − 1)/4); 4 beats 0.53, 11 beats 0.92. */
    static double confidence(int beats) {
        return beats <= 1 ? 0 : 1 - Math.exp(-(beats - 1) / 4.0);
    }

    /** Timing with base period near {@code period} and bursts merged within {@code window} µs. */
    static Timing at(long[] t, int n, double period, double window) {
        return at(t, n, period, window, new ScoreScratch());
    }

    /**
     * As {@link #at(long[], int, double, double)}, with the thread's scratch arrays (not the gaps
     * {@link #evaluate} holds); medians selected in linear time ({@link RobustStats#selectMedian};
     * intervals are positive, never NaN or negative zero) and the MAD of the sorted residuals
     * merged in linear time ({@link RobustStats#sortedMad}) give the same values as sorting copies.
     */
    static Timing at(long[] t, int n, double period, double window, ScoreScratch scratch) {
        return at(t, n, period, window, scratch, null, 0);
    }

    /**
     * As {@link #at(long[], int, double, double, ScoreScratch)}; {@code sortedGaps[0..gaps)} (may be
     * null) are the channel's positive gaps between connections, ascending: when no connection is
     * merged into a beat they are the intervals, already sorted.
     */
    private static Timing at(long[] t, int n, double period, double window, ScoreScratch scratch,
                             double[] sortedGaps, int gaps) {
        if (n < 3 || period <= 0) {
            return Timing.NONE;
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
            return new Timing(0, period, 0, beats, 0, 0, 0, (double) merged / n);
        }
        // a short run of intervals is sorted once (and one that equals the sorted gaps is sorted
        // already): its median is read off, and when every interval is one beat (a steady beacon)
        // the re-estimated period is the same median and the residuals come out in ascending order
        // (they grow with the interval), so neither is selected or sorted again; a long run has its
        // medians selected in linear time
        double[] s = scratch.sorted(n);
        boolean sorted = merged == 0 && sortedGaps != null && gaps == m;
        System.arraycopy(sorted ? sortedGaps : d, 0, s, 0, m);
        double p;
        if (sorted || m <= SORT_MAX) {
            if (!sorted) {
                RobustStats.sort(s, m);
                sorted = true;
            }
            p = RobustStats.sortedMedian(s, m);
        } else {
            p = RobustStats.selectMedian(s, m);
        }
        // re-estimate p as the median of the one-beat intervals and of d/k for missed beats
        double[] e = scratch.residuals(n);
        int q = 0;
        boolean oneBeat = true;
        for (int i = 0; i < m; i++) {
            long k = Math.round(s[i] / p);
            if (k >= 1) {
                e[q++] = s[i] / k;
            }
            oneBeat &= k == 1;
        }
        if (q >= 2 && !oneBeat) {
            p = RobustStats.selectMedian(e, q);
        }
        int shortCount = 0, missed = 0;
        q = 0;
        for (int i = 0; i < m; i++) {
            double di = s[i];
            if (di < SHORT_FRACTION * p) {
                shortCount++;
                continue;
            }
            long k = Math.max(1, Math.round(di / p));
            if (k > 1) {
                missed++;
            }
            e[q++] = (di - k * p) / (p * Math.sqrt((double) k));
        }
        double shortRatio = (double) shortCount / m;
        double missedRatio = (double) missed / m;
        if (q < 2) {
            return new Timing(0, p, 0, beats, 0, 0, missedRatio, (double) merged / n);
        }
        // ascending intervals of one beat each give ascending residuals (d - p) / p
        if (!sorted || missed > 0) {
            RobustStats.sort(e, q);
        }
        double h = RobustStats.sortedIqr(e, q) / 2;
        double mad = RobustStats.sortedMad(e, q, RobustStats.sortedMedian(e, q), s);
        double bowley = RobustStats.sortedBowley(e, q);
        double disp = clamp((H_RANDOM - h) / (H_RANDOM - H_REGULAR));
        double shape = clamp(1 - shortRatio / MAX_SHORT) * clamp(1 - Math.max(0, missedRatio - MISSED_FREE) / MISSED_SPAN);
        double skew = 1 - 0.2 * Math.abs(bowley) * clamp((h - H_REGULAR) / H_REGULAR);
        return new Timing(disp * shape * skew, p, h, beats, mad, bowley, missedRatio, (double) merged / n);
    }

    static double clamp(double v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }
}
