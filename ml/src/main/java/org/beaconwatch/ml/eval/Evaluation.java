package org.beaconwatch.ml.eval;

import java.util.List;
import java.util.Map;

/**
 * Everything measured on one evaluation set. Scores are the model's risk unless named otherwise.
 *
 * @param name            what was evaluated (e.g. "test part: group:host_id, 30 groups")
 * @param model           model kind and feature set
 * @param rows            evaluated rows
 * @param positives       positive rows among them
 * @param prAuc           average precision of the risk score (the headline figure)
 * @param chancePrAuc     PR-AUC of a random score (the positive rate)
 * @param rocAuc          ROC-AUC of the risk score
 * @param threshold       alert threshold on the risk, chosen on validation data only
 * @param confusion       confusion counts at the threshold
 * @param precision       precision at the threshold
 * @param recall          recall at the threshold
 * @param f1              F1 at the threshold
 * @param brier           Brier score of the supervised probability (NaN without one)
 * @param reliability     reliability bins of the supervised probability
 * @param prAucByScore    PR-AUC of each score: risk, probability, anomaly, and baselines
 * @param prCurve         PR curve of the risk
 * @param rocCurve        ROC curve of the risk
 * @param classes         classes of a multiclass model (empty for binary)
 * @param perClass        per-class figures (multiclass)
 * @param classConfusion  multiclass confusion matrix, [true][predicted] in {@code classes} order
 * @param triage          hosts ranked by risk with their top reasons
 * @param crossValidation cross-validation on the training part (null when not run)
 * @param excludedRows    rows left out of the evaluation, by reason (e.g. "label value 'Unknown' (unknown class)")
 * @param testIsTrainingData true when an evaluated input is byte for byte one the model was trained on:
 *                        the figures are then not a test
 * @param trainingInputsEvaluated the evaluated inputs whose SHA-256 matches a training input
 * @param importance      feature importance, most important first (empty when not measured)
 * @param classAverages   macro and weighted averages of the per-class figures (null for binary)
 */
