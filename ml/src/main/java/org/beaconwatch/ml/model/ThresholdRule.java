package org.beaconwatch.ml.model;

/**
 * How the alert threshold is chosen from out-of-fold risks of the training part. Compared capture
 * by capture in {@link ModelTrainer#leaveOneCaptureOut}.
 */
public enum ThresholdRule {
    /** F1 maximum of all out-of-fold risks pooled, folds of the split's kind (the first rule). */
    POOLED_F1("pooled F1", false),
    /** Median of each fold's F1-maximising threshold, folds of the split's kind. */
    FOLD_MEDIAN_F1("fold median F1", false),
    /** Median of each capture's F1-maximising threshold, one fold per training capture. */
    CAPTURE_MEDIAN_F1("capture median F1", true),
    /** The threshold maximising the mean F1 over training captures, one fold per capture. */
    CAPTURE_MEAN_F1("capture mean F1", true);

    private final String label;
    private final boolean byCapture;

    ThresholdRule(String label, boolean byCapture) {
        this.label = label;
        this.byCapture = byCapture;
    }

    /** Name shown to users. */
    public String label() {
        return label;
    }

    /** Whether the rule reads one fold per training capture (else folds of the split's kind). */
    public boolean byCapture() {
        return byCapture;
    }

    /** The rule {@code train} uses: per capture for a file split over three or more training captures. */
    public static ThresholdRule used(org.beaconwatch.ml.split.SplitSpec split, int trainingCaptures) {
        return split.kind() == org.beaconwatch.ml.split.SplitSpec.Kind.FILE && trainingCaptures >= 3 ? CAPTURE_MEDIAN_F1
                : FOLD_MEDIAN_F1;
    }

    double threshold(ModelTrainer.Tuned t) {
        return switch (this) {
            case POOLED_F1 -> t.pooledThreshold();
            case FOLD_MEDIAN_F1, CAPTURE_MEDIAN_F1 -> t.medianThreshold();
            case CAPTURE_MEAN_F1 -> t.macroThreshold();
        };
    }
}
