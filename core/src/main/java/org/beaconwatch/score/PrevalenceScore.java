package org.beaconwatch.score;

/**
 * Prevalence score in [0, 1]: how rare the destination is among the internal hosts.
 *
 * <p>What: with n distinct internal sources contacting the destination and S internal sources in
 * the input, the score is 1 for n = 1 and 1 − log2(n) / log2(max(4, S/4)) otherwise, clamped:
 * it reaches 0 when a quarter of the hosts (at least 4) share the destination.
 * Why: C2 servers are contacted by the few infected hosts; a destination that many hosts reach is
 * a shared service (NTP, updates, telemetry) even when each host's channel is perfectly periodic.
 * The combined score multiplies by 0.35 + 0.65·prevalence, so shared periodic services fall below
 * the alert threshold. A single host's benign periodic software cannot be told apart this way.
 * Source: RITA's prevalence modifier [1] (±0.15 at 2 % / 50 % of hosts), made continuous.
 */
final class PrevalenceScore {
    private PrevalenceScore() {
    }

    static double of(int sources, int internalSources) {
        if (sources <= 1) {
            return 1.0;
        }
        double denom = Math.log(Math.max(4.0, internalSources / 4.0)) / Math.log(2);
        return TimingScore.clamp(1 - (Math.log(sources) / Math.log(2)) / denom);
    }
}
