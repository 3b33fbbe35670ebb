package org.beaconwatch.ml.model;

/**
 * Maps the classifier's raw probability of "malicious" to a calibrated one.
 *
 * <p>What: Platt scaling on the log-odds, {@code p' = 1 / (1 + exp(-(a * logit(p) + b)))}, with
 * {@code a} and {@code b} fitted by maximum likelihood (Newton's method) on the <b>out-of-fold</b>
 * probabilities of the cross-validation on the training part, so the calibration never sees a row
 * scored by a model that was trained on it. Targets are Platt's smoothed ones,
 * {@code (N+ + 1) / (N+ + 2)} for positives and {@code 1 / (N- + 2)} for negatives, which keeps a
 * perfectly separated training part from pushing the slope to infinity.
 *
 * <p>Why: boosted trees trained to near-separation return probabilities crowded at 0 and 1, so the
 * fused risk saturates at 1.000 and a ranking of rows or hosts by it degenerates into ties. The
 * mapping is strictly increasing (for {@code a > 0}), so it never reorders rows and never merges two
 * different raw probabilities, but it spreads them over a range where the third decimal still says
 * something, and the result is a probability on held-out data (the Brier score shows it). Isotonic
 * regression was not chosen because its steps create exactly the ties this is meant to remove.
 * Source: J. Platt, "Probabilistic outputs for support vector machines", 1999; Lin, Lin and Weng,
 * "A note on Platt's probabilistic outputs", Machine Learning 68, 2007 (the Newton iteration).
 *
 * @param method    {@code platt}, or {@code none} (identity: no supervised model or too few rows)
 * @param slope     a
 * @param intercept b
 * @param rows      out-of-fold rows the mapping was fitted on
 */
public record Calibration(String method, double slope, double intercept, long rows) {
    /** Raw probabilities are clipped to [EPS, 1 - EPS] before taking log-odds (XGBoost works in float). */
    static final double EPS = 1e-7;
    /** Fewer out-of-fold rows of either class than this: no calibration. */
    static final int MIN_ROWS_PER_CLASS = 5;

    /** The identity mapping. */
    public static Calibration none() {
        return new Calibration("none", 1, 0, 0);
    }

    /** The calibrated probability of a raw one (NaN stays NaN). */
    public double apply(double p) {
        if (Double.isNaN(p) || !"platt".equals(method)) {
            return p;
        }
        return sigmoid(slope * logit(p) + intercept);
    }

    static double logit(double p) {
        double q = Math.max(EPS, Math.min(1 - EPS, p));
        return Math.log(q / (1 - q));
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /**
     * Fits Platt scaling on out-of-fold probabilities; {@link #none()} when either class has fewer
     * than {@link #MIN_ROWS_PER_CLASS} rows or the fit does not give an increasing map.
     */
    public static Calibration platt(double[] p, boolean[] y) {
        int n = p.length;
        int pos = 0;
        for (boolean b : y) {
            if (b) {
                pos++;
            }
        }
        int neg = n - pos;
        if (pos < MIN_ROWS_PER_CLASS || neg < MIN_ROWS_PER_CLASS) {
            return none();
        }
        double hi = (pos + 1.0) / (pos + 2.0);
        double lo = 1.0 / (neg + 2.0);
        double[] f = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = logit(p[i]);
            t[i] = y[i] ? hi : lo;
        }
        // Newton's method with backtracking on the negative log-likelihood (Lin, Lin and Weng 2007)
        double a = 1;
        double b = 0;
        double sigma = 1e-12;
        double fval = nll(f, t, a, b);
        for (int it = 0; it < 100; it++) {
            double h11 = sigma;
            double h22 = sigma;
            double h21 = 0;
            double g1 = 0;
            double g2 = 0;
            for (int i = 0; i < n; i++) {
                double q = sigmoid(a * f[i] + b);
                double d2 = q * (1 - q);
                h11 += f[i] * f[i] * d2;
                h22 += d2;
                h21 += f[i] * d2;
                double d1 = q - t[i];
                g1 += f[i] * d1;
                g2 += d1;
            }
            if (Math.abs(g1) < 1e-6 && Math.abs(g2) < 1e-6) {
                break;
            }
            double det = h11 * h22 - h21 * h21;
            double da = -(h22 * g1 - h21 * g2) / det;
            double db = -(-h21 * g1 + h11 * g2) / det;
            double gd = g1 * da + g2 * db;
            double step = 1;
            boolean moved = false;
            while (step >= 1e-10) {
                double na = a + step * da;
                double nb = b + step * db;
                double nf = nll(f, t, na, nb);
                if (nf < fval + 1e-4 * step * gd) {
                    a = na;
                    b = nb;
                    fval = nf;
                    moved = true;
                    break;
                }
                step /= 2;
            }
            if (!moved) {
                break;
            }
        }
        if (!(a > 0) || !Double.isFinite(b)) {
            return none();
        }
        return new Calibration("platt", a, b, n);
    }

    private static double nll(double[] f, double[] t, double a, double b) {
        double s = 0;
        for (int i = 0; i < f.length; i++) {
            double z = a * f[i] + b;
            // t*log(1+e^-z) + (1-t)*log(1+e^z), computed stably
            s += z >= 0 ? t[i] * Math.log1p(Math.exp(-z)) + (1 - t[i]) * (z + Math.log1p(Math.exp(-z)))
                    : t[i] * (-z + Math.log1p(Math.exp(z))) + (1 - t[i]) * Math.log1p(Math.exp(z));
        }
        return s;
    }
}
