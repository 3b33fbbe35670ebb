package org.beaconwatch.live;

import java.time.Duration;

/**
 * Options of {@link LiveWatcher}.
 *
 * @param window          sliding event-time window scored (default 48 h)
 * @param every           event time between two scorings of the window (default 5 min)
 * @param quiet           event time a channel must go without alerting before a new alert counts
 *                        as {@code returned} (default 1 h)
 * @param maxFlows        hard bound on the flows kept in the window (default 20 million, about
 *                        1.8 GB); beyond it the oldest are dropped and counted
 * @param checkpointEvery wall-clock time between checkpoints (default 1 min; zero: after every chunk)
 */
public record WatchOptions(Duration window, Duration every, Duration quiet, int maxFlows, Duration checkpointEvery) {
    /** Default window: two days, so a daily beacon is seen at least twice. */
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(2);
    /** Default re-scoring interval. */
    public static final Duration DEFAULT_EVERY = Duration.ofMinutes(5);
    /** Default quiet time before an alert counts as returned. */
    public static final Duration DEFAULT_QUIET = Duration.ofHours(1);
    /** Default bound on the flows kept. */
    public static final int DEFAULT_MAX_FLOWS = 20_000_000;

    public WatchOptions {
        if (window.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("window must be at least 1 minute, got " + window);
        }
        if (every.compareTo(Duration.ofSeconds(1)) < 0 || every.compareTo(window) > 0) {
            throw new IllegalArgumentException("every must be between 1 s and the window, got " + every);
        }
        if (quiet.isNegative()) {
            throw new IllegalArgumentException("quiet must not be negative");
        }
        if (maxFlows < 1024) {
            throw new IllegalArgumentException("maxFlows must be at least 1024, got " + maxFlows);
        }
        if (checkpointEvery.isNegative()) {
            throw new IllegalArgumentException("checkpoint interval must not be negative");
        }
    }

    /** The defaults. */
    public static WatchOptions defaults() {
        return new WatchOptions(DEFAULT_WINDOW, DEFAULT_EVERY, DEFAULT_QUIET, DEFAULT_MAX_FLOWS, Duration.ofMinutes(1));
    }

    long windowMicros() {
        return window.toNanos() / 1000;
    }

    long everyMicros() {
        return every.toNanos() / 1000;
    }

    long quietMicros() {
        return quiet.toNanos() / 1000;
    }
}
