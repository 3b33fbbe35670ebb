package org.beaconwatch.score;

import org.beaconwatch.channel.ChannelSeries;

/**
 * The one place the detection pipeline hands a channel to the scorer: a finished
 * {@link ChannelSeries} and its context among the other channels in, a {@link Finding} (or null
 * below the minimum connections) out. Threads, reading, grouping and ranking stay in
 * {@link DetectionPipeline}; what a score means stays in {@link BeaconScorer}.
 */
final class ChannelScoring {
    private ChannelScoring() {
    }

    /**
     * @param sourcesToDestination distinct internal sources talking to the channel's destination
     * @param internalSources      distinct internal sources in the input
     * @param siblings             other destinations of the same source in the destination's neighbourhood
     */
    static Finding score(ChannelSeries channel, int sourcesToDestination, int internalSources, int siblings,
                         DetectOptions options) {
        return BeaconScorer.score(channel, sourcesToDestination, internalSources, siblings, options);
    }
}
