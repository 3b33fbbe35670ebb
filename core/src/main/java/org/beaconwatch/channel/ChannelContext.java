package org.beaconwatch.channel;

import com.google.common.net.InternetDomainName;
import java.util.HashMap;
import java.util.List;
import org.beaconwatch.flow.IpAddress;

/**
 * What the scorer needs to know about a channel beyond its own flows, computed once over all
 * channels:
 * <ul>
 * <li><b>prevalence</b>: distinct internal sources talking to the channel's destination;</li>
 * <li><b>siblings</b> (neighbourhood): how many other destinations the same source talks to in
 *     the destination's network (IPv4 /16, IPv6 /48) or, for a server name, under the same
 *     registrable domain (Public Suffix List, via Guava's {@link InternetDomainName});</li>
 * <li><b>internal sources</b>: distinct sources over all channels.</li>
 * </ul>
 * Primitive work only: read from {@link ChannelKeys} (the aggregator's key columns), with dense ids
 * for sources ({@link ChannelSources}), destinations and neighbourhoods, and one registrable domain
 * per distinct server name.
 *
 * @param prevalence      per channel index, distinct sources of its destination
 * @param siblings        per channel index, other destinations of its source in its neighbourhood
 * @param internalSources distinct sources
 * @param sources         the distinct sources and each channel's source id
 */
// arrays by design: columnar data handed over without copies; never compared or hashed by value
@SuppressWarnings("ArrayRecordComponent")
public record ChannelContext(int[] prevalence, int[] siblings, int internalSources, ChannelSources sources) {

    /** Computes the context of every channel of a list; {@code destinations} is the aggregator's destination count. */
    public static ChannelContext of(List<ChannelSeries> channels, int destinations) {
        return of(ChannelKeys.of(channels), destinations);
    }

    /** Computes the context of every channel; {@code destinations} is the aggregator's destination count. */
    public static ChannelContext of(ChannelKeys channels, int destinations) {
        ChannelSources sources = ChannelSources.of(channels);
        return of(channels, sources, sourcesPerDestination(channels, sources, destinations), sources.count());
    }

    /**
     * The context of some of the input's channels, all the channels of their sources (one partition
     * of a run cut by source host), with what spans sources given for the whole input.
     *
     * @param sourcesPerDestination per destination id, distinct sources over the whole input (the
     *                              sum of {@link #sourcesPerDestination} over every partition)
     * @param internalSources       distinct sources over the whole input
     */
    public static ChannelContext of(ChannelKeys channels, ChannelSources sources, int[] sourcesPerDestination,
                                    int internalSources) {
        int nc = channels.count();
        int[] prevalence = new int[nc];
        for (int i = 0; i < nc; i++) {
            prevalence[i] = sourcesPerDestination[channels.destinationId(i)];
        }
        return new ChannelContext(prevalence, siblings(channels, sources), internalSources, sources);
    }

    /** Per destination id (0 to {@code destinations} - 1), the distinct sources of the channels given. */
    public static int[] sourcesPerDestination(ChannelKeys channels, ChannelSources sources, int destinations) {
        int nc = channels.count();
        int[] sourcesPerDest = new int[destinations];
        LongIds pairs = new LongIds(nc);
        for (int i = 0; i < nc; i++) {
            int before = pairs.size();
            int dest = channels.destinationId(i);
            pairs.id(((long) dest << 32) | (sources.of(i) & 0xffff_ffffL));
            if (pairs.size() > before) {
                sourcesPerDest[dest]++;
            }
        }
        return sourcesPerDest;
    }

    /**
     * Per channel, how many other destinations the same source talks to in the destination's
     * network (IPv4 /16, IPv6 /48) or, for a server name, under the same registrable domain.
     */
    static int[] siblings(ChannelKeys channels, ChannelSources sources) {
        int nc = channels.count();
        // registrable domain id per distinct server name (names are interned: one lookup each)
        HashMap<String, Integer> domainOfName = new HashMap<>();
        HashMap<String, Integer> domains = new HashMap<>();
        LongIds neighbourhoods = new LongIds(nc);
        int[] nb = new int[nc];
        for (int i = 0; i < nc; i++) {
            String name = channels.serverName(i);
            long value;
            long type;
            if (name != null) {
                Integer d = domainOfName.get(name);
                if (d == null) {
                    d = domains.computeIfAbsent(registrableDomain(name), x -> domains.size());
                    domainOfName.put(name, d);
                }
                value = d;
                type = 1;
            } else {
                long dh = channels.dstHi(i);
                long dl = channels.dstLo(i);
                if (IpAddress.isV4(dh, dl)) {
                    value = (dl >>> 16) & 0xffffL;
                    type = 2;
                } else {
                    value = LongIds.mix(dh >>> 16) & 0xffff_ffffL;
                    type = 3;
                }
            }
            nb[i] = neighbourhoods.id(((long) sources.of(i) << 34) | (type << 32) | value);
        }
        int[] destsPer = new int[neighbourhoods.size()];
        LongIds pairs = new LongIds(nc);
        for (int i = 0; i < nc; i++) {
            int before = pairs.size();
            pairs.id(((long) nb[i] << 32) | channels.destinationId(i));
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

    /**
     * The registrable domain (one label below the public suffix, Public Suffix List) of a name;
     * a name not under a public suffix (an internal name, an address) is its own neighbourhood.
     */
    public static String registrableDomain(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        try {
            InternetDomainName d = InternetDomainName.from(n);
            if (d.isUnderPublicSuffix()) {
                return d.topPrivateDomain().toString();
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            // not a domain name: fall through
        }
        return n.toLowerCase(java.util.Locale.ROOT);
    }
}
