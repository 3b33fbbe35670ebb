package org.beaconwatch.score;

/**
 * Working arrays of one scoring thread, reused from channel to channel so that scoring a channel
 * allocates no per-connection arrays (a 20 M-row input scores 800 k channels). Each buffer has
 * one owner, so nested calls never share one: {@link SizeScore} uses {@link #values} and
 * {@link #work}; {@link TimingScore#evaluate} keeps its sorted gaps in {@link #gaps} while
 * {@link TimingScore#at} uses {@link #intervals}, {@link #sorted} and {@link #residuals}. Not
 * thread-safe: one per thread ({@link #get}).
 */
final class ScoreScratch {
    private static final ThreadLocal<ScoreScratch> PER_THREAD = ThreadLocal.withInitial(ScoreScratch::new);
    /** Buffers larger than this (doubles) are not kept after a huge channel, so idle threads hold little. */
    private static final int KEEP = 1 << 16;

    private double[] values = new double[64], work = new double[64], gaps = new double[64],
            intervals = new double[64], sorted = new double[64], residuals = new double[64];

    /** This thread's scratch arrays. */
    static ScoreScratch get() {
        return PER_THREAD.get();
    }

    double[] values(int n) {
        values = fit(values, n);
        return values;
    }

    double[] work(int n) {
        work = fit(work, n);
        return work;
    }

    double[] gaps(int n) {
        gaps = fit(gaps, n);
        return gaps;
    }

    double[] intervals(int n) {
        intervals = fit(intervals, n);
        return intervals;
    }

    double[] sorted(int n) {
        sorted = fit(sorted, n);
        return sorted;
    }

    double[] residuals(int n) {
        residuals = fit(residuals, n);
        return residuals;
    }

    private static double[] fit(double[] a, int n) {
        if (a.length >= n && (a.length <= KEEP || n > KEEP / 2)) {
            return a;
        }
        return new double[Math.max(64, n)];
    }
}
