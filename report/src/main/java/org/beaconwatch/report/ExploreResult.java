package org.beaconwatch.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;

/**
 * Every figure of an exploration report; serialised as {@code summary.json} and rendered as
 * {@code report.html}. Charts (PNG data URIs) are kept in {@link #charts()} and left out of the JSON.
 * Numbers that could not be computed are NaN (written as "NaN" in JSON).
 */
public record ExploreResult(
        Provenance provenance,
        Overview overview,
        MissingValues missing,
        LabelDistribution labels,
        Outliers outliers,
        List<FeatureTest> features,
        Interactions interactions,
        ChannelView channels,
        List<Signal> signals,
        @JsonIgnore Map<String, String> charts) {

    /** Where the data came from and how it was analysed. */
    public record Provenance(String tool, String version, List<InputFile> inputs, ExploreOptions options,
                             long rowsRead, int rowsAnalysed, boolean sampled, String note) {
    }

    /** One input file with its SHA-256 digest. */
    public record InputFile(String path, long bytes, String sha256) {
    }

    /** Section 1. */
    public record Overview(String sentence, int rows, long rowsRead, boolean sampled, int columns,
                           List<ColumnInfo> columnInfo, String timeStart, String timeEnd, double spanSeconds,
                           Map<String, Integer> distinctHosts, int duplicateRows, List<String> duplicatesIgnore) {
    }

    /** One column of the input. */
    public record ColumnInfo(String name, String type, String role, int distinct, int missing,
                             double missingFraction, String example) {
    }

    /** Section 2. */
    public record MissingValues(String sentence, List<MissingColumn> columns, String handling) {
    }

    /** Missingness of one column and its dependence on the label and on other columns. */
    public record MissingColumn(String column, int missing, double fraction, Map<String, Integer> missingByClass,
                                Map<String, Double> missingRateByClass, double chiSquare, double p,
                                double pAdjusted, double cramersV, String reading, List<Association> relatedColumns) {
    }

    /** How strongly another column differs between rows where a column is missing and present. */
    public record Association(String column, String test, String effectName, double effect, double p,
                              String reading) {
    }

    /** Section 3. */
    public record LabelDistribution(String sentence, String column, String positiveClass, String negativeClass,
                                    Map<String, Long> values, Map<String, Long> classes, long positives,
                                    long negatives, long unlabelled, double positiveRate, double imbalanceRatio,
                                    double majorityBaselineAccuracy, String reading) {
    }

    /** Section 4. */
    public record Outliers(String sentence, List<NumericOutliers> perFeature, Forest forest,
                           List<OutlierRecord> top, Commonality common) {
    }

    /** Tukey and robust-z outliers of one numeric feature, with counts per class. */
    public record NumericOutliers(String feature, int n, double median, double q1, double q3, double lowerFence,
                                  double upperFence, double mad, int tukey, Map<String, Integer> tukeyByClass,
                                  int robust, Map<String, Integer> robustByClass, double skewness,
                                  boolean heavyTailed) {
    }

    /** The Isolation Forest run. */
    public record Forest(List<String> features, int trees, int sampleSize, long seed, double threshold,
                         int flagged, Map<String, Integer> flaggedByClass, Map<String, Double> flaggedRateByClass,
                         String chart) {
    }

    /** One of the most anomalous records. */
    public record OutlierRecord(int row, double score, String label, String cls, String host,
                                Map<String, String> values, String why) {
    }

    /** What the flagged outliers have in common. */
    public record Commonality(Map<String, Integer> classes, List<Count> hosts, List<FeatureShift> features,
                              String reading) {
    }

    /** A value and how often it occurs. */
    public record Count(String value, int count) {
    }

    /**
     * How a feature's typical value among the flagged outliers compares with all rows; effect is
     * Cliff's delta (outliers vs the rest) for numeric features and the difference in share of the
     * outliers' most common value for categorical ones.
     */
    public record FeatureShift(String feature, String outliers, String all, double effect) {
    }

    /** Section 5: one feature tested against the label. */
    public record FeatureTest(String feature, String kind, int nPositive, int nNegative,
                              ClassSummary positive, ClassSummary negative,
                              double mannWhitneyU, double mannWhitneyP, double cliffsDelta,
                              double ksD, double ksP,
                              double chiSquare, double chiSquareP, double cramersV, List<CategoryRow> topCategories,
                              double p, double pAdjusted, String effectName, double effect, String magnitude,
                              boolean logScale, String distributionChart, String boxChart) {
    }

    /** Descriptive statistics of a numeric feature in one class. */
    public record ClassSummary(String cls, int n, int missing, double mean, double median, double q1, double q3,
                               double min, double max) {
    }

    /** One category of a categorical feature, counted per class. */
    public record CategoryRow(String value, long positive, long negative, double positiveShare,
                              double negativeShare, double positiveRate) {
    }

    /** Section 6. */
    // arrays by design: columnar data handed over without copies; never compared or hashed by value
    @SuppressWarnings("ArrayRecordComponent")
    public record Interactions(String sentence, List<String> features, double[][] spearman, List<Pair> strongest,
                               String heatMap) {
    }

    /** A pair of numeric features and their Spearman correlation. */
    public record Pair(String a, String b, double rho, int n, String chart) {
    }

    /** Section 7: channel-level features explored against the channel label. */
    public record ChannelView(String sentence, boolean available, String note, int channels, long positives,
                              long negatives, List<FeatureTest> features, List<Signal> signals) {
    }

    /** Section 8: one row of the ranked signals table. */
    public record Signal(int rank, String feature, String kind, String effectName, double effect, String magnitude,
                         double pAdjusted, String reading) {
    }
}
