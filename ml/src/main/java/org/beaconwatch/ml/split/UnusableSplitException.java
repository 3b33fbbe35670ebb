package org.beaconwatch.ml.split;

/**
 * A split was refused because a part would be empty or without positives: PR-AUC, the threshold and
 * the model would mean nothing. The message says which part and what to try instead.
 */
public final class UnusableSplitException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnusableSplitException(String message) {
        super(message);
    }
}
