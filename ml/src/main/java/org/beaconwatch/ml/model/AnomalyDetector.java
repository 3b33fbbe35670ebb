package org.beaconwatch.ml.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.beaconwatch.ml.anomaly.IsolationForest;

/**
 * The unsupervised view: how unusual a row's features are compared with the training rows,
 * ignoring labels, and the row's percentile among training scores (0..1, 1 = more unusual than
 * every training row).
 *
 * <p>Score: the project's Isolation Forest ({@link IsolationForest}, Liu, Ting and Zhou, ICDM 2008;
 * 100 trees of 256 rows) fitted on the training rows' features without labels. Percentiles make the
 * score comparable across feature sets for the fused risk. Per-feature robust z-scores
 * {@code (x - median) / (1.4826 * MAD)} explain which features make a row unusual.
 *
 * <p>Saving: the forest is not written to the model file; the model keeps the (at most {@link #MAX_FIT_ROWS},
 * seeded sample of) rows it was fitted on and the seed, and refits the identical forest on load.
 */
final class AnomalyDetector {
    static final int MAX_FIT_ROWS = 4096;
    private final double[] median;
    private final double[] scale;
    private double[] trainScores;
    private final double[][] fitRows;
    private final long seed;
    private final IsolationForest forest;

    private AnomalyDetector(double[] median, double[] scale, double[][] fitRows, long seed) {
        this.median = median;
        this.scale = scale;
        this.fitRows = fitRows;
        this.seed = seed;
        this.forest = fitRows.length >= 2 ? IsolationForest.fit(fitRows, IsolationForest.Params.defaults(seed)) : null;
    }

    /**
     * The detector's parts as written to a model file.
     *
     * @param median      per-feature training median
     * @param scale       per-feature robust scale
     * @param trainScores sorted raw scores of the training rows
     * @param fitRows     the rows the forest is fitted on
     * @param seed        the forest's seed
     */
    // arrays by design: columnar data handed over without copies; never compared or hashed by value
    @SuppressWarnings("ArrayRecordComponent")
    record Parts(double[] median, double[] scale, double[] trainScores, double[][] fitRows, long seed) {
    }

    Parts parts() {
        return new Parts(median, scale, trainScores, fitRows, seed);
    }

    /**
     * A detector read back from a model file: refits the identical forest.
     *
     * @throws IllegalArgumentException when the parts do not fit together or to {@code features} features
     */
    static AnomalyDetector of(Parts p, int features) {
        if (p == null || p.median() == null || p.scale() == null || p.trainScores() == null || p.fitRows() == null) {
            throw new IllegalArgumentException("anomaly detector parts are missing");
        }
        if (p.median().length != features || p.scale().length != features) {
            throw new IllegalArgumentException("anomaly detector has " + p.median().length + " medians and "
                    + p.scale().length + " scales for " + features + " features");
        }
        if (p.fitRows().length > MAX_FIT_ROWS) {
            throw new IllegalArgumentException("anomaly detector has more than " + MAX_FIT_ROWS + " rows");
        }
        double[][] rows = new double[p.fitRows().length][];
        for (int i = 0; i < rows.length; i++) {
            double[] r = p.fitRows()[i];
            if (r == null || r.length != features) {
                throw new IllegalArgumentException("anomaly detector row " + i + " does not have " + features
                        + " features");
            }
            rows[i] = r.clone();
        }
        AnomalyDetector d = new AnomalyDetector(p.median().clone(), p.scale().clone(), rows, p.seed());
        double[] ts = p.trainScores().clone();
        Arrays.sort(ts);
        d.trainScores = ts;
        return d;
    }

    static AnomalyDetector fit(double[][] x, int[] rows, long seed) {
        int f = x.length == 0 ? 0 : x[rows.length == 0 ? 0 : rows[0]].length;
        double[] med = new double[f];
        double[] sc = new double[f];
        double[] col = new double[rows.length];
        for (int j = 0; j < f; j++) {
            for (int i = 0; i < rows.length; i++) {
                col[i] = x[rows[i]][j];
            }
            med[j] = median(col);
            double[] dev = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                dev[i] = Math.abs(col[i] - med[j]);
            }
            double mad = 1.4826 * median(dev);
            if (mad == 0) {
                double mean = 0;
                for (double d : dev) {
                    mean += d;
                }
                mad = rows.length == 0 ? 0 : 1.2533 * mean / rows.length;
            }
            sc[j] = mad > 0 ? mad : 1;
        }
        int[] pick = rows.clone();
        if (pick.length > MAX_FIT_ROWS) {
            SplittableRandom rnd = new SplittableRandom(seed);
            for (int i = 0; i < MAX_FIT_ROWS; i++) {
                int j = i + rnd.nextInt(pick.length - i);
                int t = pick[i];
                pick[i] = pick[j];
                pick[j] = t;
            }
            pick = Arrays.copyOf(pick, MAX_FIT_ROWS);
            Arrays.sort(pick);
        }
        double[][] fit = new double[pick.length][];
        for (int i = 0; i < pick.length; i++) {
            fit[i] = x[pick[i]].clone();
        }
        AnomalyDetector d = new AnomalyDetector(med, sc, fit, seed);
        double[] ts = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            ts[i] = d.raw(x[rows[i]]);
        }
        Arrays.sort(ts);
        d.trainScores = ts;
        return d;
    }

    /** Isolation Forest score in (0, 1]; higher = more anomalous. */
    double raw(double[] row) {
        return forest == null ? 0 : forest.score(row);
    }

    /** Share of training rows with a lower or equal raw score. */
    double percentile(double raw) {
        int lo = 0;
        int hi = trainScores.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (trainScores[mid] <= raw) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return trainScores.length == 0 ? 0 : (double) lo / trainScores.length;
    }

    /** Per-feature robust z of a row, for reasons. */
    double z(double[] row, int j) {
        return (row[j] - median[j]) / scale[j];
    }

    double median(int j) {
        return median[j];
    }

    private static double median(double[] v) {
        if (v.length == 0) {
            return 0;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
