package org.beaconwatch.channel;

import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.flow.NameSource;

/**
 * The per-flow path into one {@link ChannelAggregator}. From a batch ({@link ChannelAggregator#add}):
 * each row is checked against the scope (no address, external source, excluded destination,
 * allowlist; dropped rows counted per reason in {@link FlowCounts}), its server name and labels
 * interned ({@link FlowStrings}), and the kept row given its channel id ({@link ChannelTable}) and
 * appended to the rows ({@link SpillingRows}), or, when cut by source host, handed to the
 * {@link SourceCut}. From a source partition's file ({@link #addCut}): a row kept before, counted,
 * given its channel id here and appended.
 *
 * <p>Hot path: primitive columns in, no object made and no virtual call per row. Address-channel
 * table slots are loaded a block of rows at a time before the rows are looked up one by one
 * ({@link ChannelTable#warm}).
 */
final class FlowIntake {
    private static final byte CONNECT = NameSource.HTTP_CONNECT.code();
    /** Rows whose table slots are loaded together before they are looked up one by one. */
    private static final int WARM_BLOCK = 256;

    private final ChannelScope scope;
    /** The internal networks, for the per-flow source and destination tests. */
    private final InternalNetworks internal;
    private final FlowStrings strings;
    private final ChannelTable table;
    private final SpillingRows rows;
    private final FlowCounts counts;
    private final int[] blockHashes = new int[WARM_BLOCK];
    /** Keeps the loads of {@link #warm} from being optimised away; never read for a result. */
    @SuppressWarnings("unused")
    private long warmSink;
    /** Some batch asked for split records to be merged (binetflow). */
    private boolean splitRecords;

    FlowIntake(ChannelScope scope, FlowStrings strings, ChannelTable table, SpillingRows rows, FlowCounts counts) {
        this.scope = scope;
        this.internal = new InternalNetworks(scope.internal());
        this.strings = strings;
        this.table = table;
        this.rows = rows;
        this.counts = counts;
    }

    /** Whether some batch asked for split records to be merged ({@link FlowBatch#splitRecords()}). */
    boolean splitRecords() {
        return splitRecords;
    }

    /** Adds every row of the batch: to the channels, or to {@code bySource} when not null. */
    void add(FlowBatch b, SourceCut bySource) {
        final int size = b.size();
        final Allowlist allow = scope.allowlist();
        final boolean hasAllow = !allow.isEmpty();
        final boolean merge = b.splitRecords();
        splitRecords |= merge;
        final boolean allSources = scope.allSources(), internalDestinations = scope.internalDestinations();
        final int[] hashes = blockHashes;
        final FlowStrings interned = strings;
        final InternalNetworks inside = internal;
        final SpillingRows kept = rows;
        final FlowCounts n = counts;
        final boolean cut = bySource != null;
        n.read += size;
        for (int i = 0; i < size; i++) {
            if (!cut && (i & (WARM_BLOCK - 1)) == 0) {
                warm(b, i, Math.min(size, i + WARM_BLOCK));
            }
            long sh = b.srcHi[i], sl = b.srcLo[i], dh = b.dstHi[i], dl = b.dstLo[i];
            if ((sh | sl) == 0L || (dh | dl) == 0L) {
                n.noAddress++;
                if (cut) {
                    bySource.dropped(b, i, SourceCut.DROPPED_NO_ADDRESS);
                }
                continue;
            }
            if (!allSources && !inside.contains(sh, sl)) {
                n.externalSource++;
                if (cut) {
                    bySource.dropped(b, i, SourceCut.DROPPED_EXTERNAL_SOURCE);
                }
                continue;
            }
            boolean proxied = b.nameSource[i] == CONNECT && b.serverName[i] != null;
            if (Allowlist.isSpecialAddress(dh, dl)
                    || (!proxied && !internalDestinations && inside.contains(dh, dl))) {
                n.destination++;
                if (cut) {
                    bySource.dropped(b, i, SourceCut.DROPPED_DESTINATION);
                }
                continue;
            }
            if (hasAllow && (allow.containsAddress(dh, dl) || allow.containsAddress(sh, sl))) {
                n.allowlisted++;
                if (cut) {
                    bySource.dropped(b, i, SourceCut.DROPPED_ALLOWLISTED);
                }
                continue;
            }
            String name = b.serverName[i];
            int nameId = -1;
            if (name != null && !name.isEmpty() && !"-".equals(name)) {
                nameId = interned.nameId(name);
                if (interned.nameAllowlisted(nameId)) {
                    n.allowlisted++;
                    if (cut) {
                        bySource.dropped(b, i, SourceCut.DROPPED_ALLOWLISTED);
                    }
                    continue;
                }
            }
            int label = interned.labelId(b.label[i]);
            int detailed = interned.labelId(b.detailedLabel[i]);
            n.used++;
            int sport = merge ? b.srcPort[i] : -1;
            if (cut) {
                bySource.kept(b, i, nameId, label, detailed, sport);
                continue;
            }
            if (nameId >= 0) {
                int ch = table.id(sh, sl, nameId, 0L, ChannelTable.KIND_NAME, dl);
                kept.append(ch, true, b.ts[i], b.origBytes[i], b.respBytes[i], b.duration[i], label, detailed, sport,
                        dh, dl, b.dstPort[i]);
            } else {
                int ch = table.id(sh, sl, dh, dl, ChannelTable.addressMeta(b, i), dl, hashes[i & (WARM_BLOCK - 1)]);
                kept.append(ch, false, b.ts[i], b.origBytes[i], b.respBytes[i], b.duration[i], label, detailed, sport,
                        0L, 0L, 0);
            }
        }
    }

    /**
     * A kept flow read back from a source partition's file ({@link SourceCut}): counted, given its
     * channel id, and appended, or only tallied in {@code keysOnly} when that is not null.
     */
    void addCut(long sh, long sl, long dh, long dl, int meta, int port, int nameId, long ts, long ob, long rb,
                long dur, int label, int detailed, int sport, SpanTally keysOnly) {
        counts.read++;
        counts.used++;
        int ch = nameId >= 0 ? table.id(sh, sl, nameId, 0L, ChannelTable.KIND_NAME, dl)
                : table.id(sh, sl, dh, dl, meta, dl);
        if (keysOnly != null) {
            keysOnly.add(ch, ts, dur);
        } else if (nameId >= 0) {
            rows.append(ch, true, ts, ob, rb, dur, label, detailed, sport, dh, dl, port);
        } else {
            rows.append(ch, false, ts, ob, rb, dur, label, detailed, sport, 0L, 0L, 0);
        }
    }

    /** Loads the table slots of rows [from, to) together ({@link ChannelTable#warm}). */
    private void warm(FlowBatch b, int from, int to) {
        warmSink = table.warm(b, from, to, blockHashes);
    }
}
