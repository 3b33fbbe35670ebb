package org.beaconwatch.report;

/**
 * Options of an exploration.
 *
 * @param labelColumn name of the label column (found forgivingly: case, '_', '-', '.' ignored)
 * @param positive    label value counted as positive (case-insensitive), against every other row;
 *                    null = every value {@link org.beaconwatch.table.LabelClasses#binaryClass} calls
 *                    malicious, against the other labelled rows
 * @param maxRows     rows kept for analysis (a seeded uniform reservoir sample beyond it; 0 = all)
 * @param seed        seed of sampling, the Isolation Forest, KS bootstraps and plotted samples
 * @param topOutliers how many of the most anomalous records to list
 */
public record ExploreOptions(String labelColumn, String positive, int maxRows, long seed, int topOutliers) {
    /** Default number of rows kept. */
    public static final int DEFAULT_MAX_ROWS = 200_000;

    public ExploreOptions {
        if (labelColumn == null || labelColumn.isBlank()) {
            throw new IllegalArgumentException("a label column is required");
        }
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows must be >= 0");
        }
        if (topOutliers < 1) {
            throw new IllegalArgumentException("topOutliers must be >= 1");
        }
    }

    /** Defaults: 200,000 rows, seed 42, 20 listed outliers. */
    public static ExploreOptions of(String labelColumn, String positive) {
        return new ExploreOptions(labelColumn, positive, DEFAULT_MAX_ROWS, 42L, 20);
    }
}
