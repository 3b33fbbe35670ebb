package org.beaconwatch.score;

/**
 * Persistence in [0, 1]: does the channel keep coming back over the whole time it is seen?
 *
 * <p>What: the span from first to last connection is cut into buckets (an hour for spans of 36 h
 * or more; otherwise 1/24 of the span; never shorter than 1.5 periods, so a 4-hourly beacon is not
 * punished for its quiet hours). The hour share is the share of active buckets among the buckets
 * whose hour of day the channel is ever active in (for multi-day spans), so an office-hours beacon
 * that sleeps at night scores as fully persistent. The day share is the share of calendar days in
 * the span with activity. Persistence = 0.6·hours + 0.4·days for spans of 36 h or more, the
 * bucket share otherwise.
 * Why: an implant checks in for as long as the machine is up; a person's browsing comes and goes.
 * RITA's 24-bin histogram [1] mixes these together and penalises office-hours beacons; judging only
 * the active part of the day fixes that.
 */
final class PersistenceScore {
    private static final long HOUR = 3_600_000_000L, DAY = 24 * HOUR;

    private PersistenceScore() {
    }

    /** Result with the statistics kept as features. */
    record Persistence(double score, double hourShare, double dayShare, int activeBuckets, int activeDays) {
    }

    /**
     * Persistence of ascending start times {@code t[0..n)} (as a channel holds them): buckets and
     * days are then visited in order, so each is counted when it first differs from the previous
     * one, without an array of flags.
     */
    static Persistence of(long[] t, int n, double periodMicros) {
        if (n == 0) {
            return new Persistence(0, 0, 0, 0, 0);
        }
        long first = t[0], last = t[n - 1];
        long span = last - first;
        boolean multiDay = span >= 36 * HOUR;
        double w = multiDay ? HOUR : Math.max(span / 24.0, 10_000_000.0);
        w = Math.max(w, 1.5 * periodMicros);
        boolean slots = multiDay && w == HOUR;
        int buckets = (int) Math.min(1 << 20, (long) (span / w) + 1);
        int hourOfDay = 0; // bit h: active in hour h of the day
        int activeBuckets = 0;
        long firstDay = Math.floorDiv(first, DAY);
        int days = (int) (Math.floorDiv(last, DAY) - firstDay + 1);
        int dayCap = Math.min(days, 1 << 16);
        int activeDays = 0;
        int lastBucket = -1, lastDay = -1;
        long day = firstDay, dayStart = firstDay * DAY, nextDay = dayStart + DAY;
        for (int i = 0; i < n; i++) {
            long ti = t[i];
            int b = (int) Math.min(buckets - 1, (long) ((ti - first) / w));
            if (b != lastBucket) {
                lastBucket = b;
                activeBuckets++;
            }
            if (ti >= nextDay) {
                day = Math.floorDiv(ti, DAY);
                dayStart = day * DAY;
                nextDay = dayStart + DAY;
            }
            hourOfDay |= 1 << (int) ((ti - dayStart) / HOUR);
            int d = (int) Math.min(dayCap - 1, day - firstDay);
            if (d != lastDay) {
                lastDay = d;
                activeDays++;
            }
        }
        double hourShare;
        if (slots) {
            // bucket b starts b hours after the first connection, in hour (h0 + b) mod 24 of its day
            int h0 = (int) (Math.floorMod(first, DAY) / HOUR);
            int eligible = buckets / 24 * Integer.bitCount(hourOfDay);
            for (int b = 0; b < buckets % 24; b++) {
                if ((hourOfDay & (1 << ((h0 + b) % 24))) != 0) {
                    eligible++;
                }
            }
            hourShare = eligible == 0 ? 0 : Math.min(1.0, (double) activeBuckets / eligible);
        } else {
            hourShare = (double) activeBuckets / buckets;
        }
        double dayShare = (double) activeDays / dayCap;
        double score = multiDay ? 0.6 * hourShare + 0.4 * dayShare : hourShare;
        return new Persistence(score, hourShare, dayShare, activeBuckets, activeDays);
    }
}
