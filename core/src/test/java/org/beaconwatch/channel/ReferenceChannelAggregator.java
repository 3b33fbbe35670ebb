package org.beaconwatch.channel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.flow.Protocol;

/**
 * The channel aggregator as it was before rows moved into flat columns (per-channel growable
 * arrays), kept unchanged as the reference the columnar one is checked against.
 */
final class ReferenceChannelAggregator {
    private static final int KIND_NAME = 1 << 30;
    private static final byte CONNECT = org.beaconwatch.flow.NameSource.HTTP_CONNECT.code();

    private final ChannelScope scope;

    private long[] kSrcHi, kSrcLo, kDstHi, kDstLo;
    private int[] kMeta;
    private int[] slotChannel;
    private int mask;
    private final List<ChannelSeries> channels = new ArrayList<>();

    private final HashMap<String, Integer> nameIds = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private boolean[] nameAllowlisted = new boolean[16];
    private final HashMap<String, Integer> labelIds = new HashMap<>();
    private final List<String> labels = new ArrayList<>();
    private final DestinationIds destinations = new DestinationIds();

    private long flowsRead, flowsUsed, noAddress, skippedExternalSource, skippedDestination, allowlisted;
    private boolean finished;

    ReferenceChannelAggregator(ChannelScope scope) {
        this.scope = scope;
        int cap = 1 << 12;
        kSrcHi = new long[cap];
        kSrcLo = new long[cap];
        kDstHi = new long[cap];
        kDstLo = new long[cap];
        kMeta = new int[cap];
        slotChannel = new int[cap];
        Arrays.fill(slotChannel, -1);
        mask = cap - 1;
    }

    /** Adds every row of the batch. */
    public void add(FlowBatch b) {
        if (finished) {
            throw new IllegalStateException("aggregator already finished");
        }
        final int size = b.size();
        final Allowlist allow = scope.allowlist();
        final boolean hasAllow = !allow.isEmpty();
        final boolean merge = b.splitRecords();
        for (int i = 0; i < size; i++) {
            flowsRead++;
            long sh = b.srcHi[i], sl = b.srcLo[i], dh = b.dstHi[i], dl = b.dstLo[i];
            if ((sh | sl) == 0L || (dh | dl) == 0L) {
                noAddress++;
                continue;
            }
            if (!scope.allSources() && !scope.isInternal(sh, sl)) {
                skippedExternalSource++;
                continue;
            }
            boolean proxied = b.nameSource[i] == CONNECT && b.serverName[i] != null;
            if (Allowlist.isSpecialAddress(dh, dl)
                    || (!proxied && !scope.internalDestinations() && scope.isInternal(dh, dl))) {
                skippedDestination++;
                continue;
            }
            if (hasAllow && (allow.containsAddress(dh, dl) || allow.containsAddress(sh, sl))) {
                allowlisted++;
                continue;
            }
            String name = b.serverName[i];
            int nameId = -1;
            if (name != null && !name.isEmpty() && !"-".equals(name)) {
                nameId = nameId(name);
                if (nameAllowlisted[nameId]) {
                    allowlisted++;
                    continue;
                }
            }
            int label = labelId(b.label[i]);
            int detailed = labelId(b.detailedLabel[i]);
            flowsUsed++;
            int sport = merge ? b.srcPort[i] : -1;
            ChannelSeries c;
            if (nameId >= 0) {
                c = channel(sh, sl, nameId, 0L, KIND_NAME, names.get(nameId), dh, dl);
                if (c.add(b.ts[i], b.origBytes[i], b.respBytes[i], b.duration[i], label, detailed, sport)) {
                    c.addNameDestination(dh, dl, b.dstPort[i]);
                }
            } else {
                int meta = ((b.dstPort[i] & 0xffff) << 8) | (b.proto[i] & 0xff) | (b.dstPort[i] < 0 ? 1 << 24 : 0);
                c = channel(sh, sl, dh, dl, meta, null, dh, dl);
                c.add(b.ts[i], b.origBytes[i], b.respBytes[i], b.duration[i], label, detailed, sport);
            }
        }
    }

    private ChannelSeries channel(long sh, long sl, long dh, long dl, int meta, String name, long addrHi, long addrLo) {
        int h = hash(sh, sl, dh, dl, meta) & mask;
        while (true) {
            int ci = slotChannel[h];
            if (ci < 0) {
                break;
            }
            if (kSrcLo[h] == sl && kDstLo[h] == dl && kMeta[h] == meta && kSrcHi[h] == sh && kDstHi[h] == dh) {
                return channels.get(ci);
            }
            h = (h + 1) & mask;
        }
        ChannelSeries c;
        if ((meta & KIND_NAME) != 0) {
            int dest = destinations.id(-1L, dh);
            c = new ChannelSeries(ChannelKind.SERVER_NAME, sh, sl, addrHi, addrLo, -1, Protocol.TCP, name, dest);
        } else {
            int port = (meta & (1 << 24)) != 0 ? -1 : (meta >>> 8) & 0xffff;
            int dest = destinations.id(dh, dl);
            c = new ChannelSeries(ChannelKind.ADDRESS, sh, sl, dh, dl, port, Protocol.ofCode((byte) (meta & 0xff)), null, dest);
        }
        kSrcHi[h] = sh;
        kSrcLo[h] = sl;
        kDstHi[h] = dh;
        kDstLo[h] = dl;
        kMeta[h] = meta;
        slotChannel[h] = channels.size();
        channels.add(c);
        if (channels.size() * 2 > mask) {
            grow();
        }
        return c;
    }

