package org.beaconwatch.score;

/**
 * Test-only reference: {@link PersistenceScore} as it was before it relied on ascending start
 * times (flag arrays for buckets and days, every bucket's hour of day), kept unchanged but for the name.
 */
final class ReferencePersistenceScore {
    private static final long HOUR = 3_600_000_000L, DAY = 24 * HOUR;

    private ReferencePersistenceScore() {
    }

    static PersistenceScore.Persistence of(long[] t, int n, double periodMicros) {
        if (n == 0) {
            return new PersistenceScore.Persistence(0, 0, 0, 0, 0);
        }
        long first = t[0], last = t[n - 1];
        long span = last - first;
        boolean multiDay = span >= 36 * HOUR;
        double w = multiDay ? HOUR : Math.max(span / 24.0, 10_000_000.0);
        w = Math.max(w, 1.5 * periodMicros);
        boolean slots = multiDay && w == HOUR;
        int buckets = (int) Math.min(1 << 20, (long) (span / w) + 1);
        boolean[] active = new boolean[buckets];
        boolean[] hourOfDay = new boolean[24];
        int activeBuckets = 0;
        long firstDay = Math.floorDiv(first, DAY);
        int days = (int) (Math.floorDiv(last, DAY) - firstDay + 1);
        boolean[] dayActive = new boolean[Math.min(days, 1 << 16)];
        int activeDays = 0;
        for (int i = 0; i < n; i++) {
            int b = (int) Math.min(buckets - 1, (long) ((t[i] - first) / w));
            if (!active[b]) {
                active[b] = true;
                activeBuckets++;
            }
            hourOfDay[(int) (Math.floorMod(t[i], DAY) / HOUR)] = true;
            int d = (int) Math.min(dayActive.length - 1, Math.floorDiv(t[i], DAY) - firstDay);
            if (!dayActive[d]) {
                dayActive[d] = true;
                activeDays++;
            }
        }
        double hourShare;
        if (slots) {
            int eligible = 0;
            for (int b = 0; b < buckets; b++) {
                long start = first + (long) (b * w);
                if (hourOfDay[(int) (Math.floorMod(start, DAY) / HOUR)]) {
                    eligible++;
                }
            }
            hourShare = eligible == 0 ? 0 : Math.min(1.0, (double) activeBuckets / eligible);
        } else {
            hourShare = (double) activeBuckets / buckets;
        }
        double dayShare = (double) activeDays / dayActive.length;
        double score = multiDay ? 0.6 * hourShare + 0.4 * dayShare : hourShare;
        return new PersistenceScore.Persistence(score, hourShare, dayShare, activeBuckets, activeDays);
    }
}