// arrays by design: columnar data handed over without copies; never compared or hashed by value
@SuppressWarnings("ArrayRecordComponent")
public record Evaluation(
        String name, String model, long rows, long positives,
        double prAuc, double chancePrAuc, double rocAuc,
        double threshold, Confusion confusion, double precision, double recall, double f1,
        double brier, List<ReliabilityBin> reliability,
        Map<String, Double> prAucByScore,
        List<CurvePoint> prCurve, List<CurvePoint> rocCurve,
        List<String> classes, List<ClassFigures> perClass, long[][] classConfusion,
        List<HostRisk> triage,
        CrossValidation crossValidation,
        Map<String, Long> excludedRows,
        boolean testIsTrainingData,
        List<String> trainingInputsEvaluated,
        List<FeatureImportance> importance,
        ClassAverages classAverages) {

    /** Returns a copy with cross-validation figures attached. */
    public Evaluation withCrossValidation(CrossValidation cv) {
        return new Evaluation(name, model, rows, positives, prAuc, chancePrAuc, rocAuc, threshold, confusion, precision,
                recall, f1, brier, reliability, prAucByScore, prCurve, rocCurve, classes, perClass, classConfusion,
                triage, cv, excludedRows, testIsTrainingData, trainingInputsEvaluated, importance, classAverages);
    }

    /** Returns a copy that records rows left out of the evaluation, by reason. */
    public Evaluation withExcludedRows(Map<String, Long> excluded) {
        return new Evaluation(name, model, rows, positives, prAuc, chancePrAuc, rocAuc, threshold, confusion, precision,
                recall, f1, brier, reliability, prAucByScore, prCurve, rocCurve, classes, perClass, classConfusion,
                triage, crossValidation, Map.copyOf(excluded), testIsTrainingData, trainingInputsEvaluated, importance,
                classAverages);
    }

    /** Returns a copy marked as evaluated on (some of) the model's own training inputs. */
    public Evaluation withTrainingInputsEvaluated(List<String> files) {
        return new Evaluation(name, model, rows, positives, prAuc, chancePrAuc, rocAuc, threshold, confusion, precision,
                recall, f1, brier, reliability, prAucByScore, prCurve, rocCurve, classes, perClass, classConfusion,
                triage, crossValidation, excludedRows, !files.isEmpty(), List.copyOf(files), importance, classAverages);
    }

    /** Returns a copy with feature importance attached. */
    public Evaluation withImportance(List<FeatureImportance> imp) {
        return new Evaluation(name, model, rows, positives, prAuc, chancePrAuc, rocAuc, threshold, confusion, precision,
                recall, f1, brier, reliability, prAucByScore, prCurve, rocCurve, classes, perClass, classConfusion,
                triage, crossValidation, excludedRows, testIsTrainingData, trainingInputsEvaluated, List.copyOf(imp),
                classAverages);
    }

    /**
     * How much one feature matters.
     *
     * @param feature         feature name
     * @param gain            share of the booster's total split gain on this feature (NaN: not a booster)
     * @param permutationMean mean drop in the risk's PR-AUC on the test part when this feature's values
     *                        are shuffled among the test rows
     * @param permutationSd   standard deviation of that drop over the repeats
     * @param repeats         shuffles per feature
     */
    public record FeatureImportance(String feature,
                                    @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = NaNAsNull.class) double gain,
                                    double permutationMean, double permutationSd, int repeats) {
    }

    /**
     * Averages of the per-class figures over the classes with support (zero-support classes are
     * left out: their recall is undefined).
     *
     * @param macroPrecision  unweighted mean precision
     * @param macroRecall     unweighted mean recall
     * @param macroF1         unweighted mean F1
     * @param macroPrAuc      unweighted mean PR-AUC
     * @param weightedPrecision precision weighted by support
     * @param weightedRecall  recall weighted by support
     * @param weightedF1      F1 weighted by support
     * @param weightedPrAuc   PR-AUC weighted by support
     * @param accuracy        share of rows whose predicted class is the true one
     */
    public record ClassAverages(
            @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = NaNAsNull.class) double macroPrecision,
            @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = NaNAsNull.class) double macroRecall,
            @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = NaNAsNull.class) double macroF1,
            @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = NaNAsNull.class) double macroPrAuc,
            @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = NaNAsNull.class) double weightedPrecision,
            @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = NaNAsNull.class) double weightedRecall,
            @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = NaNAsNull.class) double weightedF1,
            @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = NaNAsNull.class) double weightedPrAuc,
            double accuracy) {
    }

    /**
     * Per-class figures of a multiclass model (one class against the rest).
     *
     * @param name      class
     * @param support   true rows of this class
     * @param precision precision of predicting it (arg-max)
     * @param recall    recall
     * @param f1        F1
     * @param prAuc     average precision of the class probability
     */
    public record ClassFigures(String name, long support,
                               @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = NaNAsNull.class) double precision,
                               @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = NaNAsNull.class) double recall,
                               @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = NaNAsNull.class) double f1,
                               @com.fasterxml.jackson.databind.annotation.JsonSerialize(using = NaNAsNull.class) double prAuc) {
    }

    /**
     * One host in the triage table.
     *
     * @param host           host (source) value
     * @param rows           its rows
     * @param alerts         rows at or above the threshold
     * @param maxRisk        highest risk
     * @param knownPositives rows labelled positive (0 when unlabelled)
     * @param topReasons     most frequent reasons among its highest-risk rows
     * @param expected       expected number of malicious rows: the sum of its (calibrated) risks
     * @param hostScore      the roll-up hosts are ranked by: {@code expected + maxRisk} (see
     *                       {@link Evaluator#triage})
     */
    public record HostRisk(String host, long rows, long alerts, double maxRisk, long knownPositives,
                           List<String> topReasons, double expected, double hostScore) {
    }

    /**
     * Cross-validation on the training part.
     *
     * @param kind        fold kind (group, time, stratified, ...)
     * @param foldPrAuc   PR-AUC per fold (NaN for a fold without positives)
     * @param meanPrAuc   mean over folds with positives
     * @param sdPrAuc     standard deviation over those folds
     * @param pooledPrAuc PR-AUC of the pooled out-of-fold scores (where the threshold is chosen)
     */
    public record CrossValidation(String kind, List<Double> foldPrAuc, double meanPrAuc, double sdPrAuc,
                                  double pooledPrAuc) {
    }
}
