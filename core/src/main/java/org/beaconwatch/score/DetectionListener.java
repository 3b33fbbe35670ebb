package org.beaconwatch.score;

/** Progress callback for long inputs (e.g. a progress bar). Called from the thread that called detect. */
@FunctionalInterface
public interface DetectionListener {
    /** Total rows read so far. */
    void rowsProcessed(long rows);

    /**
     * A stage finished: "read and group", "sort channels", "score", "rank". For per-stage
     * timing (detect --timing).
     *
     * @param stage the stage's name
     * @param nanos its wall-clock duration
     */
    default void stage(String stage, long nanos) {
    }

    /** A listener that ignores progress. */
    static DetectionListener none() {
        return rows -> { };
    }
}