    private void grow() {
        long[] osh = kSrcHi, osl = kSrcLo, odh = kDstHi, odl = kDstLo;
        int[] om = kMeta, oc = slotChannel;
        int cap = oc.length << 1;
        kSrcHi = new long[cap];
        kSrcLo = new long[cap];
        kDstHi = new long[cap];
        kDstLo = new long[cap];
        kMeta = new int[cap];
        slotChannel = new int[cap];
        Arrays.fill(slotChannel, -1);
        mask = cap - 1;
        for (int s = 0; s < oc.length; s++) {
            if (oc[s] < 0) {
                continue;
            }
            int h = hash(osh[s], osl[s], odh[s], odl[s], om[s]) & mask;
            while (slotChannel[h] >= 0) {
                h = (h + 1) & mask;
            }
            kSrcHi[h] = osh[s];
            kSrcLo[h] = osl[s];
            kDstHi[h] = odh[s];
            kDstLo[h] = odl[s];
            kMeta[h] = om[s];
            slotChannel[h] = oc[s];
        }
    }

    static int hash(long a, long b, long c, long d, int e) {
        long h = a * 0x9E3779B97F4A7C15L;
        h = (h ^ b) * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ c) * 0x9E3779B97F4A7C15L;
        h = (h ^ d) * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ e) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32) ^ (h >>> 17));
    }

    private int nameId(String name) {
        Integer id = nameIds.get(name);
        if (id != null) {
            return id;
        }
        int n = names.size();
        String canonical = name.toLowerCase(java.util.Locale.ROOT);
        // names differing only in case share one channel
        Integer same = nameIds.get(canonical);
        if (same != null) {
            nameIds.put(name, same);
            return same;
        }
        names.add(canonical);
        nameIds.put(canonical, n);
        nameIds.put(name, n);
        if (n >= nameAllowlisted.length) {
            nameAllowlisted = Arrays.copyOf(nameAllowlisted, n * 2);
        }
        nameAllowlisted[n] = scope.allowlist().containsDomain(canonical);
        return n;
    }

    private int labelId(String label) {
        if (label == null || label.isEmpty() || "-".equals(label)) {
            return -1;
        }
        Integer id = labelIds.get(label);
        if (id != null) {
            return id;
        }
        int n = labels.size();
        labels.add(label);
        labelIds.put(label, n);
        return n;
    }

    /** Sorts every channel by time and returns them; the aggregator cannot be used afterwards. */
    public List<ChannelSeries> finish() {
        if (!finished) {
            finished = true;
            String[] l = labels.toArray(new String[0]);
            for (ChannelSeries c : channels) {
                c.finish(l);
            }
            kSrcHi = kSrcLo = kDstHi = kDstLo = null;
            kMeta = slotChannel = null;
        }
        return channels;
    }

    /** Flows offered to {@link #add}. */
    public long flowsRead() {
        return flowsRead;
    }

    /** Flows kept in a channel. */
    public long flowsUsed() {
        return flowsUsed;
    }

    /** Flows dropped because they have no source or no destination address (NSL-KDD records). */
    public long skippedNoAddress() {
        return noAddress;
    }

    /** Flows dropped because their source is outside the internal networks. */
    public long skippedExternalSource() {
        return skippedExternalSource;
    }

    /** Flows dropped because their destination is internal, multicast, broadcast, link-local or loopback. */
    public long skippedDestination() {
        return skippedDestination;
    }

    /** Flows dropped by the allowlist. */
    public long allowlisted() {
        return allowlisted;
    }

    /** Number of distinct destinations (addresses and server names). */
    public int destinationCount() {
        return destinations.size();
    }

    /** Dense ids for destinations (an address, or a server name id with hi = -1). */
    private static final class DestinationIds {
        private long[] hi = new long[1 << 10], lo = new long[1 << 10];
        private int[] id = new int[1 << 10];
        private int size;

        DestinationIds() {
            Arrays.fill(id, -1);
        }

        int id(long h, long l) {
            int m = id.length - 1;
            int s = hash(h, l, 0, 0, 0) & m;
            while (id[s] >= 0) {
                if (hi[s] == h && lo[s] == l) {
                    return id[s];
                }
                s = (s + 1) & m;
            }
            hi[s] = h;
            lo[s] = l;
            id[s] = size++;
            if (size * 2 > id.length) {
                long[] oh = hi, ol = lo;
                int[] oi = id;
                hi = new long[oi.length * 2];
                lo = new long[oi.length * 2];
                id = new int[oi.length * 2];
                Arrays.fill(id, -1);
                int mm = id.length - 1;
                for (int k = 0; k < oi.length; k++) {
                    if (oi[k] >= 0) {
                        int t = hash(oh[k], ol[k], 0, 0, 0) & mm;
                        while (id[t] >= 0) {
                            t = (t + 1) & mm;
                        }
                        hi[t] = oh[k];
                        lo[t] = ol[k];
                        id[t] = oi[k];
                    }
                }
            }
            return size - 1;
        }

        int size() {
            return size;
        }
    }
}
