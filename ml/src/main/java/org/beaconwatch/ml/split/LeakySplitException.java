package org.beaconwatch.ml.split;

/** A split was refused because it would let the same host appear in training and test data. */
public final class LeakySplitException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public LeakySplitException(String message) {
        super(message);
    }
}
