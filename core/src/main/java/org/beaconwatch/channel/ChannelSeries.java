package org.beaconwatch.channel;

import java.util.Arrays;
import org.beaconwatch.flow.Protocol;

/**
 * The flows of one channel as primitive columns, sorted by start time once the aggregator is
 * finished: start times (epoch µs), payload bytes from the originator and responder, and durations
 * (µs); unset values are -1. For a server-name channel, {@link #dstHi()}/{@link #dstLo()} and
 * {@link #dstPort()} are the most common destination address and port among its flows.
 */
public final class ChannelSeries {
    private static final long[] EMPTY = new long[0];

    private final ChannelKind kind;
    private final long srcHi, srcLo;
    private long dstHi, dstLo;
    private int dstPort;
    private final Protocol proto;
    private final String serverName;
    private final int destinationId;

    private int n;
    private long[] ts = EMPTY;
    private long[] origBytes = EMPTY;
    private long[] respBytes = EMPTY;
    private long[] duration = EMPTY;
    private int[] labelId;
    private int[] detailedLabelId;
    private long[] nameDstHi, nameDstLo;
    private int[] nameDstPort;
    private String label, detailedLabel;
    private int lastSrcPort = -1;
    private long lastEnd = Long.MIN_VALUE;
    private int continuations;

    ChannelSeries(ChannelKind kind, long srcHi, long srcLo, long dstHi, long dstLo, int dstPort, Protocol proto,
                  String serverName, int destinationId) {
        this.kind = kind;
        this.srcHi = srcHi;
        this.srcLo = srcLo;
        this.dstHi = dstHi;
        this.dstLo = dstLo;
        this.dstPort = dstPort;
        this.proto = proto;
        this.serverName = serverName;
        this.destinationId = destinationId;
        if (kind == ChannelKind.SERVER_NAME) {
            nameDstHi = EMPTY;
            nameDstLo = EMPTY;
            nameDstPort = new int[0];
        }
    }

    /** Builds a series directly from arrays (tests and tools); arrays are copied and sorted. */
    public static ChannelSeries of(ChannelKind kind, long srcHi, long srcLo, long dstHi, long dstLo, int dstPort,
                                   Protocol proto, String serverName, long[] ts, long[] origBytes, long[] duration) {
        ChannelSeries s = new ChannelSeries(kind, srcHi, srcLo, dstHi, dstLo, dstPort, proto, serverName, 0);
        for (int i = 0; i < ts.length; i++) {
            s.add(ts[i], origBytes == null ? -1 : origBytes[i], -1, duration == null ? -1 : duration[i], -1, -1);
            if (s.nameDstHi != null) {
                s.addNameDestination(dstHi, dstLo, dstPort);
            }
        }
        s.finish(null);
        return s;
    }

    /**
     * Adds a flow; a flow with the same source port that starts no later than
     * {@link #CONTINUATION_GAP} after the previous flow of the channel ended is a continuation
     * record of the same connection (Argus status records split long connections every
     * few seconds to an hour) and is merged into it. Returns true when a new connection was added.
     */
    boolean add(long t, long ob, long rb, long dur, int label, int detailed, int srcPort) {
        if (srcPort >= 0 && srcPort == lastSrcPort && n > 0 && t >= ts[n - 1] && t <= lastEnd + CONTINUATION_GAP) {
            int i = n - 1;
            long end = Math.max(lastEnd, dur >= 0 ? t + dur : t);
            duration[i] = end - ts[i];
            if (ob >= 0) {
                origBytes[i] = Math.max(0, origBytes[i]) + ob;
            }
            if (rb >= 0) {
                respBytes[i] = Math.max(0, respBytes[i]) + rb;
            }
            lastEnd = end;
            continuations++;
            return false;
        }
        add(t, ob, rb, dur, label, detailed);
        lastSrcPort = srcPort;
        lastEnd = dur >= 0 ? t + dur : t;
        return true;
    }

    /** Continuation records merged into an earlier connection (see {@link #add}). */
    public int continuations() {
        return continuations;
    }

    /**
     * Sizes the columns for {@code rows} flows before the first is added, so a channel built from
     * rows whose count is known grows no array and its columns need no trimming when finished.
     */
    void reserve(int rows) {
        if (n == 0 && rows > ts.length) {
            ts = new long[rows];
            origBytes = new long[rows];
            respBytes = new long[rows];
            duration = new long[rows];
        }
    }

    /**
     * Sets all connections at once, in arrival order, before {@link #finish}: the same series as
     * {@link #add(long, long, long, long, int, int, int)} of each flow without a source port (no
     * continuation records), which keeps labels only when one is set and the server-name
     * destination of every connection. The arrays (length {@code count}) are taken, not copied;
     * label arrays may be null (no labels), name arrays are null for an address channel.
     */
    void setConnections(int count, long[] t, long[] ob, long[] rb, long[] dur, int[] label, int[] detailed,
                        long[] nameHi, long[] nameLo, int[] namePort) {
        if (n != 0) {
            throw new IllegalStateException("connections already added");
        }
        n = count;
        ts = t;
        origBytes = ob;
        respBytes = rb;
        duration = dur;
        labelId = label;
        detailedLabelId = detailed;
        if (nameDstHi != null) {
            nameDstHi = nameHi;
            nameDstLo = nameLo;
            nameDstPort = namePort;
        }
    }

    /** Largest gap (µs) between a record's end and the next record of the same connection. */
    static final long CONTINUATION_GAP = 2_000_000L;

