package org.beaconwatch.ml.model;

/**
 * A class a crafted model file names: initialising it (what Tribuo's protobuf loader would do for
 * any class the file names) sets {@link ModelFileSafetyTest#CANARY_INITIALISED}.
 */
final class Canary {
    static {
        ModelFileSafetyTest.CANARY_INITIALISED.set(true);
    }

    private Canary() {
    }

    /** The shape of Tribuo's static deserialiser. */
    public static Object deserializeFromProto(int version, String className, com.google.protobuf.Any message) {
        return null;
    }
}
