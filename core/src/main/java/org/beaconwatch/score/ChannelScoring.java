package org.beaconwatch.score;

import java.util.ArrayList;
import java.util.List;
import org.beaconwatch.channel.ChannelContext;
import org.beaconwatch.channel.ChannelSeries;
import org.beaconwatch.flow.IpAddress;

/**
 * The per-channel scoring API for engines that group flows themselves (the Spark job in
 * {@code spark/}): the same scorer, context keys and ranking as {@link BeaconDetector}, so a
 * finding means the same whichever engine computed it. An engine builds each channel with a
 * {@link org.beaconwatch.channel.ChannelAggregator}, computes the channel's context with global
 * aggregations over the channels' keys (distinct sources per {@link #destinationKey destination},
 * distinct sources overall, distinct destinations per source and {@link #neighbourhoodKey
 * neighbourhood}), scores each channel with {@link #score} and ranks the findings with
 * {@link #rank}. This class is the only coupling of such engines to the scorer's internals; the
 * single-machine {@link DetectionPipeline} hands its channels to the scorer through it too.
 */
public final class ChannelScoring {
    private ChannelScoring() {
    }

    /**
     * Scores one channel in its context; null when it has too few connections and no long
     * connection.
     *
     * @param channel         the channel's flows, as built by a {@code ChannelAggregator}
     * @param prevalence      distinct internal sources talking to the channel's destination
     * @param internalSources distinct sources of all channels of the input
     * @param siblings        other destinations the same source talks to in the destination's
     *                        neighbourhood
     * @param options         detection options
     */
    public static Finding score(ChannelSeries channel, int prevalence, int internalSources, int siblings,
                                DetectOptions options) {
        return BeaconScorer.score(channel, prevalence, internalSources, siblings, options);
    }

    /**
     * As {@link #score(ChannelSeries, int, int, int, DetectOptions)}, with the channel's source
     * address as text ({@link org.beaconwatch.channel.ChannelSources#name}) and the run's
     * destination texts, so that the findings of one host or address share their strings.
     */
    static Finding score(ChannelSeries channel, int prevalence, int internalSources, int siblings,
                         DetectOptions options, String src, AddressTexts dsts) {
        return BeaconScorer.score(channel, prevalence, internalSources, siblings, options, src, dsts);
    }

    /**
     * The highest score the channel's finding could have, from cheap facts only (connection count,
     * span, longest connection, prevalence and neighbourhood): every connection a beat, perfect
     * regularity, size and persistence, every modifier applied, no cohort damping; 0 when the
     * channel makes no finding. It reads the same {@link ScoreWeights} as the score, which never
     * exceeds it, including after ranking ({@link PeerCohort} only lowers a score,
     * {@link ScoreModifiers} are counted in). For output that writes only some findings
     * ({@code --alerts-only}, {@code --top N}): a channel whose bound is below the lowest score the
     * output can still take cannot be written. One pass over the durations; no sorting.
     */
    public static double upperBound(ChannelSeries channel, int prevalence, int internalSources, int siblings,
                                    DetectOptions options) {
        return BeaconScorer.upperBound(channel, prevalence, internalSources, siblings, options);
    }

    /**
     * The channel's connection start times when its finding needs them at ranking time (co-timed
     * companions, see {@link PeerCohort}): a copy for findings scoring at least
     * {@link ScoreWeights#CO_TIMED_MIN_SCORE}, else null. An engine carries them to {@link #rank(List,
     * List, DetectOptions)} beside the finding.
     */
    public static long[] rankingStarts(ChannelSeries channel, Finding finding) {
        if (finding == null || finding.score() < ScoreWeights.CO_TIMED_MIN_SCORE) {
            return null;
        }
        return java.util.Arrays.copyOf(channel.ts(), channel.size());
    }

    /**
     * The destination whose distinct sources are the channel's prevalence: its server name, or its
     * address (all ports and protocols) for an address channel.
     */
    public static String destinationKey(ChannelSeries channel) {
        if (channel.serverName() != null) {
            return "n " + channel.serverName();
        }
        return "a " + Long.toHexString(channel.dstHi()) + ":" + Long.toHexString(channel.dstLo());
    }

    /**
     * The neighbourhood of the channel's destination: the registered domain of its server name, or
     * the IPv4 /16 or IPv6 /48 of its address. Siblings are the other destinations of the same
     * source with the same neighbourhood key.
     */
    public static String neighbourhoodKey(ChannelSeries channel) {
        if (channel.serverName() != null) {
            return "d " + ChannelContext.registrableDomain(channel.serverName());
        }
        if (IpAddress.isV4(channel.dstHi(), channel.dstLo())) {
            return "4 " + ((channel.dstLo() >>> 16) & 0xffffL);
        }
        return "6 " + Long.toHexString(channel.dstHi() >>> 16);
    }

    /**
     * Ranks findings as {@code detect} does (score descending, then connections descending, then
     * channel text) and numbers them from 1.
     */
    public static List<Finding> rank(List<Finding> findings, DetectOptions options) {
        return rank(findings, null, options);
    }

    /**
     * As {@link #rank(List, DetectOptions)}, with each finding's {@link #rankingStarts} (same order,
     * null entries allowed) for co-timed companions, and the first-seen modifier; {@code starts} null
     * applies only the period cohort.
     */
    public static List<Finding> rank(List<Finding> findings, List<long[]> starts, DetectOptions options) {
        // context that needs every channel's score (same-beat peer swarms, co-timed companions,
        // first seen), then the order
        Finding[] all = findings.toArray(new Finding[0]);
        PeerCohort.apply(all, starts == null ? null : starts.toArray(new long[0][]), options);
        ScoreModifiers.apply(all, null, options);
        List<Finding> ranked = BeaconDetector.rank(java.util.Arrays.asList(all));
        List<Finding> out = new ArrayList<>(ranked.size());
        for (int i = 0; i < ranked.size(); i++) {
            out.add(ranked.get(i).withRank(i + 1));
        }
        return out;
    }
}