    void add(long t, long ob, long rb, long dur, int label, int detailed) {
        if (n == ts.length) {
            int cap = n + (n >> 1) + 4;
            ts = Arrays.copyOf(ts, cap);
            origBytes = Arrays.copyOf(origBytes, cap);
            respBytes = Arrays.copyOf(respBytes, cap);
            duration = Arrays.copyOf(duration, cap);
            if (labelId != null) {
                labelId = Arrays.copyOf(labelId, cap);
                detailedLabelId = Arrays.copyOf(detailedLabelId, cap);
            }
        }
        ts[n] = t;
        origBytes[n] = ob;
        respBytes[n] = rb;
        duration[n] = dur;
        if ((label >= 0 || detailed >= 0) && labelId == null) {
            labelId = new int[ts.length];
            detailedLabelId = new int[ts.length];
            Arrays.fill(labelId, 0, n, -1);
            Arrays.fill(detailedLabelId, 0, n, -1);
        }
        if (labelId != null) {
            labelId[n] = label;
            detailedLabelId[n] = detailed;
        }
        n++;
    }

    void addNameDestination(long hi, long lo, int port) {
        int i = n - 1;
        if (i >= nameDstHi.length) {
            int cap = ts.length;
            nameDstHi = Arrays.copyOf(nameDstHi, cap);
            nameDstLo = Arrays.copyOf(nameDstLo, cap);
            nameDstPort = Arrays.copyOf(nameDstPort, cap);
        }
        nameDstHi[i] = hi;
        nameDstLo[i] = lo;
        nameDstPort[i] = port;
    }

    /** Sorts by time, trims, resolves the most common destination and label. */
    void finish(String[] labels) {
        boolean sorted = true;
        for (int i = 1; i < n; i++) {
            if (ts[i] < ts[i - 1]) {
                sorted = false;
                break;
            }
        }
        if (!sorted) {
            int[] idx = TimeOrder.sortedIndex(ts, n);
            ts = permute(ts, idx);
            origBytes = permute(origBytes, idx);
            respBytes = permute(respBytes, idx);
            duration = permute(duration, idx);
            if (labelId != null) {
                labelId = permute(labelId, idx);
                detailedLabelId = permute(detailedLabelId, idx);
            }
        } else if (ts.length != n) {
            ts = Arrays.copyOf(ts, n);
            origBytes = Arrays.copyOf(origBytes, n);
            respBytes = Arrays.copyOf(respBytes, n);
            duration = Arrays.copyOf(duration, n);
        }
        if (nameDstHi != null && n > 0) {
            int best = 0, bestCount = 0;
            int[] order = TimeOrder.sortedIndex(nameDstLo, n);
            for (int a = 0; a < n; ) {
                int b = a;
                while (b < n && nameDstLo[order[b]] == nameDstLo[order[a]] && nameDstHi[order[b]] == nameDstHi[order[a]]) {
                    b++;
                }
                if (b - a > bestCount) {
                    bestCount = b - a;
                    best = order[a];
                }
                a = b;
            }
            dstHi = nameDstHi[best];
            dstLo = nameDstLo[best];
            dstPort = nameDstPort[best];
            nameDstHi = null;
            nameDstLo = null;
            nameDstPort = null;
        }
        if (labelId != null && labels != null) {
            label = mode(labelId, labels);
            detailedLabel = mode(detailedLabelId, labels);
            labelId = null;
            detailedLabelId = null;
        }
    }

    private String mode(int[] ids, String[] labels) {
        int[] c = Arrays.copyOf(ids, n);
        Arrays.sort(c);
        int best = -1, bestCount = 0;
        for (int a = 0; a < n; ) {
            int b = a;
            while (b < n && c[b] == c[a]) {
                b++;
            }
            if (c[a] >= 0 && b - a > bestCount) {
                bestCount = b - a;
                best = c[a];
            }
            a = b;
        }
        return best < 0 ? null : labels[best];
    }

    private long[] permute(long[] a, int[] idx) {
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
            r[i] = a[idx[i]];
        }
        return r;
    }

    private int[] permute(int[] a, int[] idx) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = a[idx[i]];
        }
        return r;
    }

    public ChannelKind kind() {
        return kind;
    }

    public long srcHi() {
        return srcHi;
    }

    public long srcLo() {
        return srcLo;
    }

    public long dstHi() {
        return dstHi;
    }

    public long dstLo() {
        return dstLo;
    }

    /** Destination port (most common one for a server-name channel), or -1. */
    public int dstPort() {
        return dstPort;
    }

    public Protocol proto() {
        return proto;
    }

    /** Server name for a server-name channel, else null. */
    public String serverName() {
        return serverName;
    }

    /**
     * Identifier of the destination (address or server name) shared by every channel to the same
     * destination; used to count distinct sources per destination.
     */
    public int destinationId() {
        return destinationId;
    }

    /** Number of connections. */
    public int size() {
        return n;
    }

    /** Start times, epoch µs, ascending; length {@link #size()}. Do not modify. */
    public long[] ts() {
        return ts;
    }

    /** Originator payload bytes per connection (-1 unset). Do not modify. */
    public long[] origBytes() {
        return origBytes;
    }

    /** Responder payload bytes per connection (-1 unset). Do not modify. */
    public long[] respBytes() {
        return respBytes;
    }

    /** Durations in µs (-1 unset). Do not modify. */
    public long[] duration() {
        return duration;
    }

    /** Most frequent label among the channel's flows, or null when the input has none. */
    public String label() {
        return label;
    }

    /** Most frequent detailed label among the channel's flows, or null. */
    public String detailedLabel() {
        return detailedLabel;
    }
}
