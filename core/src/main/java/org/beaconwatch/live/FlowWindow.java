package org.beaconwatch.live;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.beaconwatch.flow.FlowBatch;

/**
 * The flows of the sliding event-time window, column by column in ring buffers: only the fields
 * the channel aggregator reads (time, duration, addresses, ports, protocol, bytes, server name,
 * labels), about 90 bytes a flow. Flows leave from the oldest end once they fall out of the
 * window, so memory follows the window's flow count, not the days watched; a hard cap
 * ({@code maxFlows}) drops the oldest flows beyond it and counts them.
 *
 * <p>Logs arrive roughly in time order (a conn record is written when the connection ends), so a
 * late flow may sit behind newer ones for a while; {@link #batches(long, long)} filters by time,
 * so what is scored is exactly the flows with {@code lo <= ts < hi}.
 */
final class FlowWindow {
    private static final int MIN_CAPACITY = 1024;
    private final int maxFlows;
    private int head;
    private int size;
    private long overflow;
    private long[] ts, duration, srcHi, srcLo, dstHi, dstLo, origBytes, respBytes;
    private int[] ports;
    private short[] protoName;
    private String[] serverName, label, detailed;
    private final HashMap<String, String> strings = new HashMap<>();

    FlowWindow(int maxFlows) {
        this.maxFlows = maxFlows;
        allocate(MIN_CAPACITY);
    }

    private void allocate(int cap) {
        ts = new long[cap];
        duration = new long[cap];
        srcHi = new long[cap];
        srcLo = new long[cap];
        dstHi = new long[cap];
        dstLo = new long[cap];
        origBytes = new long[cap];
        respBytes = new long[cap];
        ports = new int[cap];
        protoName = new short[cap];
        serverName = new String[cap];
        label = new String[cap];
        detailed = new String[cap];
    }

    int size() {
        return size;
    }

    /** Flows dropped because the window held {@code maxFlows} already. */
    long overflow() {
        return overflow;
    }

    /** Slots allocated (for memory reports). */
    int capacity() {
        return ts.length;
    }

    private String intern(String s) {
        if (s == null) {
            return null;
        }
        String k = strings.putIfAbsent(s, s);
        return k == null ? s : k;
    }

    /** Appends row {@code i} of a batch. */
    void add(FlowBatch b, int i) {
        add(b.ts[i], b.duration[i], b.srcHi[i], b.srcLo[i], b.dstHi[i], b.dstLo[i], b.origBytes[i], b.respBytes[i],
                (b.srcPort[i] & 0xffff) << 16 | (b.dstPort[i] & 0xffff),
                (short) ((b.proto[i] & 0xff) << 8 | (b.nameSource[i] & 0xff) | (b.dstPort[i] < 0 ? 0x80 : 0)),
                b.serverName[i], b.label[i], b.detailedLabel[i]);
    }

    private void add(long t, long dur, long sh, long sl, long dh, long dl, long ob, long rb, int port, short pn,
                     String sn, String lb, String dt) {
        if (size == ts.length) {
            if (size >= maxFlows) {
                removeOldest();
                overflow++;
            } else {
                grow(Math.min(maxFlows, ts.length * 2));
            }
        }
        int k = (head + size) % ts.length;
        ts[k] = t;
        duration[k] = dur;
        srcHi[k] = sh;
        srcLo[k] = sl;
        dstHi[k] = dh;
        dstLo[k] = dl;
        origBytes[k] = ob;
        respBytes[k] = rb;
        ports[k] = port;
        protoName[k] = pn;
        serverName[k] = intern(sn);
        label[k] = intern(lb);
        detailed[k] = intern(dt);
        size++;
    }

    private void removeOldest() {
        serverName[head] = null;
        label[head] = null;
        detailed[head] = null;
        head = (head + 1) % ts.length;
        size--;
    }

