package org.beaconwatch.channel;

import java.util.Arrays;
import org.beaconwatch.flow.FlowBatch;

/**
 * The channels of one {@link ChannelAggregator}: a dense id per channel key, made on first sight,
 * and each channel's key as columns by id (kind, source, destination or server-name id, port and
 * protocol, destination id).
 *
 * <p>The lookup is open addressing with linear probing, {@link #SLOT} longs a slot in one array
 * (source hi, source lo, destination hi, destination lo, then meta in the high half and channel
 * id + 1 in the low half; 0 there marks an empty slot), so a lookup touches one or two neighbouring
 * cache lines instead of one line in each of six arrays. At most {@link #MAX_LOAD_PERCENT} % full.
 * {@link #dropLookups()} frees it once no channel will be added; the key columns stay.
 */
final class ChannelTable {
    /** Meta bit of a server-name channel's key (its "destination hi" is then the name id). */
    static final int KIND_NAME = 1 << 30;
    static final byte KIND_ADDRESS = 0, KIND_SERVER_NAME = 1;
    private static final int SLOT = 5;
    private static final int MAX_LOAD_PERCENT = 60;

    private long[] slots;
    private int mask;
    private int growAt;
    private final DestinationIds destinations;

    /** Channels so far; the columns below are longer. */
    int count;
    // per channel (dense id): key and identity
    byte[] kind = new byte[1 << 10];
    long[] srcHi = new long[1 << 10], srcLo = new long[1 << 10], dstHi = new long[1 << 10], dstLo = new long[1 << 10];
    int[] meta = new int[1 << 10], dest = new int[1 << 10];

    /** @param destinations destination ids, shared with other tables of the same input */
    ChannelTable(DestinationIds destinations) {
        this.destinations = destinations;
        int cap = 1 << 12;
        slots = new long[cap * SLOT];
        mask = cap - 1;
        growAt = (int) ((long) cap * MAX_LOAD_PERCENT / 100);
    }

    /** Destination port and protocol of row i, the rest of an address channel's key. */
    static int addressMeta(FlowBatch b, int i) {
        int port = b.dstPort[i];
        return ((port & 0xffff) << 8) | (b.proto[i] & 0xff) | (port < 0 ? 1 << 24 : 0);
    }

    /**
     * Hashes the address-channel key of rows [from, to) into {@code hashes} and loads the slot each
     * hash starts at. The loads are independent of one another, so the processor overlaps their
     * cache and TLB misses, which the lookups that follow would otherwise take one at a time (on a
     * table of millions of channels nearly every lookup misses the cache). Only reads: the lookups
     * are the same as without it. Returns a sum of the loaded words, for the caller to keep so the
     * loads are not optimised away.
     */
    long warm(FlowBatch b, int from, int to, int[] hashes) {
        final long[] t = slots, sh = b.srcHi, sl = b.srcLo, dh = b.dstHi, dl = b.dstLo;
        final int m = mask;
        long acc = 0;
        for (int i = from; i < to; i++) {
            int h = KeyHash.of(sh[i], sl[i], dh[i], dl[i], addressMeta(b, i));
            hashes[i - from] = h;
            int at = (h & m) * SLOT;
            acc += t[at] + t[at + 4];
        }
        return acc;
    }

    /** The dense id of a channel, made on first sight (its destination id too). */
    int id(long sh, long sl, long dh, long dl, int meta, long addrLo) {
        return id(sh, sl, dh, dl, meta, addrLo, KeyHash.of(sh, sl, dh, dl, meta));
    }

    /** As {@link #id(long, long, long, long, int, long)} with the key's {@link KeyHash#of} given. */
    int id(long sh, long sl, long dh, long dl, int meta, long addrLo, int hash) {
        final long[] t = slots;
        final long tag = (long) meta << 32;
        int h = hash & mask;
        while (true) {
            int at = h * SLOT;
            long last = t[at + 4];
            if (last == 0L) {
                break;
            }
            if (t[at + 1] == sl && t[at + 3] == dl && (last & 0xFFFF_FFFF_0000_0000L) == tag && t[at] == sh
                    && t[at + 2] == dh) {
                return (int) last - 1;
            }
            h = (h + 1) & mask;
        }
        int id = count++;
        if (id == kind.length) {
            int cap = id * 2;
            kind = Arrays.copyOf(kind, cap);
            srcHi = Arrays.copyOf(srcHi, cap);
            srcLo = Arrays.copyOf(srcLo, cap);
            dstHi = Arrays.copyOf(dstHi, cap);
            dstLo = Arrays.copyOf(dstLo, cap);
            this.meta = Arrays.copyOf(this.meta, cap);
            dest = Arrays.copyOf(dest, cap);
        }
        srcHi[id] = sh;
        srcLo[id] = sl;
        this.meta[id] = meta;
        if ((meta & KIND_NAME) != 0) {
            kind[id] = KIND_SERVER_NAME;
            dest[id] = destinations.id(-1L, dh);
            dstHi[id] = dh;   // the name id; the address comes from the flows at build time
            dstLo[id] = addrLo;
        } else {
            kind[id] = KIND_ADDRESS;
            dest[id] = destinations.id(dh, dl);
            dstHi[id] = dh;
            dstLo[id] = dl;
        }
        int at = h * SLOT;
        t[at] = sh;
        t[at + 1] = sl;
        t[at + 2] = dh;
        t[at + 3] = dl;
        t[at + 4] = tag | (id + 1L);
        if (count > growAt) {
            grow();
        }
        return id;
    }

    /** Whether channel c is a server-name channel. */
    boolean named(int c) {
        return kind[c] == KIND_SERVER_NAME;
    }

    /** Frees the lookup once no channel will be added; the key columns stay. */
    void dropLookups() {
        slots = null;
    }

    /** Doubles the lookup table. */
    private void grow() {
        long[] old = slots;
        int cap = (mask + 1) << 1;
        if (cap > Integer.MAX_VALUE / SLOT) {
            throw new IllegalStateException("more channels than one aggregator holds: " + count);
        }
        long[] t = new long[cap * SLOT];
        int m = cap - 1;
        for (int at = 0; at < old.length; at += SLOT) {
            long last = old[at + 4];
            if (last == 0L) {
                continue;
            }
            int h = KeyHash.of(old[at], old[at + 1], old[at + 2], old[at + 3], (int) (last >>> 32)) & m;
            while (t[h * SLOT + 4] != 0L) {
                h = (h + 1) & m;
            }
            System.arraycopy(old, at, t, h * SLOT, SLOT);
        }
        slots = t;
        mask = m;
        growAt = (int) ((long) cap * MAX_LOAD_PERCENT / 100);
    }
}
