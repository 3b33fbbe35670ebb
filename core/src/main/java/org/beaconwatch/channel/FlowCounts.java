package org.beaconwatch.channel;

/**
 * What became of the flows offered to one {@link ChannelAggregator}: how many were read, how many
 * were kept in a channel, and how many the scope dropped, per reason (the aggregator's
 * {@code flowsRead()}, {@code flowsUsed()} and {@code skipped...()} counts). Plain fields, so the
 * per-flow path counts with an increment and nothing more.
 */
final class FlowCounts {
    long read, used, noAddress, externalSource, destination, allowlisted;

    /** Adds {@code other}'s counts to these ({@link ChannelAggregator#plus}). */
    void add(FlowCounts other) {
        read += other.read;
        used += other.used;
        noAddress += other.noAddress;
        externalSource += other.externalSource;
        destination += other.destination;
        allowlisted += other.allowlisted;
    }

    /**
     * Takes back {@code flows} rows that a source partition found logged twice ({@code byReason}[0]
     * kept ones, [-reason - 1] those the scope dropped, see {@link SourceCut}).
     */
    void uncount(long flows, long[] byReason) {
        read -= flows;
        used -= byReason[0];
        noAddress -= byReason[-SourceCut.DROPPED_NO_ADDRESS - 1];
        externalSource -= byReason[-SourceCut.DROPPED_EXTERNAL_SOURCE - 1];
        destination -= byReason[-SourceCut.DROPPED_DESTINATION - 1];
        allowlisted -= byReason[-SourceCut.DROPPED_ALLOWLISTED - 1];
    }
}
