package org.beaconwatch.score;

/**
 * What changed a finding's score at ranking time, beyond its own channel, as figures (worded by
 * {@code org.beaconwatch.output.Explanations}): co-timed companions (see {@link PeerCohort}) and the
 * RITA-style modifiers (see {@link ScoreModifiers}).
 *
 * @param coTimed         other channels of the host that start together with this one on a harmonic
 *                        schedule (0 = none)
 * @param coTimedWith     the server of the first such channel, or null
 * @param noHostShare     share of the channel's HTTP requests without a Host header
 * @param noHost          whether the missing-Host modifier applied
 * @param rareSignature   the user agent or JA3 ("ja3 ...") seen towards this destination only, or null
 * @param firstSeenRecent whether the first-seen-recently modifier applied
 * @param inputSpanMicros span of the whole input, µs (for the first-seen wording; 0 when not applied)
 */
public record Adjustments(int coTimed, String coTimedWith, double noHostShare, boolean noHost, String rareSignature,
                          boolean firstSeenRecent, long inputSpanMicros) {
    /** Nothing changed the score. */
    public static final Adjustments NONE = new Adjustments(0, null, 0, false, null, false, 0);

    /** These adjustments with co-timed companions. */
    Adjustments withCoTimed(int n, String with) {
        return new Adjustments(n, with, noHostShare, noHost, rareSignature, firstSeenRecent, inputSpanMicros);
    }

    /** These adjustments with the modifiers that applied. */
    Adjustments withModifiers(double share, boolean host, String signature, boolean recent, long span) {
        return new Adjustments(coTimed, coTimedWith, share, host, signature, recent, span);
    }

    /** Whether any modifier applied. */
    public boolean modified() {
        return noHost || rareSignature != null || firstSeenRecent;
    }
}
