package org.beaconwatch.score;

/** Progress callback for long inputs (e.g. a progress bar). Called from the thread that called detect. */
@FunctionalInterface
public interface DetectionListener {
    /** Total rows read so far. */
    void rowsProcessed(long rows);

    /** A listener that ignores progress. */
    static DetectionListener none() {
        return rows -> { };
    }
}
