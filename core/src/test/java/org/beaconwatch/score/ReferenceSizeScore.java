package org.beaconwatch.score;

import org.beaconwatch.signal.RobustStats;

/**
 * Test-only reference: {@link SizeScore} as it was before short columns were sorted once (every
 * median and MAD selected), kept unchanged but for the name.
 */
final class ReferenceSizeScore {
    private ReferenceSizeScore() {
    }

    static SizeScore.Size of(long[] origBytes, long[] respBytes, long[] duration, int n) {
        return of(origBytes, respBytes, duration, n, new ScoreScratch());
    }

    /**
     * As {@link #of(long[], long[], long[], int)} with the thread's scratch arrays: medians and
     * MADs are selected in linear time ({@link RobustStats#selectMedian}), the same values as
     * sorting copies (byte counts and durations are whole numbers, never NaN or negative zero).
     */
    static SizeScore.Size of(long[] origBytes, long[] respBytes, long[] duration, int n, ScoreScratch scratch) {
        double[] v = scratch.values(n);
        double[] work = scratch.work(n);
        int m = collect(origBytes, n, v);
        double medB = Double.NaN, madB = Double.NaN, bytesScore = Double.NaN;
        if (m >= 3) {
            medB = RobustStats.selectMedian(v, m);
            madB = RobustStats.selectMad(v, m, medB, work);
            bytesScore = TimingScore.clamp(1 - 2 * madB / Math.max(medB, 32));
        }
        int mr = collect(respBytes, n, v);
        double medR = mr > 0 ? RobustStats.selectMedian(v, mr) : Double.NaN;
        int md = collect(duration, n, v);
        double medD = Double.NaN, durScore = Double.NaN, maxD = 0;
        for (int i = 0; i < md; i++) {
            maxD = Math.max(maxD, v[i]);
        }
        if (md > 0) {
            medD = RobustStats.selectMedian(v, md);
        }
        if (md >= 3) {
            double madD = RobustStats.selectMad(v, md, medD, work);
            durScore = TimingScore.clamp(1 - 2 * madD / Math.max(medD, 50_000));
        }
        double score;
        if (Double.isNaN(bytesScore)) {
            score = Double.isNaN(durScore) ? 0.5 : 0.5 * 0.7 + 0.3 * durScore;
        } else {
            score = Double.isNaN(durScore) ? bytesScore : 0.7 * bytesScore + 0.3 * durScore;
        }
        return new SizeScore.Size(score, bytesScore, durScore, medB, madB, medR, medD, md > 0 ? maxD : Double.NaN);
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
