package org.beaconwatch.score;

/**
 * Every weight, threshold and cap of channel scoring, in one place. The scorer and its pruning
 * bound (which decides whether the periodogram is worth running) read the same constants, so the
 * bound can never drift from the score it bounds.
 *
 * <p>Score of a beacon channel:
 * <pre>
 *   R        = timing + (1 − timing) · PERIODOGRAM_SHARE · periodicity
 *   base     = W_REGULARITY · R + W_SIZE · size + W_PERSISTENCE · persistence
 *   rarity   = RARITY_FLOOR + (1 − RARITY_FLOOR) · prevalence · neighbourhood
 *   score    = min(1, base · confidence · rarity · cohort · ntp + modifiers)
 * </pre>
 * Regularity is what makes a beacon (0.6); consistent sizes and persistence corroborate but are
 * common in benign traffic, so together (0.4) they stay below the 0.6 alert threshold.
 */
public final class ScoreWeights {
    private ScoreWeights() {
    }

    /** Weight of regularity (timing, topped up by the periodogram) in the base score. */
    public static final double W_REGULARITY = 0.6;
    /** Weight of size and duration consistency. */
    public static final double W_SIZE = 0.2;
    /** Weight of persistence (share of active hours and days). */
    public static final double W_PERSISTENCE = 0.2;
    /** Share of the timing shortfall a significant periodogram peak can fill. */
    public static final double PERIODOGRAM_SHARE = 0.5;

    /** The rarity factor never goes below this (a shared service keeps 35 % of its score). */
    public static final double RARITY_FLOOR = 0.35;

    /**
     * Neighbourhood damping: how many other addresses of the destination's network (IPv4 /16,
     * IPv6 /48, or other names under the same registrable domain) the same host may talk to before
     * the channel is damped at all. One or two siblings are common for C2 (a fallback address, a
     * staging server) and cost nothing.
     */
    public static final int NEIGHBOURHOOD_FREE_SIBLINGS = 2;
    /**
     * Siblings beyond the free ones that halve the neighbourhood factor: factor =
     * 1 / (1 + (siblings − FREE) / NEIGHBOURHOOD_HALF). With 4: 3 siblings 0.8, 6 siblings 0.5,
     * 10 siblings 0.33, 20 siblings 0.18 — a provider the host uses for many things (Microsoft,
     * an antivirus update farm, a CDN).
     */
    public static final double NEIGHBOURHOOD_HALF = 4.0;

    /**
     * Peer cohort: other periodic channels of the same host with the same period (within
     * {@link #COHORT_PERIOD_TOLERANCE}) towards other networks. One such companion is free (a
     * beacon can share its period with an unrelated service by chance); beyond that the channel is
     * part of a swarm — P2P clients retrying peers, keep-alives to many peers — and is damped:
     * factor = 1 / (1 + (cohort − FREE) / COHORT_HALF).
     */
    public static final int COHORT_FREE = 1;
    public static final double COHORT_HALF = 1.0;
    public static final double COHORT_PERIOD_TOLERANCE = 0.10;
    /** Timing score a channel needs to count as periodic in a cohort. */
    public static final double COHORT_MIN_TIMING = 0.5;

    /**
     * Co-timed channels: two channels of one host to different destinations whose connections start
     * together (within {@link #CO_TIMED_WINDOW} µs) for at least {@link #CO_TIMED_SHARE} of the
     * smaller channel's connections, and at least {@link #CO_TIMED_LIFT} times as often as chance
     * would put them together, are one application's schedule (a client that syncs with a second
     * service on every sixth beat of its first). Only harmonic schedules count: the slower
     * channel's period must be a multiple k ≥ 2 of the faster one's, within
     * {@link #COHORT_PERIOD_TOLERANCE}·k (malware that contacts several servers on interleaved
     * beats, Slips test5 at 62 s and 95 s, is not damped). Such a companion is never free: each
     * one counts like a same-period peer beyond the free one.
     */
    public static final long CO_TIMED_WINDOW = 2_000_000L;
    public static final double CO_TIMED_SHARE = 0.5;
    public static final double CO_TIMED_LIFT = 5.0;
    /** Channels are checked for co-timing only from this score up (it cannot change a lower one's fate). */
    public static final double CO_TIMED_MIN_SCORE = 0.4;

