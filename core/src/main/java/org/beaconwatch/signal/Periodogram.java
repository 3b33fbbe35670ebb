package org.beaconwatch.signal;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Periodogram of an event train: the events are counted in equal time bins, the counts' power
 * spectrum is taken with a real FFT (JTransforms), and the strongest peak is tested against the
 * null hypothesis of a Poisson process (no periodicity). Under that null each spectral ordinate of
 * the de-meaned counts is exponential with mean equal to the number of events, so the sum over a
 * window of w adjacent ordinates is Gamma(w, 1) in noise units and its tail gives an analytic
 * false-alarm probability, corrected for the number of frequencies and window widths tried
 * (Scargle, ApJ 263, 1982; Bartlett's periodogram of point processes, 1963). Windows of several
 * widths catch jittered beacons, whose spectral line is broadened. When traffic is burstier than
 * Poisson the noise level is raised to the spectrum's local median, so bursts and on/off activity
 * alone do not look periodic.
 *
 * <p>The peak is moved to its fundamental (a beat train has equal power at all harmonics), and
 * the autocorrelation of the counts (inverse FFT of the power, Wiener-Khinchin) at the period's
 * lag confirms it, as BAYWATCH does (Hu et al., "BAYWATCH", DSN 2016 [2]).
 */
public final class Periodogram {
    private static final int[] WIDTHS = {1, 3, 9, 27, 81};

    static {
        // Channels are scored in parallel already; JTransforms' own FFT threads (from n = 8,192)
        // would only oversubscribe the cores. This setting is global to JTransforms/JLargeArrays.
        org.visnow.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
    }

    private Periodogram() {
    }

    /**
     * Result of {@link #analyse}.
     *
     * @param periodMicros  period of the fundamental peak in µs, or 0 when none could be computed
     * @param log10Fap      log10 of the false-alarm probability of the best peak (0 = no evidence)
     * @param acf           autocorrelation of the counts at the period's lag, in [-1, 1]
     * @param bins          number of bins used
     * @param binMicros     bin width in µs
     */
    public record Result(double periodMicros, double log10Fap, double acf, int bins, double binMicros) {
        static final Result NONE = new Result(0, 0, 0, 0, 0);
    }

    /**
     * Analyses sorted event times {@code t[0..n)} (µs).
     *
     * @param hintPeriodMicros a rough period (e.g. the median interval); bins are at most an eighth of it
     * @param maxBins          cap on the number of bins (a power of two), bounding the cost
     */
    public static Result analyse(long[] t, int n, double hintPeriodMicros, int maxBins) {
        if (n < 6) {
            return Result.NONE;
        }
        double span = (double) (t[n - 1] - t[0]);
        if (span <= 0) {
            return Result.NONE;
        }
        double[] x = binned(t, n, span, hintPeriodMicros, maxBins);
        int nBins = x.length;
        double binW = binWidth(span, nBins);
        DoubleFFT_1D fft = new DoubleFFT_1D(nBins);
        fft.realForward(x);
        int half = nBins / 2;
        double[] p = new double[half];
        for (int k = 1; k < half; k++) {
            double re = x[2 * k], im = x[2 * k + 1];
            p[k] = re * re + im * im;
        }
        int kMin = 3;
        if (half - kMin < 8) {
            return Result.NONE;
        }
        double[] noise = localNoise(p, half, n);
        double[] prefix = new double[half + 1];
        for (int k = 1; k < half; k++) {
            prefix[k + 1] = prefix[k] + p[k] / noise[k];
        }
        double bestLog = 0;
        int bestK = -1, bestW = 1;
        int nFreq = half - kMin;
        for (int w : WIDTHS) {
            int r = w / 2;
            if (nFreq < 4 * w) {
                break;
            }
            double trials = Math.log10((double) nFreq / w * WIDTHS.length);
            for (int k = kMin + r; k < half - r; k++) {
                double s = prefix[k + r + 1] - prefix[k - r];
                if (s < w + 3) {
                    continue;
                }
                double lf = log10GammaTail(w, s) + trials;
                if (lf < bestLog) {
                    bestLog = lf;
                    bestK = k;
                    bestW = w;
                }
            }
        }
        if (bestK < 0) {
            return new Result(0, 0, 0, nBins, binW);
        }
        // refine the centre to the strongest ordinate inside the window, then find the fundamental
        int r = bestW / 2;
        int peak = bestK;
        for (int k = bestK - r; k <= bestK + r; k++) {
            if (p[k] / noise[k] > p[peak] / noise[peak]) {
                peak = k;
            }
        }
        double peakPower = prefix[bestK + r + 1] - prefix[bestK - r]; // in noise units
        double fundamental = peak;
        for (int m = 8; m >= 2; m--) {
            double km = (double) peak / m;
            if (km < 2) {
                continue;
            }
            int c = (int) Math.round(km);
            int lo = Math.max(1, c - r - 1), hi = Math.min(half - 1, c + r + 1);
            double s = prefix[hi + 1] - prefix[lo];
            if (s >= 0.25 * peakPower && s > 3 * (hi - lo + 1)) {
                int best = c;
                for (int k = lo; k <= hi; k++) {
                    if (p[k] / noise[k] > p[best] / noise[best]) {
                        best = k;
                    }
                }
                fundamental = best;
                break;
            }
        }
        double periodMicros = nBins * binW / fundamental;
        // autocorrelation by inverse FFT of the power spectrum
        double[] a = new double[nBins];
        for (int k = 1; k < half; k++) {
            a[2 * k] = p[k];
        }
        a[1] = x[1] * x[1];
        fft.realInverse(a, true);
        double acf = 0;
        if (a[0] > 0) {
            double lag = periodMicros / binW;
            int lo = Math.max(1, (int) Math.floor(lag * 0.85)), hi = Math.min(nBins / 2, (int) Math.ceil(lag * 1.15));
            acf = -1;
            for (int l = lo; l <= hi; l++) {
                acf = Math.max(acf, a[l] / a[0]);
            }
        }
        return new Result(periodMicros, bestLog, acf, nBins, binW);
    }

    /**
     * The spectrum behind {@link #analyse}, for display: power of each frequency in noise units
     * (power over the local noise level, so 1 is the noise and the Poisson null is exponential with
     * mean 1), the single-ordinate power whose false-alarm probability, corrected for the number of
     * frequencies tried, is 1 % (where {@code PeriodicityScore} starts to give credit), and the
     * period {@link #analyse} reports. Costs one more FFT of the channel: call it only for the few
     * channels a report shows.
     *
     * @param binMicros       bin width in µs
     * @param bins            number of bins
     * @param periodSeconds   period of ordinate k (k = 1 .. bins/2 - 1) is {@code bins * binMicros / k}; index 0 unused
     * @param power           power over local noise, per ordinate; index 0 unused
     * @param threshold       single-ordinate power whose corrected false-alarm probability is 1 %
     * @param result          what {@link #analyse} reports for the same input
     */
    // arrays by design: columnar data handed over without copies; never compared or hashed by value
    @SuppressWarnings("ArrayRecordComponent")
    public record Spectrum(double binMicros, int bins, double[] periodSeconds, double[] power, double threshold,
                           Result result) {
        /** No spectrum (too few events or no span). */
        public static final Spectrum NONE = new Spectrum(0, 0, new double[0], new double[0], 0, Result.NONE);
    }

    /**
     * Event counts in equal bins over the span, mean removed: a power of two of bins (at least 64,
     * at most {@code maxBins}) about eight per hinted period. The one binning of {@link #analyse}
     * and {@link #spectrum}.
     */
    private static double binWidth(double span, int nBins) {
        return span * (1 + 1e-9) / nBins;
    }

    private static double[] binned(long[] t, int n, double span, double hintPeriodMicros, int maxBins) {
        double wanted = span / Math.max(1.0, hintPeriodMicros / 8.0);
        int nBins = 64;
        while (nBins < wanted && nBins < maxBins) {
            nBins <<= 1;
        }
        double binW = binWidth(span, nBins);
        double[] x = new double[nBins];
        for (int i = 0; i < n; i++) {
            int b = (int) ((t[i] - t[0]) / binW);
            x[Math.min(b, nBins - 1)] += 1.0;
        }
        double mean = (double) n / nBins;
        for (int j = 0; j < nBins; j++) {
            x[j] -= mean;
        }
        return x;
    }

    /** The spectrum of sorted event times {@code t[0..n)} (µs), binned exactly as {@link #analyse} bins them. */
    public static Spectrum spectrum(long[] t, int n, double hintPeriodMicros, int maxBins) {
        Result result = analyse(t, n, hintPeriodMicros, maxBins);
        if (n < 6 || t[n - 1] <= t[0]) {
            return Spectrum.NONE;
        }
        double span = (double) (t[n - 1] - t[0]);
        double[] x = binned(t, n, span, hintPeriodMicros, maxBins);
        int nBins = x.length;
        double binW = binWidth(span, nBins);
        new DoubleFFT_1D(nBins).realForward(x);
        int half = nBins / 2;
        double[] p = new double[half];
        for (int k = 1; k < half; k++) {
            double re = x[2 * k], im = x[2 * k + 1];
            p[k] = re * re + im * im;
        }
        double[] noise = localNoise(p, half, n);
        double[] period = new double[half];
        double[] power = new double[half];
        for (int k = 1; k < half; k++) {
            period[k] = nBins * binW / k / 1e6;
            power[k] = p[k] / noise[k];
        }
        int nFreq = Math.max(1, half - 3);
        // Q(1, s) = e^-s; corrected: log10 e^-s + log10(nFreq * widths) = -2
        double threshold = (2 + Math.log10((double) nFreq * WIDTHS.length)) * Math.log(10);
        return new Spectrum(binW, nBins, period, power, threshold, result);
    }

    /**
     * Noise level per frequency: the Poisson level n, raised to the median power of the
     * surrounding band (bands of at least 16 ordinates growing by 25 %, the largest median of a
     * band and its two neighbours, divided by ln 2) where on/off or bursty activity lifts the
     * spectrum ("red noise"). A sharp line, or a line broadened by jitter, stays far above its
     * band's median; a hump as wide as the band does not.
     */
    private static double[] localNoise(double[] p, int half, int n) {
        int[] edges = new int[64];
        int bands = 0;
        edges[0] = 1;
        while (edges[bands] < half) {
            int next = Math.max(edges[bands] + 16, (int) (edges[bands] * 1.25));
            edges[++bands] = Math.min(next, half);
            if (bands + 1 == edges.length) {
                edges = java.util.Arrays.copyOf(edges, edges.length * 2);
            }
        }
        double[] med = new double[bands];
        double[] c = new double[half];
        for (int b = 0; b < bands; b++) {
            int lo = edges[b], m = edges[b + 1] - lo;
            System.arraycopy(p, lo, c, 0, m);
            java.util.Arrays.sort(c, 0, m);
            med[b] = c[m / 2] / Math.log(2);
        }
        double[] noise = new double[half];
        int b = 0;
        for (int k = 1; k < half; k++) {
            while (k >= edges[b + 1]) {
                b++;
            }
            double v = med[b];
            if (b > 0) {
                v = Math.max(v, med[b - 1]);
            }
            if (b + 1 < bands) {
                v = Math.max(v, med[b + 1]);
            }
            noise[k] = Math.max(n, v);
        }
        noise[0] = noise[Math.min(1, half - 1)];
        return noise;
    }

    /** ln(i!) for i up to the widest window, summed in the order {@link #log10GammaTail} always used. */
    private static final double[] LN_FACTORIAL = new double[WIDTHS[WIDTHS.length - 1]];

    static {
        double lnFact = 0;
        for (int i = 0; i < LN_FACTORIAL.length; i++) {
            if (i > 0) {
                lnFact += Math.log(i);
            }
            LN_FACTORIAL[i] = lnFact;
        }
    }

    /**
     * log10 of the upper regularised gamma Q(w, s) for integer shape w (Poisson tail sum): called
     * for every frequency and window width, so it allocates nothing and reads ln(i!) from a table.
     */
    static double log10GammaTail(int w, double s) {
        double lnS = Math.log(s);
        double maxTerm = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < w; i++) {
            maxTerm = Math.max(maxTerm, term(i, lnS, w));
        }
        double sum = 0;
        for (int i = 0; i < w; i++) {
            sum += Math.exp(term(i, lnS, w) - maxTerm);
        }
        return (-s + maxTerm + Math.log(sum)) / Math.log(10);
    }

    private static double term(int i, double lnS, int w) {
        return i * lnS - (w <= LN_FACTORIAL.length ? LN_FACTORIAL[i] : lnFactorial(i));
    }

    private static double lnFactorial(int i) {
        double lnFact = 0;
        for (int k = 1; k <= i; k++) {
            lnFact += Math.log(k);
        }
        return lnFact;
    }
}
