package org.beaconwatch.channel;

import java.util.Arrays;

/**
 * The flows of {@link ChannelAggregator#plus}: another aggregator's kept flows appended, in their
 * arrival order, after this one's, with its server names, labels and channels given this
 * aggregator's ids (a channel new here gets the next id on its first flow), so the result equals
 * one aggregator fed both inputs in that order. The other aggregator is only read.
 */
final class AggregateMerge {
    private AggregateMerge() {
    }

    /**
     * Appends the flows of the aggregator holding {@code otherTable}, {@code otherStrings} and
     * {@code otherRows} to the one holding {@code table}, {@code strings} and {@code rows}.
     *
     * @throws IllegalStateException when the other aggregator spilled to disk
     */
    static void append(ChannelTable table, FlowStrings strings, SpillingRows rows,
                       ChannelTable otherTable, FlowStrings otherStrings, SpillingRows otherRows) {
        int[] nameMap = strings.nameIdsOf(otherStrings);
        int[] labelMap = strings.labelIdsOf(otherStrings);
        if (otherRows.spilled()) {
            throw new IllegalStateException("cannot merge an aggregate that spilled to disk");
        }
        Rows o = otherRows.inMemory();
        ChannelTable o2 = otherTable;
        int[] chMap = new int[o2.count];
        Arrays.fill(chMap, -1);
        for (long r = 0; r < o.size; r++) {
            int oc = o.channel.get(r);
            int ch = chMap[oc];
            if (ch < 0) {
                int meta = o2.meta[oc];
                if (o2.named(oc)) {
                    ch = table.id(o2.srcHi[oc], o2.srcLo[oc], nameMap[(int) o2.dstHi[oc]], 0L, meta, o2.dstLo[oc]);
                } else {
                    ch = table.id(o2.srcHi[oc], o2.srcLo[oc], o2.dstHi[oc], o2.dstLo[oc], meta, o2.dstLo[oc]);
                }
                chMap[oc] = ch;
            }
            int label = o.label(r);
            int detailed = o.detailed(r);
            boolean named = o2.named(oc);
            rows.append(ch, o.ts.get(r), o.orig.get(r), o.resp.get(r), o.dur.get(r),
                    label < 0 ? -1 : labelMap[label], detailed < 0 ? -1 : labelMap[detailed], o.srcPort(r),
                    named ? o.nameHi.get(r) : 0L, named ? o.nameLo.get(r) : 0L, named ? o.namePort.get(r) : 0);
        }
    }
}
