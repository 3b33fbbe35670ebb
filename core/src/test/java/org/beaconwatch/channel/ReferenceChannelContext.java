package org.beaconwatch.channel;

import java.util.HashMap;
import java.util.List;
import org.beaconwatch.flow.IpAddress;

/**
 * Test-only reference: the channel context as computed before it read the aggregator's key
 * columns (from a list of flow-less series, one object per channel), kept unchanged.
 * What the scorer needs to know about a channel beyond its own flows, computed once over all
 * channels:
 * <ul>
 * <li><b>prevalence</b>: distinct internal sources talking to the channel's destination;</li>
 * <li><b>siblings</b> (neighbourhood): how many other destinations the same source talks to in
 *     the destination's network (IPv4 /16, IPv6 /48) or, for a server name, under the same
 *     registrable domain (Public Suffix List, via Guava's {@link InternetDomainName});</li>
 * <li><b>internal sources</b>: distinct sources over all channels.</li>
 * </ul>
 * Primitive work only (dense ids, no boxing per channel except for the rare IPv6 source and the
 * one string per server-name channel).
 *
 * @param prevalence      per channel index, distinct sources of its destination
 * @param siblings        per channel index, other destinations of its source in its neighbourhood
 * @param internalSources distinct sources
 */
// arrays by design: columnar data handed over without copies; never compared or hashed by value
@SuppressWarnings("ArrayRecordComponent")
record ReferenceChannelContext(int[] prevalence, int[] siblings, int internalSources) {

    /** Computes the context of every channel; {@code destinations} is the aggregator's destination count. */
    static ReferenceChannelContext of(List<ChannelSeries> channels, int destinations) {
        int nc = channels.size();
        // dense source ids: IPv4 by their low word, IPv6 through a map (rare)
        int[] srcId = new int[nc];
        LongIds v4Sources = new LongIds(1024);
        HashMap<IpAddress, Integer> v6Sources = new HashMap<>();
        for (int i = 0; i < nc; i++) {
            ChannelSeries c = channels.get(i);
            if (c.srcHi() == 0L) {
                srcId[i] = v4Sources.id(c.srcLo()) << 1;
            } else {
                srcId[i] = (v6Sources.computeIfAbsent(new IpAddress(c.srcHi(), c.srcLo()), k -> v6Sources.size()) << 1) | 1;
            }
        }
        int internalSources = v4Sources.size() + v6Sources.size();
        int[] sourcesPerDest = new int[destinations];
        LongIds pairs = new LongIds(nc);
        for (int i = 0; i < nc; i++) {
            int before = pairs.size();
            int dest = channels.get(i).destinationId();
            pairs.id(((long) dest << 32) | (srcId[i] & 0xffff_ffffL));
            if (pairs.size() > before) {
                sourcesPerDest[dest]++;
            }
        }
        int[] prevalence = new int[nc];
        for (int i = 0; i < nc; i++) {
            prevalence[i] = sourcesPerDest[channels.get(i).destinationId()];
        }
        return new ReferenceChannelContext(prevalence, siblings(channels, srcId), internalSources);
    }

    /**
     * Per channel, how many other destinations the same source talks to in the destination's
     * network (IPv4 /16, IPv6 /48) or, for a server name, under the same registrable domain.
     */
    static int[] siblings(List<ChannelSeries> channels, int[] srcId) {
        int nc = channels.size();
        HashMap<String, Integer> domains = new HashMap<>();
        LongIds neighbourhoods = new LongIds(nc);
        int[] nb = new int[nc];
        for (int i = 0; i < nc; i++) {
            ChannelSeries c = channels.get(i);
            long value;
            long type;
            if (c.serverName() != null) {
                value = domains.computeIfAbsent(ChannelContext.registrableDomain(c.serverName()), x -> domains.size());
                type = 1;
            } else if (IpAddress.isV4(c.dstHi(), c.dstLo())) {
                value = (c.dstLo() >>> 16) & 0xffffL;
                type = 2;
            } else {
                value = LongIds.mix(c.dstHi() >>> 16) & 0xffff_ffffL;
                type = 3;
            }
            nb[i] = neighbourhoods.id(((long) srcId[i] << 34) | (type << 32) | value);
        }
        int[] destsPer = new int[neighbourhoods.size()];
        LongIds pairs = new LongIds(nc);
        for (int i = 0; i < nc; i++) {
            int before = pairs.size();
            pairs.id(((long) nb[i] << 32) | channels.get(i).destinationId());
            if (pairs.size() > before) {
                destsPer[nb[i]]++;
            }
        }
        int[] out = new int[nc];
        for (int i = 0; i < nc; i++) {
            out[i] = destsPer[nb[i]] - 1;
        }
        return out;
    }

}
