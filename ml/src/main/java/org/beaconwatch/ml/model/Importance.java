package org.beaconwatch.ml.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.beaconwatch.ml.eval.BinaryMetrics;
import org.beaconwatch.ml.eval.Evaluation;
import org.beaconwatch.ml.features.FeatureMatrix;

/**
 * Which features a model relies on, measured two ways.
 *
 * <p><b>Gain</b> (boosted trees only): each feature's share of the total loss reduction of all
 * splits on it in the booster (XGBoost's {@code total_gain}). It is what the model used while
 * training, cheap and exact, but it credits a feature for splits that only fit the training data
 * and splits credit among correlated features arbitrarily.
 *
 * <p><b>Permutation</b> (every model): the drop in the risk's PR-AUC on the held-out test part when
 * one feature's values are shuffled among the test rows, breaking its link with the label while
 * keeping its distribution; repeated {@link #REPEATS} times with seeded shuffles, reported as
 * mean and standard deviation. It measures what the model needs on new data. Correlated features
 * share the blame: shuffling one leaves the other to carry the signal, so both can look
 * unimportant. Source: Breiman, "Random forests", Machine Learning 45, 2001 (section 10); Fisher,
 * Rudin and Dominici, JMLR 20, 2019.
 */
final class Importance {
    /** Shuffles per feature. */
    static final int REPEATS = 5;
    /** Test rows used (seeded sample above this), to bound the cost: features x repeats x rows scorings. */
    static final int MAX_ROWS = 4000;
    /** Features named on train's "top features" line. */
    static final int TOP = 5;

    private Importance() {
    }

    /**
     * Importance of every feature, most important first (permutation mean, then gain).
     *
     * @param model  the trained model
     * @param x      the test rows' features
     * @param y      their labels
     * @param beacon their beacon scores (or null)
     */
    static List<Evaluation.FeatureImportance> measure(TrainedModel model, double[][] x, boolean[] y, double[] beacon,
                                                      long seed) {
        List<String> names = model.featureNames();
        Map<String, Double> gain = model.classifier() == null ? Map.of() : model.classifier().gainShares();
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int[] rows = sample(x.length, MAX_ROWS, rnd);
        double[][] xs = new double[rows.length][];
        boolean[] ys = new boolean[rows.length];
        double[] bs = beacon == null ? null : new double[rows.length];
        int pos = 0;
        for (int i = 0; i < rows.length; i++) {
            xs[i] = x[rows[i]].clone();
            ys[i] = y[rows[i]];
            pos += ys[i] ? 1 : 0;
            if (bs != null) {
                bs[i] = beacon[rows[i]];
            }
        }
        boolean measurable = pos > 0 && pos < rows.length;
        double base = measurable ? ap(model, names, xs, ys, bs) : Double.NaN;
        List<Evaluation.FeatureImportance> out = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            double mean = Double.NaN;
            double sd = Double.NaN;
            if (measurable) {
                double[] drop = new double[REPEATS];
                double[] orig = new double[xs.length];
                for (int i = 0; i < xs.length; i++) {
                    orig[i] = xs[i][j];
                }
                for (int k = 0; k < REPEATS; k++) {
                    double[] perm = orig.clone();
                    for (int i = perm.length - 1; i > 0; i--) {
                        int s = rnd.nextInt(i + 1);
                        double t = perm[i];
                        perm[i] = perm[s];
                        perm[s] = t;
                    }
                    for (int i = 0; i < xs.length; i++) {
                        xs[i][j] = perm[i];
                    }
                    drop[k] = base - ap(model, names, xs, ys, bs);
                }
                for (int i = 0; i < xs.length; i++) {
                    xs[i][j] = orig[i];
                }
                mean = 0;
                for (double d : drop) {
                    mean += d;
                }
                mean /= REPEATS;
                double ss = 0;
                for (double d : drop) {
                    ss += (d - mean) * (d - mean);
                }
                sd = Math.sqrt(ss / (REPEATS - 1));
            }
            out.add(new Evaluation.FeatureImportance(names.get(j), gain.getOrDefault(names.get(j),
                    model.classifier() == null || gain.isEmpty() ? Double.NaN : 0.0), mean, sd, REPEATS));
        }
        out.sort((a, b) -> {
            int c = Double.compare(nanLow(b.permutationMean()), nanLow(a.permutationMean()));
            if (c != 0) {
                return c;
            }
            c = Double.compare(nanLow(b.gain()), nanLow(a.gain()));
            return c != 0 ? c : a.feature().compareTo(b.feature());
        });
        return out;
    }

    /** "name (PR-AUC drop 0.123 +- 0.004, gain 0.41)" for the strongest features. */
    static List<String> top(List<Evaluation.FeatureImportance> imp) {
        List<String> out = new ArrayList<>();
        for (Evaluation.FeatureImportance f : imp) {
            if (out.size() == TOP) {
                break;
            }
            StringBuilder sb = new StringBuilder(f.feature()).append(" (");
            if (!Double.isNaN(f.permutationMean())) {
                sb.append(String.format(java.util.Locale.ROOT, "PR-AUC drop %.3f +- %.3f", f.permutationMean(),
                        f.permutationSd()));
            }
            if (!Double.isNaN(f.gain())) {
                sb.append(Double.isNaN(f.permutationMean()) ? "" : ", ")
                        .append(String.format(java.util.Locale.ROOT, "gain %.2f", f.gain()));
            }
            out.add(sb.append(')').toString());
        }
        return out;
    }

    private static double nanLow(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    private static double ap(TrainedModel m, List<String> names, double[][] x, boolean[] y, double[] beacon) {
        return BinaryMetrics.averagePrecision(m.score(new FeatureMatrix(names, x), beacon, 0).risk(), y);
    }

    private static int[] sample(int n, int max, SplittableRandom rnd) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (n <= max) {
            return all;
        }
        for (int i = 0; i < max; i++) {
            int s = i + rnd.nextInt(n - i);
            int t = all[i];
            all[i] = all[s];
            all[s] = t;
        }
        int[] out = java.util.Arrays.copyOf(all, max);
        java.util.Arrays.sort(out);
        return out;
    }
}
