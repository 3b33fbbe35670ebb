package org.beaconwatch.score;

/**
 * Which findings a detection result holds, for outputs that write only some of them: the
 * {@code top} highest ranked (0: none by rank) and, with {@code alerts}, every finding that
 * alerts. The kept findings have the ranks the full order gives them; the result still counts
 * every scored channel and every alert, and host triage still reads every finding.
 *
 * @param top    keep the findings ranked 1 to top (0: none by rank)
 * @param alerts keep every finding that alerts
 * @param streamed the output reads every finding once, in rank order (see {@link #ALL_STREAMED})
 */
public record FindingsKept(int top, boolean alerts, boolean streamed) {
    /** Every finding (a full ranking). */
    public static final FindingsKept ALL = new FindingsKept(Integer.MAX_VALUE, true, false);

    /**
     * Every finding, for an output that reads them once, in rank order (CSV, JSON lines, ECS): an
     * input cut by source host then keeps them in compressed temporary files
     * ({@link FindingStore}) instead of the heap; close the result when done.
     */
    public static final FindingsKept ALL_STREAMED = new FindingsKept(Integer.MAX_VALUE, true, true);

    public FindingsKept {
        if (top < 0) {
            throw new IllegalArgumentException("top must be >= 0, got " + top);
        }
    }

    /** Held in memory. */
    public FindingsKept(int top, boolean alerts) {
        this(top, alerts, false);
    }

    /** The first {@code n} findings, and every alert when {@code alerts}. */
    public static FindingsKept top(int n, boolean alerts) {
        return new FindingsKept(n, alerts);
    }

    /** Only the findings that alert. */
    public static FindingsKept alertsOnly() {
        return new FindingsKept(0, true);
    }

    /** True when every finding is kept. */
    public boolean all() {
        return top == Integer.MAX_VALUE;
    }
}
