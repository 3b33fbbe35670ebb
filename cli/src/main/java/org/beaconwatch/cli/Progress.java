package org.beaconwatch.cli;

import java.util.Locale;
import org.beaconwatch.score.DetectionListener;

/**
 * A one-line progress counter on stderr, shown only when stderr is a terminal (the launcher sets
 * {@code beaconwatch.stderr.tty}); never when output is piped or redirected.
 */
final class Progress implements DetectionListener, AutoCloseable {
    private final boolean enabled;
    private final String what;
    private long lastPrint;
    private final long start = System.nanoTime();
    private boolean printed;
    private final java.util.List<String> stages = new java.util.ArrayList<>();

    Progress(String what) {
        this.what = what;
        this.enabled = Boolean.getBoolean("beaconwatch.stderr.tty");
    }

    @Override
    public void stage(String stage, long nanos) {
        stages.add(String.format(Locale.ROOT, "  %-16s %8.3f s", stage, nanos / 1e9));
    }

    /** Records a stage timed by the command itself (writing output). */
    void stage(String stage, long startNanos, long endNanos) {
        stage(stage, endNanos - startNanos);
    }

    /** Prints the stage times on stderr (detect --timing). */
    void printStages(long totalNanos) {
        System.err.println("timing (wall clock):");
        stages.forEach(System.err::println);
        System.err.printf(Locale.ROOT, "  %-16s %8.3f s (JVM start not included)%n", "total", totalNanos / 1e9);
    }

    @Override
    public void rowsProcessed(long rows) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastPrint < 250_000_000L) {
            return;
        }
        lastPrint = now;
        double secs = (now - start) / 1e9;
        System.err.printf(Locale.ROOT, "\r%s: %,d rows (%,.0f rows/s)   ", what, rows, rows / Math.max(secs, 1e-3));
        printed = true;
    }

    @Override
    public void close() {
        if (printed) {
            System.err.print("\r\033[K");
            System.err.flush();
        }
    }
}
