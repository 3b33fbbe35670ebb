package org.beaconwatch.channel;

import java.util.List;
import org.beaconwatch.flow.Protocol;

/**
 * {@link ChannelKeys} read from a {@link ChannelTable}'s key columns by channel index, without an
 * object per channel ({@link ChannelAggregator#keys()}). A server-name channel reads as its
 * flow-less {@link ChannelSeries}: destination (0, low word of its first flow's address), port -1,
 * TCP.
 */
final class TableKeys implements ChannelKeys {
    private final ChannelTable table;
    /** Server names by name id (a server-name channel's high destination word). */
    private final List<String> names;

    TableKeys(ChannelTable table, List<String> names) {
        this.table = table;
        this.names = names;
    }

    @Override
    public int count() {
        return table.count;
    }

    @Override
    public ChannelKind kind(int c) {
        return table.named(check(c)) ? ChannelKind.SERVER_NAME : ChannelKind.ADDRESS;
    }

    @Override
    public long srcHi(int c) {
        return table.srcHi[check(c)];
    }

    @Override
    public long srcLo(int c) {
        return table.srcLo[check(c)];
    }

    @Override
    public long dstHi(int c) {
        return table.named(check(c)) ? 0L : table.dstHi[c];
    }

    @Override
    public long dstLo(int c) {
        return table.dstLo[check(c)];
    }

    @Override
    public int dstPort(int c) {
        int meta = table.meta[check(c)];
        return table.named(c) || (meta & (1 << 24)) != 0 ? -1 : (meta >>> 8) & 0xffff;
    }

    @Override
    public Protocol proto(int c) {
        return table.named(check(c)) ? Protocol.TCP : Protocol.ofCode((byte) (table.meta[c] & 0xff));
    }

    @Override
    public String serverName(int c) {
        return table.named(check(c)) ? names.get((int) table.dstHi[c]) : null;
    }

    @Override
    public int destinationId(int c) {
        return table.dest[check(c)];
    }

    /** The columns are longer than the channel count: an index past it is an error, not a zero. */
    private int check(int c) {
        if (c >= table.count) {
            throw new IndexOutOfBoundsException("channel " + c + " of " + table.count);
        }
        return c;
    }
}
