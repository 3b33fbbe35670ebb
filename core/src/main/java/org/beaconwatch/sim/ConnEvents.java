package org.beaconwatch.sim;

import java.util.Arrays;

/**
 * The connections of one time slice in columnar primitive arrays (no object per row). Rows are
 * appended in generation order; {@link #sortKeys(long)} orders them by timestamp (ties by
 * insertion order, so output is deterministic).
 */
final class ConnEvents {
    // service codes
    static final byte SVC_NONE = 0;
    static final byte SVC_SSL = 1;
    static final byte SVC_HTTP = 2;
    static final byte SVC_DNS = 3;
    static final byte SVC_NTP = 4;
    // conn_state codes
    static final byte ST_SF = 0;
    static final byte ST_S0 = 1;
    static final byte ST_REJ = 2;
    static final byte ST_RSTO = 3;
    static final byte ST_RSTR = 4;
    // history codes
    static final byte H_SF = 0;
    static final byte H_SF2 = 1;
    static final byte H_RSTO = 2;
    static final byte H_RSTR = 3;
    static final byte H_SYN = 4;
    static final byte H_REJ = 5;
    static final byte H_UDP = 6;
    static final byte H_UDP_NOREPLY = 7;
    // flags
    static final byte F_LOCAL_RESP = 1;
    static final byte F_UDP = 2;
    // tls bits
    static final byte TLS_V13 = 1;
    static final byte TLS_RESUMED = 2;
    static final byte TLS_H2 = 4;
    static final byte TLS_HTTP11 = 8;
    static final byte TLS_AES256 = 16;

    static final int IDX_BITS = 27;
    static final long IDX_MASK = (1L << IDX_BITS) - 1;
    static final long MAX_OFFSET = 1L << (63 - IDX_BITS);

    int size;
    /** Rows of the sorted prefix that belong to the slice being written (set by the generator). */
    int writable;
    long[] ts;
    int[] src;
    int[] srcPort;
    int[] dst;
    int[] dstPort;
    byte[] flags;
    byte[] service;
    byte[] state;
    byte[] history;
    byte[] tls;
    long[] duration;
    long[] origBytes;
    long[] respBytes;
    int[] origPkts;
    int[] respPkts;
    int[] sni;
    int[] channel;
    long[] keys;

    ConnEvents(int capacity) {
        allocate(Math.max(16, capacity));
    }

    private void allocate(int cap) {
        ts = grow(ts, cap);
        src = grow(src, cap);
        srcPort = grow(srcPort, cap);
        dst = grow(dst, cap);
        dstPort = grow(dstPort, cap);
        flags = grow(flags, cap);
        service = grow(service, cap);
        state = grow(state, cap);
        history = grow(history, cap);
        tls = grow(tls, cap);
        duration = grow(duration, cap);
        origBytes = grow(origBytes, cap);
        respBytes = grow(respBytes, cap);
        origPkts = grow(origPkts, cap);
        respPkts = grow(respPkts, cap);
        sni = grow(sni, cap);
        channel = grow(channel, cap);
        keys = grow(keys, cap);
    }

    private static long[] grow(long[] a, int cap) {
        return a == null ? new long[cap] : Arrays.copyOf(a, cap);
    }

    private static int[] grow(int[] a, int cap) {
        return a == null ? new int[cap] : Arrays.copyOf(a, cap);
    }

    private static byte[] grow(byte[] a, int cap) {
        return a == null ? new byte[cap] : Arrays.copyOf(a, cap);
    }

    void clear() {
        size = 0;
    }

    /**
     * Appends one connection and returns its row index.
     *
     * @param durationMicros -1 when unset (single-packet connections: duration and bytes print "-")
     */
    int add(long t, int srcIp, int sport, int dstIp, int dport, byte flag, byte svc, byte st, byte hist,
            long durationMicros, long ob, long rb, int op, int rp, int sniIndex, byte tlsBits, int channelId) {
        if (size == ts.length) {
            if (size >= IDX_MASK) {
                throw new IllegalStateException("too many connections in one time slice");
            }
            allocate((int) Math.min(IDX_MASK, size * 2L));
        }
        int i = size++;
        ts[i] = t;
        src[i] = srcIp;
        srcPort[i] = sport;
        dst[i] = dstIp;
        dstPort[i] = dport;
        flags[i] = flag;
        service[i] = svc;
        state[i] = st;
        history[i] = hist;
        duration[i] = durationMicros;
        origBytes[i] = ob;
        respBytes[i] = rb;
        origPkts[i] = op;
        respPkts[i] = rp;
        sni[i] = sniIndex;
        tls[i] = tlsBits;
        channel[i] = channelId;
        return i;
    }

    /** Copies row {@code i} of {@code from} to the end of this buffer. */
    void copyRow(ConnEvents from, int i) {
        add(from.ts[i], from.src[i], from.srcPort[i], from.dst[i], from.dstPort[i], from.flags[i], from.service[i],
                from.state[i], from.history[i], from.duration[i], from.origBytes[i], from.respBytes[i],
                from.origPkts[i], from.respPkts[i], from.sni[i], from.tls[i], from.channel[i]);
    }

    /**
     * Fills and sorts {@link #keys}: (ts - base) in the high bits, row index in the low
     * {@value #IDX_BITS} bits. After this, {@code keys[k] & IDX_MASK} is the k-th row in time order.
     */
    void sortKeys(long base) {
        for (int i = 0; i < size; i++) {
            long off = ts[i] - base;
            if (off < 0 || off >= MAX_OFFSET) {
                throw new IllegalStateException("connection outside its time slice");
            }
            keys[i] = (off << IDX_BITS) | i;
        }
        Arrays.sort(keys, 0, size);
    }
}
