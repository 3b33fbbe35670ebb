package org.beaconwatch.channel;

import java.util.List;
import org.beaconwatch.flow.Protocol;

/**
 * The identity of every channel, by dense index {@code 0 .. count() - 1}, without its flows: what
 * the channel context ({@link ChannelContext}), host evidence and finding details read over all
 * channels. The aggregator answers from its primitive key columns ({@link ChannelAggregator#keys()}),
 * so no object is made per channel; {@link #of(List)} reads a list of series instead.
 *
 * <p>Each accessor returns what {@link ChannelSeries} returns for the same channel built without
 * flows: for a server-name channel {@link #dstHi} is 0, {@link #dstLo} the low word of its first
 * flow's address, {@link #dstPort} -1 and {@link #proto} TCP.
 */
public interface ChannelKeys {

    /** Number of channels. */
    int count();

    ChannelKind kind(int c);

    long srcHi(int c);

    long srcLo(int c);

    long dstHi(int c);

    long dstLo(int c);

    /** Destination port, or -1 (a server-name channel, or a protocol without ports). */
    int dstPort(int c);

    Protocol proto(int c);

    /** Server name of a server-name channel, else null. */
    String serverName(int c);

    /** See {@link ChannelSeries#destinationId()}. */
    int destinationId(int c);

    /** The keys of a list of series (index i is {@code channels.get(i)}). */
    static ChannelKeys of(List<ChannelSeries> channels) {
        return new ChannelKeys() {
            @Override
            public int count() {
                return channels.size();
            }

            @Override
            public ChannelKind kind(int c) {
                return channels.get(c).kind();
            }

            @Override
            public long srcHi(int c) {
                return channels.get(c).srcHi();
            }

            @Override
            public long srcLo(int c) {
                return channels.get(c).srcLo();
            }

            @Override
            public long dstHi(int c) {
                return channels.get(c).dstHi();
            }

            @Override
            public long dstLo(int c) {
                return channels.get(c).dstLo();
            }

            @Override
            public int dstPort(int c) {
                return channels.get(c).dstPort();
            }

            @Override
            public Protocol proto(int c) {
                return channels.get(c).proto();
            }

            @Override
            public String serverName(int c) {
                return channels.get(c).serverName();
            }

            @Override
            public int destinationId(int c) {
                return channels.get(c).destinationId();
            }
        };
    }
}
