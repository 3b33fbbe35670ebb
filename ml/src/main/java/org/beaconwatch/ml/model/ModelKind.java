package org.beaconwatch.ml.model;

import java.util.Locale;

/** Which model to train. */
public enum ModelKind {
    /** Gradient-boosted trees (Tribuo XGBoost). */
    GBT,
    /** Random forest (Tribuo CART trees, bagged, probabilities averaged). */
    RF,
    /** Isolation Forest: unsupervised; labels only pick the threshold and measure it. */
    IFOREST;

    /** Parses gbt, rf or iforest. */
    public static ModelKind parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "gbt", "xgboost", "boosting" -> GBT;
            case "rf", "forest", "random-forest" -> RF;
            case "iforest", "isolation-forest" -> IFOREST;
            default -> throw new IllegalArgumentException("unknown model '" + s + "': use gbt, rf or iforest");
        };
    }

    /** Lower-case name as on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
