package org.beaconwatch.score;

import org.beaconwatch.signal.RobustStats;

/**
 * Size consistency in [0, 1] of the bytes a client sends per connection, and of the connection
 * durations.
 *
 * <p>What: for bytes, 1 − MAD / max(median, 32 B) scaled so that a MAD of half the median scores 0;
 * for durations the same with a floor of 50 ms. The size score is 0.7·bytes + 0.3·duration
 * (bytes alone when durations are unknown; 0.5, "no evidence", when bytes are unknown too).
 * Why: an implant's check-in is the same small request every time; occasional tasking (a few large
 * uploads) moves neither the median nor the MAD, so it does not destroy the score. The floor keeps
 * near-empty payloads (TCP handshakes, failed retries) from turning a few bytes of noise into a
 * large relative spread. Source: RITA's data-size score [1], made robust with the MAD.
 */
final class SizeScore {
    /** Columns up to this long are sorted once; longer ones have their statistics selected. */
    private static final int SORT_MAX = 40;

    private SizeScore() {
    }

    /** Result with the statistics kept as features. */
    record Size(double score, double bytesScore, double durationScore, double medianBytes, double bytesMad,
                double medianRespBytes, double medianDuration, double maxDuration) {
    }

    static Size of(long[] origBytes, long[] respBytes, long[] duration, int n) {
        return of(origBytes, respBytes, duration, n, new ScoreScratch());
    }

    /**
     * As {@link #of(long[], long[], long[], int)} with the thread's scratch arrays: the same values
     * as sorting copies (byte counts and durations are whole numbers, never NaN or negative zero).
     * A short column is sorted once and its median, MAD (merged in linear time,
     * {@link RobustStats#sortedMad}) and maximum read off it; a long one has its median and MAD
     * selected in linear time ({@link RobustStats#selectMedian}).
     */
    static Size of(long[] origBytes, long[] respBytes, long[] duration, int n, ScoreScratch scratch) {
        double[] v = scratch.values(n);
        double[] work = scratch.work(n);
        int m = collect(origBytes, n, v);
        double medB = Double.NaN, madB = Double.NaN, bytesScore = Double.NaN;
        if (m >= 3) {
            if (m <= SORT_MAX) {
                RobustStats.sort(v, m);
                medB = RobustStats.sortedMedian(v, m);
                madB = RobustStats.sortedMad(v, m, medB, work);
            } else {
                medB = RobustStats.selectMedian(v, m);
                madB = RobustStats.selectMad(v, m, medB, work);
            }
            bytesScore = TimingScore.clamp(1 - 2 * madB / Math.max(medB, 32));
        }
        int mr = collect(respBytes, n, v);
        double medR = mr > 0 ? RobustStats.selectMedian(v, mr) : Double.NaN;
        int md = collect(duration, n, v);
        double medD = Double.NaN, durScore = Double.NaN, maxD = 0;
        if (md > 0 && md <= SORT_MAX) {
            RobustStats.sort(v, md);
            maxD = v[md - 1];
            medD = RobustStats.sortedMedian(v, md);
            if (md >= 3) {
                durScore = durationScore(RobustStats.sortedMad(v, md, medD, work), medD);
            }
        } else if (md > 0) {
            for (int i = 0; i < md; i++) {
                maxD = Math.max(maxD, v[i]);
            }
            medD = RobustStats.selectMedian(v, md);
            durScore = durationScore(RobustStats.selectMad(v, md, medD, work), medD);
        }
        double score;
        if (Double.isNaN(bytesScore)) {
            score = Double.isNaN(durScore) ? 0.5 : 0.5 * 0.7 + 0.3 * durScore;
        } else {
            score = Double.isNaN(durScore) ? bytesScore : 0.7 * bytesScore + 0.3 * durScore;
        }
        return new Size(score, bytesScore, durScore, medB, madB, medR, medD, md > 0 ? maxD : Double.NaN);
    }

    private static double durationScore(double mad, double median) {
        return TimingScore.clamp(1 - 2 * mad / Math.max(median, 50_000));
    }

    private static int collect(long[] a, int n, double[] out) {
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (a[i] >= 0) {
                out[m++] = a[i];
            }
        }
        return m;
    }
}
