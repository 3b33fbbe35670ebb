package org.beaconwatch.channel;

import java.util.ArrayList;
import java.util.List;

/** Test helper: the flow-less series (one object per channel) that key readers used to be given. */
public final class FlowlessSeries {
    private FlowlessSeries() {
    }

    /** One flow-less series per channel of {@code keys}, with the same key and destination id. */
    public static List<ChannelSeries> of(ChannelKeys keys) {
        List<ChannelSeries> out = new ArrayList<>(keys.count());
        for (int c = 0; c < keys.count(); c++) {
            out.add(new ChannelSeries(keys.kind(c), keys.srcHi(c), keys.srcLo(c), keys.dstHi(c), keys.dstLo(c),
                    keys.dstPort(c), keys.proto(c), keys.serverName(c), keys.destinationId(c)));
        }
        return out;
    }
}
