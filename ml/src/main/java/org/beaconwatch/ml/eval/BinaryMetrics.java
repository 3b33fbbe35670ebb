package org.beaconwatch.ml.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Ranking and threshold metrics for a binary score.
 *
 * <p>PR-AUC is computed as average precision (the step-wise area used by scikit-learn's
 * {@code average_precision_score}: sum over positives of precision at each recall step, ties
 * taken together), not trapezoids, which over-estimate with few points (Davis and Goadrich, "The
 * relationship between precision-recall and ROC curves", ICML 2006). Its chance level is the
 * positive rate. ROC-AUC is the Mann-Whitney probability that a random positive outscores a random
 * negative (ties count one half). The threshold maximising F1 is picked on validation scores only
 * and then applied to test data unchanged.
 */
public final class BinaryMetrics {
    private BinaryMetrics() {
    }

    /** Average precision; NaN without positives. */
    public static double averagePrecision(double[] score, boolean[] y) {
        int pos = count(y);
        if (pos == 0) {
            return Double.NaN;
        }
        double ap = 0;
        for (Step st : sweep(score, y)) {
            if (st.groupTp() > 0) {
                ap += (double) st.groupTp() / pos * ((double) st.tp() / (st.tp() + st.fp()));
            }
        }
        return ap;
    }

    /** ROC-AUC; NaN when one class is absent. */
    public static double rocAuc(double[] score, boolean[] y) {
        int[] order = ascending(score);
        int pos = count(y);
        int neg = y.length - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        double rankSum = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j < order.length && score[order[j]] == score[order[i]]) {
                j++;
            }
            double avgRank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                if (y[order[k]]) {
                    rankSum += avgRank;
                }
            }
            i = j;
        }
        return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /** Threshold maximising F1 on these (validation) scores; 0.5 when there is no positive. */
    public static double bestF1Threshold(double[] score, boolean[] y) {
        int pos = count(y);
        if (pos == 0 || score.length == 0) {
            return 0.5;
        }
        double best = -1;
        double thr = 0.5;
        for (Step st : sweep(score, y)) {
            double f1 = 2.0 * st.tp() / (st.tp() + st.fp() + pos);
            if (f1 > best) {
                best = f1;
                // halfway to the next lower score, so nearby unseen scores fall on the same side
                thr = Double.isNaN(st.nextScore()) ? st.score() : (st.score() + st.nextScore()) / 2;
            }
        }
        return thr;
    }

    /**
     * The alert threshold: the median of the F1-maximising thresholds of the folds that hold
     * positives (each fold scored out-of-fold), or the pooled F1 maximum when fewer than two folds
     * hold positives.
     *
     * <p>Why not the pooled maximum: pooling lets the folds with the most rows, or with scores on an
     * odd scale, choose; one fold whose positives all score low (a family unlike the rest) drags the
     * pooled optimum down and floods every other capture with alerts. The median asks for a
     * threshold that is right for a typical fold, which is what a threshold moved to a new capture
     * needs. Measured leave one capture out over the labelled captures (README, Modelling): precision
     * 0.82 instead of 0.29 at recall 1.0 on CTU-50 day 2.
     */
    public static double medianFoldF1Threshold(double[] score, boolean[] y, int[] fold) {
        int folds = 0;
        for (int f : fold) {
            folds = Math.max(folds, f + 1);
        }
        java.util.List<Double> per = new java.util.ArrayList<>();
        for (int k = 0; k < folds; k++) {
            int m = 0;
            for (int f : fold) {
                if (f == k) {
                    m++;
                }
            }
            double[] s = new double[m];
            boolean[] yy = new boolean[m];
            int j = 0;
            for (int i = 0; i < fold.length; i++) {
                if (fold[i] == k) {
                    s[j] = score[i];
                    yy[j++] = y[i];
                }
            }
            if (count(yy) > 0) {
                per.add(bestF1Threshold(s, yy));
            }
        }
        if (per.size() < 2) {
            return bestF1Threshold(score, y);
        }
        java.util.Collections.sort(per);
        int h = per.size() / 2;
        return per.size() % 2 == 1 ? per.get(h) : (per.get(h - 1) + per.get(h)) / 2;
    }

    /**
     * The threshold maximising the mean F1 over the folds that hold positives (each fold scored
     * out-of-fold), every fold weighing the same whatever its size; ties go to the higher threshold.
     * Candidates are the midpoints between consecutive distinct scores (and the highest score).
     * Falls back to {@link #bestF1Threshold} when no fold holds a positive.
     *
     * <p>With one fold per capture this asks for the threshold that does best on a typical unseen
     * capture, which is what moving a threshold to a new network needs; unlike the median of
     * per-fold optima it weighs a capture's whole F1 curve, not just its peak.
     */
    public static double macroFoldF1Threshold(double[] score, boolean[] y, int[] fold) {
        int folds = 0;
        for (int f : fold) {
            folds = Math.max(folds, f + 1);
        }
        int[] pos = new int[folds];
        for (int i = 0; i < y.length; i++) {
            if (y[i]) {
                pos[fold[i]]++;
            }
        }
        int withPos = 0;
        for (int p : pos) {
            withPos += p > 0 ? 1 : 0;
        }
        if (withPos == 0) {
            return bestF1Threshold(score, y);
        }
        int[] order = descending(score);
        int[] tp = new int[folds];
        int[] fp = new int[folds];
        double best = -1;
        double thr = 0.5;
        int i = 0;
        while (i < order.length) {
            double s = score[order[i]];
            int j = i;
            do {
                int r = order[j];
                if (y[r]) {
                    tp[fold[r]]++;
                } else {
                    fp[fold[r]]++;
                }
                j++;
            } while (j < order.length && score[order[j]] == s);
            double sum = 0;
            for (int k = 0; k < folds; k++) {
                if (pos[k] > 0) {
                    sum += 2.0 * tp[k] / (tp[k] + fp[k] + pos[k]);
                }
            }
            double mean = sum / withPos;
            if (mean > best) {
                best = mean;
                thr = j < order.length ? (s + score[order[j]]) / 2 : s;
            }
            i = j;
        }
        return thr;
    }

    /** Confusion counts with "score >= threshold" as the positive call. */
    public static Confusion confusion(double[] score, boolean[] y, double threshold) {
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int i = 0; i < score.length; i++) {
            boolean call = score[i] >= threshold;
            if (call && y[i]) {
                tp++;
            } else if (call) {
                fp++;
            } else if (y[i]) {
                fn++;
            } else {
                tn++;
            }
        }
        return new Confusion(tp, fp, tn, fn);
    }

    /** Mean squared error of a probability against the 0/1 outcome. */
    public static double brier(double[] p, boolean[] y) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            double d = p[i] - (y[i] ? 1 : 0);
            s += d * d;
        }
        return p.length == 0 ? Double.NaN : s / p.length;
    }

    /** Reliability diagram: {@code bins} equal-width probability bins with mean prediction and observed rate. */
    public static List<ReliabilityBin> reliability(double[] p, boolean[] y, int bins) {
        double[] sum = new double[bins];
        int[] n = new int[bins];
        int[] pos = new int[bins];
        for (int i = 0; i < p.length; i++) {
            int b = Math.min(bins - 1, Math.max(0, (int) (p[i] * bins)));
            sum[b] += p[i];
            n[b]++;
            if (y[i]) {
                pos[b]++;
            }
        }
        List<ReliabilityBin> out = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (n[b] > 0) {
                out.add(new ReliabilityBin((double) b / bins, (double) (b + 1) / bins, n[b], sum[b] / n[b],
                        (double) pos[b] / n[b]));
            }
        }
        return out;
    }

    /** Precision-recall curve, at most {@code maxPoints} points (recall, precision). */
    public static List<CurvePoint> prCurve(double[] score, boolean[] y, int maxPoints) {
        int pos = count(y);
        List<CurvePoint> all = new ArrayList<>();
        if (pos == 0) {
            return all;
        }
        for (Step st : sweep(score, y)) {
            all.add(new CurvePoint((double) st.tp() / pos, (double) st.tp() / (st.tp() + st.fp()), st.score()));
        }
        return thin(all, maxPoints);
    }

    /** ROC curve, at most {@code maxPoints} points (false positive rate, true positive rate). */
    public static List<CurvePoint> rocCurve(double[] score, boolean[] y, int maxPoints) {
        int pos = count(y);
        int neg = y.length - pos;
        List<CurvePoint> all = new ArrayList<>();
        if (pos == 0 || neg == 0) {
            return all;
        }
        all.add(new CurvePoint(0, 0, Double.POSITIVE_INFINITY));
        for (Step st : sweep(score, y)) {
            all.add(new CurvePoint((double) st.fp() / neg, (double) st.tp() / pos, st.score()));
        }
        return thin(all, maxPoints);
    }

    /**
     * One group of equal scores in a sweep from the highest score down.
     *
     * @param score     the group's score
     * @param tp        true positives at or above this score (cumulative)
     * @param fp        false positives at or above this score (cumulative)
     * @param groupTp   positives within this group
     * @param nextScore the next lower score, NaN after the last group
     */
    private record Step(double score, int tp, int fp, int groupTp, double nextScore) {
    }

    /** The high-to-low sweep every threshold metric here is read from; ties form one step. */
    private static List<Step> sweep(double[] score, boolean[] y) {
        int[] order = descending(score);
        List<Step> steps = new ArrayList<>();
        int tp = 0;
        int fp = 0;
        int i = 0;
        while (i < order.length) {
            double s = score[order[i]];
            int groupTp = 0;
            int j = i;
            do { // at least one element per step, so a NaN score cannot stall the sweep
                if (y[order[j]]) {
                    groupTp++;
                } else {
                    fp++;
                }
                j++;
            } while (j < order.length && score[order[j]] == s);
            tp += groupTp;
            steps.add(new Step(s, tp, fp, groupTp, j < order.length ? score[order[j]] : Double.NaN));
            i = j;
        }
        return steps;
    }

    private static List<CurvePoint> thin(List<CurvePoint> all, int max) {
        if (all.size() <= max) {
            return all;
        }
        List<CurvePoint> out = new ArrayList<>();
        double step = (all.size() - 1) / (double) (max - 1);
        for (int k = 0; k < max; k++) {
            out.add(all.get((int) Math.round(k * step)));
        }
        return out;
    }

    /** Number of true values. */
    public static int count(boolean[] y) {
        int c = 0;
        for (boolean b : y) {
            if (b) {
                c++;
            }
        }
        return c;
    }

    static int[] descending(double[] s) {
        double[] neg = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            neg[i] = -s[i];
        }
        return ascending(neg);
    }

    static int[] ascending(double[] v) {
        return org.beaconwatch.ml.IndexSort.ascending(v);
    }
}
