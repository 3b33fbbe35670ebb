package org.beaconwatch.score;

/**
 * The scores of one finding, each in [0, 1] (how they combine: {@link ScoreWeights}).
 *
 * @param score       combined score
 * @param timing      timing regularity
 * @param periodicity periodogram significance
 * @param size        consistency of bytes sent and durations
 * @param persistence share of active hours and days
 * @param prevalence  rarity of the destination (1 = only this host talks to it)
 */
public record Scores(double score, double timing, double periodicity, double size, double persistence,
                     double prevalence) {

    /** These scores with another combined score. */
    public Scores withScore(double s) {
        return new Scores(s, timing, periodicity, size, persistence, prevalence);
    }
}
