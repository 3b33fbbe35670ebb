package org.beaconwatch.channel;

import com.google.common.net.InternetDomainName;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.function.BiConsumer;
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
        return of(channels, sources, sourcesPerDestination, siblings(channels, sources), internalSources);
    }

    /**
     * As {@link #of(ChannelKeys, int)}, with its two independent halves (each destination's distinct
     * sources, and each channel's siblings) handed to {@code runBoth}, which runs both tasks it is
     * given (at once, where the caller has two threads) and returns when both have finished.
     */
    public static ChannelContext of(ChannelKeys channels, int destinations, BiConsumer<Runnable, Runnable> runBoth) {
        ChannelSources sources = ChannelSources.of(channels);
        int[][] perDestination = new int[1][];
        int[][] siblings = new int[1][];
        runBoth.accept(() -> perDestination[0] = sourcesPerDestination(channels, sources, destinations),
                () -> siblings[0] = siblings(channels, sources));
        return of(channels, sources, perDestination[0], siblings[0], sources.count());
    }

    private static ChannelContext of(ChannelKeys channels, ChannelSources sources, int[] sourcesPerDestination,
                                     int[] siblings, int internalSources) {
        int nc = channels.count();
        int[] prevalence = new int[nc];
        for (int i = 0; i < nc; i++) {
            prevalence[i] = sourcesPerDestination[channels.destinationId(i)];
        }
        return new ChannelContext(prevalence, siblings, internalSources, sources);
    }

    /** Per destination id (0 to {@code destinations} - 1), the distinct sources of the channels given. */
    public static int[] sourcesPerDestination(ChannelKeys channels, ChannelSources sources, int destinations) {
        int[] sourcesPerDest = new int[destinations];
        // channels grouped by source: a destination is counted once per source it is first seen from
        int[] start = bySourceStart(channels.count(), sources);
        int[] order = bySource(channels.count(), sources, start);
        int[] seenBy = new int[destinations]; // 1 + the source that last counted the destination
        for (int s = 0, ns = sources.count(); s < ns; s++) {
            for (int k = start[s]; k < start[s + 1]; k++) {
                int dest = channels.destinationId(order[k]);
                if (seenBy[dest] != s + 1) {
                    seenBy[dest] = s + 1;
                    sourcesPerDest[dest]++;
                }
            }
        }
        return sourcesPerDest;
    }

    /** Start of each source's channels in {@link #bySource} (and the end, at index {@code sources.count()}). */
    private static int[] bySourceStart(int nc, ChannelSources sources) {
        int ns = sources.count();
        int[] start = new int[ns + 1];
        for (int c = 0; c < nc; c++) {
            start[sources.of(c) + 1]++;
        }
        for (int s = 0; s < ns; s++) {
            start[s + 1] += start[s];
        }
        return start;
    }

    /** Channel indexes grouped by source (counting sort: ascending within a source). */
    private static int[] bySource(int nc, ChannelSources sources, int[] start) {
        int[] next = Arrays.copyOf(start, sources.count());
        int[] order = new int[nc];
        for (int c = 0; c < nc; c++) {
            order[next[sources.of(c)]++] = c;
        }
        return order;
    }

    /**
     * Per channel, how many other destinations the same source talks to in the destination's
     * network (IPv4 /16, IPv6 /48) or, for a server name, under the same registrable domain.
     *
     * <p>Cost: the neighbourhood follows from the destination (its address, or its name's domain),
     * so each source's channels are visited together and a destination counts once towards its
     * neighbourhood per source, with flat arrays by destination and neighbourhood id instead of hash
     * tables of (source, neighbourhood) and (neighbourhood, destination) keys. Should a destination id
     * ever stand for destinations in two neighbourhoods, those keys are counted instead, with the
     * same result.
     */
    static int[] siblings(ChannelKeys channels, ChannelSources sources) {
        int nc = channels.count();
        long[] key = neighbourhoodKeys(channels);
        // dense ids for the neighbourhoods themselves (far fewer than channels); IPv4 /16s by table
        int[] nb = new int[nc];
        int[] v4 = new int[1 << 16]; // 1 + id
        LongIds others = new LongIds(1024);
        int[] otherId = new int[64];
        int nbs = 0;
        int destinations = 0;
        for (int i = 0; i < nc; i++) {
            long k = key[i];
            if ((k >>> 32) == 2) {
                int v = (int) k & 0xffff;
                if (v4[v] == 0) {
                    v4[v] = ++nbs;
                }
                nb[i] = v4[v] - 1;
            } else {
                int before = others.size();
                int id = others.id(k);
                if (others.size() > before) {
                    if (id == otherId.length) {
                        otherId = Arrays.copyOf(otherId, id * 2);
                    }
                    otherId[id] = nbs++;
                }
                nb[i] = otherId[id];
            }
            destinations = Math.max(destinations, channels.destinationId(i) + 1);
        }
        int[] start = bySourceStart(nc, sources);
        int[] order = bySource(nc, sources, start);
        int[] seenBy = new int[destinations]; // 1 + the source that last counted the destination
        int[] nbOfDest = new int[destinations];
        int[] count = new int[nbs];
        int[] countFor = new int[nbs]; // 1 + the source count[] holds
        int[] out = new int[nc];
        for (int s = 0, ns = sources.count(); s < ns; s++) {
            int tag = s + 1;
            for (int k = start[s]; k < start[s + 1]; k++) {
                int i = order[k];
                int d = channels.destinationId(i);
                int n = nb[i];
                if (countFor[n] != tag) {
                    countFor[n] = tag;
                    count[n] = 0;
                }
                if (seenBy[d] != tag) {
                    seenBy[d] = tag;
                    nbOfDest[d] = n;
                    count[n]++;
                } else if (nbOfDest[d] != n) {
                    return siblingsByKeys(channels, sources, key);
                }
            }
            for (int k = start[s]; k < start[s + 1]; k++) {
                out[order[k]] = count[nb[order[k]]] - 1;
            }
        }
        return out;
    }

    /** {@link #siblings(ChannelKeys, ChannelSources)} by hash tables of keys, for any destination ids. */
    private static int[] siblingsByKeys(ChannelKeys channels, ChannelSources sources, long[] key) {
        int nc = channels.count();
        LongIds neighbourhoods = new LongIds(nc);
        int[] nb = new int[nc];
        for (int i = 0; i < nc; i++) {
            nb[i] = neighbourhoods.id(((long) sources.of(i) << 34) | key[i]);
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
     * The neighbourhood key of every channel: type (1 domain, 2 IPv4 /16, 3 IPv6 /48 hash) in bits
     * 32-33 and the value below.
     */
    private static long[] neighbourhoodKeys(ChannelKeys channels) {
        int nc = channels.count();
        // registrable domain id per distinct server name (names are interned: one lookup each)
        HashMap<String, Integer> domainOfName = new HashMap<>();
        HashMap<String, Integer> domains = new HashMap<>();
        long[] key = new long[nc];
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
            key[i] = (type << 32) | value;
        }
        return key;
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
