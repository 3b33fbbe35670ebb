package org.beaconwatch.report.stats;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.SignificanceResult;
import java.util.SplittableRandom;

/**
 * Two-group hypothesis tests from Apache Commons Statistics, with the edge cases a report meets
 * (empty groups, constant data, tables with one row) answered by NaN instead of an exception.
 *
 * <ul>
 *   <li>Mann-Whitney U (two-sided; exact p for small samples without ties, else normal
 *   approximation with continuity correction): do values in one group tend to be larger?</li>
 *   <li>Two-sample Kolmogorov-Smirnov (two-sided): do the distributions differ anywhere (shape,
 *   spread, location)? With ties the p-value is estimated by a bootstrap seeded from our seed.</li>
 *   <li>Pearson's chi-square test of independence of a contingency table.</li>
 * </ul>
 */
public final class Tests {
    /** A statistic and its p-value. */
    public record Result(double statistic, double p) {
        static final Result NONE = new Result(Double.NaN, Double.NaN);
    }

    private Tests() {
    }

    /** Mann-Whitney U of x vs y (NaN-free inputs are not required: NaN are dropped). */
    public static Result mannWhitney(double[] x, double[] y) {
        double[] a = EffectSizes.finiteSorted(x);
        double[] b = EffectSizes.finiteSorted(y);
        if (a.length == 0 || b.length == 0) {
            return Result.NONE;
        }
        try {
            MannWhitneyUTest.Result r = MannWhitneyUTest.withDefaults().test(a, b);
            return new Result(r.getStatistic(), r.getPValue());
        } catch (IllegalArgumentException e) {
            return Result.NONE;
        }
    }

    /** Two-sample Kolmogorov-Smirnov D of x vs y, seeded for the tie bootstrap. */
    public static Result kolmogorovSmirnov(double[] x, double[] y, long seed) {
        double[] a = EffectSizes.finiteSorted(x);
        double[] b = EffectSizes.finiteSorted(y);
        if (a.length < 2 || b.length < 2) {
            return Result.NONE;
        }
        try {
            KolmogorovSmirnovTest.TwoResult r = KolmogorovSmirnovTest.withDefaults()
                    .with(new SeededProvider(seed)).withIterations(200).test(a, b);
            return new Result(r.getStatistic(), r.getPValue());
        } catch (IllegalArgumentException e) {
            return Result.NONE;
        }
    }

    /** Chi-square test of independence; all-zero rows and columns are dropped, NaN below 2x2. */
    public static Result chiSquare(long[][] table) {
        long[][] t = EffectSizes.dropEmpty(table);
        if (t.length < 2 || t[0].length < 2) {
            return Result.NONE;
        }
        try {
            SignificanceResult r = ChiSquareTest.withDefaults().test(t);
            return new Result(r.getStatistic(), r.getPValue());
        } catch (IllegalArgumentException e) {
            return Result.NONE;
        }
    }

    /** Commons RNG view of a seeded SplittableRandom. */
    private static final class SeededProvider implements UniformRandomProvider {
        private final SplittableRandom rnd;

        SeededProvider(long seed) {
            this.rnd = new SplittableRandom(seed);
        }

        @Override
        public long nextLong() {
            return rnd.nextLong();
        }
    }
}
