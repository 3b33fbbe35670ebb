package org.beaconwatch.score;

import org.beaconwatch.signal.Periodogram;

/**
 * Periodicity in [0, 1]: how significant the strongest periodogram peak of the connection times is
 * against a Poisson (random) null, confirmed by the autocorrelation at the peak's period.
 *
 * <p>What: significance = (−log10 FAP − 2) / 6, clamped, so a false-alarm probability of 1 % scores
 * 0 and 10⁻⁸ scores 1; it is multiplied by a confirmation factor 0.5 + 0.5·min(1, ACF / 0.3).
 * Why: interval statistics see only neighbouring connections; the spectrum sees the whole series,
 * so it finds a period through interleaved or bursty check-ins (Mirai's IRC C&C keeps two
 * connections per 10 s beat) and through missing data. The analytic null needs no random
 * permutations, so it is deterministic and cheap. Source: Scargle 1982; BAYWATCH [2] (periodogram
 * with ACF verification).
 */
final class PeriodicityScore {
    private PeriodicityScore() {
    }

    static double of(Periodogram.Result r) {
        double sig = TimingScore.clamp((-r.log10Fap() - 2) / 6);
        return sig * (0.5 + 0.5 * TimingScore.clamp(r.acf() / 0.3));
    }
}