    private void grow(int cap) {
        FlowWindow copy = new FlowWindow(Integer.MAX_VALUE);
        copy.allocate(cap);
        for (int j = 0; j < size; j++) {
            int k = (head + j) % ts.length;
            copy.ts[j] = ts[k];
            copy.duration[j] = duration[k];
            copy.srcHi[j] = srcHi[k];
            copy.srcLo[j] = srcLo[k];
            copy.dstHi[j] = dstHi[k];
            copy.dstLo[j] = dstLo[k];
            copy.origBytes[j] = origBytes[k];
            copy.respBytes[j] = respBytes[k];
            copy.ports[j] = ports[k];
            copy.protoName[j] = protoName[k];
            copy.serverName[j] = serverName[k];
            copy.label[j] = label[k];
            copy.detailed[j] = detailed[k];
        }
        ts = copy.ts;
        duration = copy.duration;
        srcHi = copy.srcHi;
        srcLo = copy.srcLo;
        dstHi = copy.dstHi;
        dstLo = copy.dstLo;
        origBytes = copy.origBytes;
        respBytes = copy.respBytes;
        ports = copy.ports;
        protoName = copy.protoName;
        serverName = copy.serverName;
        label = copy.label;
        detailed = copy.detailed;
        head = 0;
    }

    /**
     * Drops flows older than {@code cutoff} from the oldest end, and shrinks the buffers when a
     * quarter of them is in use, so a quiet night gives memory back.
     */
    void evictBefore(long cutoff) {
        while (size > 0 && ts[head] < cutoff) {
            removeOldest();
        }
        if (ts.length > MIN_CAPACITY && size < ts.length / 4) {
            grow(Math.max(MIN_CAPACITY, ts.length / 2));
        }
        if (strings.size() > 4 * Math.max(1024, size / 8)) {
            strings.clear();
            for (int j = 0; j < size; j++) {
                int k = (head + j) % ts.length;
                serverName[k] = intern(serverName[k]);
                label[k] = intern(label[k]);
                detailed[k] = intern(detailed[k]);
            }
        }
    }

    /** The flows with {@code lo <= ts < hi}, as batches for {@link org.beaconwatch.score.BeaconDetector}. */
    List<FlowBatch> batches(long lo, long hi) {
        List<FlowBatch> out = new ArrayList<>();
        FlowBatch b = null;
        for (int j = 0; j < size; j++) {
            int k = (head + j) % ts.length;
            long t = ts[k];
            if (t < lo || t >= hi) {
                continue;
            }
            if (b == null || b.isFull()) {
                b = new FlowBatch();
                out.add(b);
            }
            int i = b.add();
            b.ts[i] = t;
            b.duration[i] = duration[k];
            b.srcHi[i] = srcHi[k];
            b.srcLo[i] = srcLo[k];
            b.dstHi[i] = dstHi[k];
            b.dstLo[i] = dstLo[k];
            b.origBytes[i] = origBytes[k];
            b.respBytes[i] = respBytes[k];
            int p = ports[k];
            short pn = protoName[k];
            b.srcPort[i] = (p >>> 16) & 0xffff;
            b.dstPort[i] = (pn & 0x80) != 0 ? -1 : p & 0xffff;
            b.proto[i] = (byte) (pn >>> 8);
            b.nameSource[i] = (byte) (pn & 0x7f);
            b.serverName[i] = serverName[k];
            b.label[i] = label[k];
            b.detailedLabel[i] = detailed[k];
        }
        return out;
    }

    void save(StateFile.Out o) throws IOException {
        o.i32(size).i64(overflow);
        for (int j = 0; j < size; j++) {
            int k = (head + j) % ts.length;
            o.i64(ts[k]).i64(duration[k]).i64(srcHi[k]).i64(srcLo[k]).i64(dstHi[k]).i64(dstLo[k]).i64(origBytes[k])
                    .i64(respBytes[k]).i32(ports[k]).i32(protoName[k]).str(serverName[k]).str(label[k])
                    .str(detailed[k]);
        }
    }

    void load(StateFile.In in) throws IOException {
        int n = in.count(84);
        overflow = in.i64();
        head = 0;
        size = 0;
        allocate(Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, n)) * 2));
        for (int j = 0; j < n; j++) {
            add(in.i64(), in.i64(), in.i64(), in.i64(), in.i64(), in.i64(), in.i64(), in.i64(), in.i32(),
                    (short) in.i32(), in.str(), in.str(), in.str());
        }
    }
}
