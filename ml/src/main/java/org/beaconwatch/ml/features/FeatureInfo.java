package org.beaconwatch.ml.features;

import java.util.Map;

/** What fitted features learned, in a form worth recording in a model's provenance. */
public final class FeatureInfo {
    private FeatureInfo() {
    }

    /** Adds what {@code f} learned (e.g. {@code beacon_intervals_seconds}) to {@code out}. */
    public static void describe(FittedFeatures f, Map<String, Object> out) {
        if (f instanceof EventFeatures.Fitted e) {
            out.put("beacon_intervals_seconds", e.learnedIntervals());
        } else if (f instanceof CombinedFeatures.Fitted c) {
            for (FittedFeatures p : c.parts) {
                describe(p, out);
            }
        }
    }
}