    /**
     * RITA-style modifiers, added to a beacon's score (capped at 1) where the logs carry the
     * fields, and only for channels already at {@link #MODIFIER_MIN_SCORE} or more, so a modifier
     * never lifts irregular traffic into an alert on its own. HTTP requests without a Host header
     * (at least half of the channel's): browsers and libraries always send one, hand-written
     * implants often do not.
     */
    public static final double MOD_NO_HOST = 0.1;
    /**
     * A user agent (http.log) or JA3 (ssl.log {@code ja3}) that the whole input saw towards this
     * destination only: the client is a program that talks to nothing else, not the host's browser
     * or operating system.
     */
    public static final double MOD_RARE_SIGNATURE = 0.1;
    /**
     * First seen recently: the channel's first connection falls in the last
     * {@link #FIRST_SEEN_RECENT} µs of an input spanning at least {@link #FIRST_SEEN_MIN_SPAN} µs
     * (a new destination in a week of logs, where the week before shows none of it).
     */
    public static final double MOD_FIRST_SEEN = 0.05;
    public static final long FIRST_SEEN_RECENT = 86_400_000_000L;
    public static final long FIRST_SEEN_MIN_SPAN = 2 * 86_400_000_000L;
    /** Modifiers apply from this score up (the low severity). */
    public static final double MODIFIER_MIN_SCORE = 0.4;

    /** Multiplier for NTP-shaped channels (udp/123, 48-byte requests). */
    public static final double NTP_FACTOR = 0.5;

    /** Confidence of beats: 1 − exp(−(beats − 1) / CONFIDENCE_BEATS). */
    public static final double CONFIDENCE_BEATS = 4.0;
    /** Spans shorter than this (µs) lower the confidence by √(span / MIN_SPAN). */
    public static final double MIN_SPAN = 60e6;

    /** Strobe: at least this many connections ... */
    public static final int STROBE_MIN_CONNS = 30;
    /** ... at this many per second or more. */
    public static final double STROBE_MIN_RATE = 1.0;
    /** Score of a strobe before the rarity factor (below the alert threshold by design). */
    public static final double STROBE_SCORE = 0.5;

    /** A long connection lasts at least this long (µs). */
    public static final long LONG_CONN = 3_600_000_000L;
    /** Long connection score: min(LONG_CAP, LONG_BASE + LONG_PER_DOUBLING · log2(hours)). */
    public static final double LONG_BASE = 0.3;
    public static final double LONG_PER_DOUBLING = 0.1;
    public static final double LONG_CAP = 0.75;

    /** Fewest connections before the periodogram is tried. */
    public static final int PERIODOGRAM_MIN_CONNS = 8;

    /** The neighbourhood factor for a number of sibling destinations. */
    public static double neighbourhood(int siblings) {
        int extra = Math.max(0, siblings - NEIGHBOURHOOD_FREE_SIBLINGS);
        return 1.0 / (1.0 + extra / NEIGHBOURHOOD_HALF);
    }

    /** The cohort factor for a number of other same-period channels of the host. */
    public static double cohort(int others) {
        int extra = Math.max(0, others - COHORT_FREE);
        return 1.0 / (1.0 + extra / COHORT_HALF);
    }

    /** The rarity factor from prevalence and neighbourhood scores. */
    public static double rarity(double prevalence, double neighbourhood) {
        return RARITY_FLOOR + (1 - RARITY_FLOOR) * prevalence * neighbourhood;
    }

    /** The base score from its three parts. */
    public static double base(double regularity, double size, double persistence) {
        return W_REGULARITY * regularity + W_SIZE * size + W_PERSISTENCE * persistence;
    }

    /** Regularity from timing and periodogram scores. */
    public static double regularity(double timing, double periodicity) {
        return timing + (1 - timing) * PERIODOGRAM_SHARE * periodicity;
    }

    /** Confidence from the number of beats and the span (µs). */
    public static double confidence(int beats, double span) {
        double b = beats <= 1 ? 0 : 1 - Math.exp(-(beats - 1) / CONFIDENCE_BEATS);
        return b * Math.sqrt(Math.min(1.0, span / MIN_SPAN));
    }

    /** Long-connection score before rarity. */
    public static double longConnection(double hours) {
        return Math.min(LONG_CAP, LONG_BASE + LONG_PER_DOUBLING * Math.log(hours) / Math.log(2));
    }
}
