package org.beaconwatch.ml.model;

import org.beaconwatch.ml.split.SplitSpec;

/**
 * Options of {@link ModelTrainer#train}.
 *
 * @param label            how labels are read
 * @param split            how to split train from test
 * @param kind             the model
 * @param features         feature set name ({@code auto}, {@code event}, {@code record+entity}, ...)
 * @param seed             the one seed for splits, folds and models
 * @param folds            k of the cross-validation on the training part (>= 2)
 * @param testFraction     share of rows or groups held out for test
 * @param allowLeakySplit  allow a random row split on data with hosts
 * @param trees            trees per model (0 = default: 150 for gbt, 60 for rf)
 * @param baselineFeature  raw column for a one-feature baseline model, or null
 * @param predictAheadSeconds window of a prediction-ahead model (0: not one), recorded so {@code score} can
 *                         build the same examples
 */
public record TrainOptions(LabelSpec label, SplitSpec split, ModelKind kind, String features, long seed, int folds,
                           double testFraction, boolean allowLeakySplit, int trees, String baselineFeature,
                           long predictAheadSeconds) {

    public TrainOptions(LabelSpec label, SplitSpec split, ModelKind kind, String features, long seed, int folds,
                        double testFraction, boolean allowLeakySplit, int trees, String baselineFeature) {
        this(label, split, kind, features, seed, folds, testFraction, allowLeakySplit, trees, baselineFeature, 0);
    }

    /** A copy for a prediction-ahead model with this window. */
    public TrainOptions withPredictAhead(long seconds) {
        return new TrainOptions(label, split, kind, features, seed, folds, testFraction, allowLeakySplit, trees,
                baselineFeature, seconds);
    }

    /** Defaults: gbt, auto features, seed 42, 5 folds, 25 % test, default trees, no baseline. */
    public static TrainOptions defaults(String labelColumn, SplitSpec split) {
        return new TrainOptions(new LabelSpec(labelColumn, null, false, false), split, ModelKind.GBT, "auto", 42, 5,
                0.25, false, 0, null);
    }

    public TrainOptions withKind(ModelKind k) {
        return new TrainOptions(label, split, k, features, seed, folds, testFraction, allowLeakySplit, trees,
                baselineFeature, predictAheadSeconds);
    }

    public TrainOptions withSplit(SplitSpec s, boolean allowLeaky) {
        return new TrainOptions(label, s, kind, features, seed, folds, testFraction, allowLeaky, trees, baselineFeature, predictAheadSeconds);
    }

    public TrainOptions withSeed(long s) {
        return new TrainOptions(label, split, kind, features, s, folds, testFraction, allowLeakySplit, trees,
                baselineFeature, predictAheadSeconds);
    }

    public TrainOptions withTrees(int t, int k) {
        return new TrainOptions(label, split, kind, features, seed, k, testFraction, allowLeakySplit, t, baselineFeature, predictAheadSeconds);
    }

    public TrainOptions withFeatures(String f) {
        return new TrainOptions(label, split, kind, f, seed, folds, testFraction, allowLeakySplit, trees,
                baselineFeature, predictAheadSeconds);
    }

    public TrainOptions withBaseline(String column) {
        return new TrainOptions(label, split, kind, features, seed, folds, testFraction, allowLeakySplit, trees, column, predictAheadSeconds);
    }

    public TrainOptions withLabel(LabelSpec l) {
        return new TrainOptions(l, split, kind, features, seed, folds, testFraction, allowLeakySplit, trees,
                baselineFeature, predictAheadSeconds);
    }
}
