package org.beaconwatch.ml.eval;

/** Primitive index orderings shared by metrics and explanations. */
public final class Ranking {
    private Ranking() {
    }

    /** Indices by descending value; ties keep input order. */
    public static int[] descending(double[] v) {
        return BinaryMetrics.descending(v);
    }
}
