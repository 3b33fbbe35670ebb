package org.beaconwatch.sim;

import java.util.SplittableRandom;

/**
 * Random variates for the simulator, built on {@link SplittableRandom} and {@link StrictMath} only,
 * so the same seed gives the same bytes on every JVM and platform (the JDK's own
 * {@code nextGaussian}/{@code nextExponential} algorithms are not specified across versions).
 */
final class Sampling {
    private Sampling() {
    }

    /** Bijective 64-bit mix (the MurmurHash3 / SplitMix64 finalizer): distinct inputs stay distinct. */
    static long mix64(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** An independent random stream for entity {@code id} of family {@code family}. */
    static SplittableRandom stream(long seed, long family, long id) {
        return new SplittableRandom(mix64(mix64(seed ^ 0x5eed_5eedL) + family * 0x9e3779b97f4a7c15L + id));
    }

    static double uniform(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    /** Exponential with the given mean. */
    static double exponential(SplittableRandom r, double mean) {
        return -mean * StrictMath.log(1.0 - r.nextDouble());
    }

    /** Standard normal (Box–Muller, one value per call). */
    static double gaussian(SplittableRandom r) {
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }

    /** Log-normal with the given median and log-scale sigma. */
    static double logNormal(SplittableRandom r, double median, double sigma) {
        return median * StrictMath.exp(sigma * gaussian(r));
    }

    /** Geometric count of failures before the first success, with the given mean (0, 1, 2, ...). */
    static int geometric(SplittableRandom r, double mean) {
        if (mean <= 0) {
            return 0;
        }
        double p = 1.0 / (1.0 + mean);
        double v = StrictMath.log(1.0 - r.nextDouble()) / StrictMath.log(1.0 - p);
        return v >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
    }

    /** Poisson count with mean {@code lambda} (Knuth's product method; normal approximation above 30). */
    static int poisson(SplittableRandom r, double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda > 30) {
            long v = Math.round(lambda + StrictMath.sqrt(lambda) * gaussian(r));
            return (int) Math.max(0, v);
        }
        double limit = StrictMath.exp(-lambda);
        double prod = r.nextDouble();
        int k = 0;
        while (prod > limit) {
            prod *= r.nextDouble();
            k++;
        }
        return k;
    }

    /** Mean of {@link #logNormal} with this sigma, as a multiple of the median. */
    static double logNormalMeanFactor(double sigma) {
        return StrictMath.exp(sigma * sigma / 2.0);
    }
}
