package org.beaconwatch.score;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What was measured on a finding's channel: the figures its scores rest on and that its
 * explanation names (worded by {@code org.beaconwatch.output.Explanations}), every per-channel
 * statistic as features, and the input's labels.
 *
 * @param conns         number of connections
 * @param beats         beats of the estimated period (bursts count once)
 * @param firstSeen     first connection start, epoch µs
 * @param lastSeen      last connection start, epoch µs
 * @param periodSeconds estimated beat period in seconds (0 when none)
 * @param jitter        timing jitter as a fraction of the period (semi-interquartile range of the
 *                      folded intervals), e.g. 0.07 = ±7 %
 * @param missedRatio   share of beats missed
 * @param burstRatio    share of connections that came in bursts
 * @param medianBytes   median bytes sent per connection, NaN when the input has no byte counts
 * @param longestMicros longest connection, µs
 * @param prevalence    distinct internal sources talking to the destination
 * @param siblings      other addresses of the destination's network (or names of its domain) the
 *                      same source talks to
 * @param ntp           NTP-shaped (udp/123, NTP-sized requests)
 * @param cohort        other channels of the host on the same beat to other peers (0 = none counted)
 * @param cohortFactor  the factor the cohort cost the score (1 = none)
 * @param features      every per-channel statistic, snake_case names in a stable order
 * @param label         most frequent input label among the channel's flows, or null
 * @param detailedLabel most frequent detailed label, or null
 * @param adjustments   what changed the score at ranking time (co-timed companions, modifiers)
 */
public record Evidence(int conns, int beats, long firstSeen, long lastSeen, double periodSeconds, double jitter,
                       double missedRatio, double burstRatio, double medianBytes, long longestMicros,
                       int prevalence, int siblings, boolean ntp, int cohort, double cohortFactor,
                       Map<String, Double> features, String label, String detailedLabel,
                       Adjustments adjustments) {

    public Evidence {
        if (adjustments == null) {
            adjustments = Adjustments.NONE;
        }
        if (!(features instanceof FeatureMap)) {
            features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
        }
    }

    /** Time from the first to the last connection start, µs. */
    public long spanMicros() {
        return lastSeen - firstSeen;
    }

    /**
     * This evidence with a same-beat peer cohort, co-timed companions (0 and null for none), the
     * factor they cost and the features that record them.
     */
    Evidence withCohort(int peers, int coTimed, String coTimedWith, double factor, Map<String, Double> f) {
        return new Evidence(conns, beats, firstSeen, lastSeen, periodSeconds, jitter, missedRatio, burstRatio,
                medianBytes, longestMicros, prevalence, siblings, ntp, peers, factor, f, label, detailedLabel,
                adjustments.withCoTimed(coTimed, coTimedWith));
    }

    /** This evidence with the modifiers that applied and the features that record them. */
    Evidence withModifiers(Map<String, Double> f, Adjustments modifiers) {
        return new Evidence(conns, beats, firstSeen, lastSeen, periodSeconds, jitter, missedRatio, burstRatio,
                medianBytes, longestMicros, prevalence, siblings, ntp, cohort, cohortFactor, f, label, detailedLabel,
                modifiers);
    }
}
