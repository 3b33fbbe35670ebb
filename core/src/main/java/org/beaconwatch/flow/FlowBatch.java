package org.beaconwatch.flow;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Columnar batch of flows for the hot path: one primitive array per numeric field, so readers
 * and aggregators touch no boxed values. Fields mirror {@link Flow}; unset numbers are
 * {@link Flow#UNSET}, unset strings null, absent addresses (0, 0).
 *
 * <p>Arrays are public for speed; a reader appends with {@link #add()} and writes index i of
 * every column it knows; {@link #add()} resets the new row to "unset" first.
 */
public final class FlowBatch {
    public static final int DEFAULT_CAPACITY = 8192;

    private final int capacity;
    private int size;
    private List<String> extraColumns = List.of();
    private boolean splitRecords;

    public final long[] ts, duration;
    public final long[] srcHi, srcLo, dstHi, dstLo;
    public final int[] srcPort, dstPort;
    public final byte[] proto, nameSource;
    public final long[] origBytes, respBytes, origPkts, respPkts, origIpBytes, respIpBytes;
    public final String[] service, connState, uid, label, detailedLabel, serverName;
    /**
     * The connection uid's 128-bit hash ({@code io.spi.UidHash}), high and low word; both 0 when
     * the row has no uid. Readers fill it even when they leave {@link #uid} null (a reader told
     * not to keep uid text), so joins and the "logged twice" check need no String.
     */
    public final long[] uidHi, uidLo;
    /** Values of the extra columns per row (aligned with {@link #extraColumns()}), or null. */
    public final String[][] extra;
    /** 1-based line number in the input file, for messages; 0 when unknown. */
    public final long[] line;
    /** Index of the input file the row came from, into {@link org.beaconwatch.io.FlowSource#files()}. */
    public final int[] file;

    public FlowBatch() {
        this(DEFAULT_CAPACITY);
    }

    public FlowBatch(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        ts = new long[capacity];
        duration = new long[capacity];
        srcHi = new long[capacity];
        srcLo = new long[capacity];
        dstHi = new long[capacity];
        dstLo = new long[capacity];
        srcPort = new int[capacity];
        dstPort = new int[capacity];
        proto = new byte[capacity];
        nameSource = new byte[capacity];
        origBytes = new long[capacity];
        respBytes = new long[capacity];
        origPkts = new long[capacity];
        respPkts = new long[capacity];
        origIpBytes = new long[capacity];
        respIpBytes = new long[capacity];
        service = new String[capacity];
        connState = new String[capacity];
        uid = new String[capacity];
        uidHi = new long[capacity];
        uidLo = new long[capacity];
        label = new String[capacity];
        detailedLabel = new String[capacity];
        serverName = new String[capacity];
        extra = new String[capacity][];
        line = new long[capacity];
        file = new int[capacity];
    }

    public int capacity() {
        return capacity;
    }

    public int size() {
        return size;
    }

    public boolean isFull() {
        return size == capacity;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Names of the extra columns carried by this batch (empty for most formats). */
    public List<String> extraColumns() {
        return extraColumns;
    }

    public void extraColumns(List<String> names) {
        this.extraColumns = List.copyOf(names);
    }

    /**
     * True when the rows come from a sensor that splits one connection into several records
     * (Argus status records in binetflow): only then are records of one connection merged into one
     * by the channel aggregator. Zeek logs one record per connection, so this stays false for Zeek.
     */
    public boolean splitRecords() {
        return splitRecords;
    }

    public void splitRecords(boolean split) {
        this.splitRecords = split;
    }

    /** Empties the batch (arrays are reused). */
    public void clear() {
        Arrays.fill(extra, 0, size, null);
        size = 0;
    }

    /** Appends a row with every field unset and returns its index. */
    public int add() {
        if (size == capacity) {
            throw new IllegalStateException("batch full");
        }
        int i = size++;
        reset(i);
        return i;
    }

    /** Drops the last row (a reader that found the row malformed after add()). */
    public void removeLast() {
        if (size > 0) {
            size--;
            extra[size] = null;
        }
    }

    /**
     * Keeps the first {@code newSize} rows (a source that dropped rows after {@link #moveRow}).
     */
    public void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("size " + newSize + " not in [0, " + size + "]");
        }
        Arrays.fill(extra, newSize, size, null);
        size = newSize;
    }

    /** Appends rows [from, from + n) of {@code src} (every column). */
    public void copyRows(FlowBatch src, int from, int n) {
        if (size + n > capacity) {
            throw new IllegalStateException("batch full");
        }
        int to = size;
        System.arraycopy(src.ts, from, ts, to, n);
        System.arraycopy(src.duration, from, duration, to, n);
        System.arraycopy(src.srcHi, from, srcHi, to, n);
        System.arraycopy(src.srcLo, from, srcLo, to, n);
        System.arraycopy(src.dstHi, from, dstHi, to, n);
        System.arraycopy(src.dstLo, from, dstLo, to, n);
        System.arraycopy(src.srcPort, from, srcPort, to, n);
        System.arraycopy(src.dstPort, from, dstPort, to, n);
        System.arraycopy(src.proto, from, proto, to, n);
        System.arraycopy(src.nameSource, from, nameSource, to, n);
        System.arraycopy(src.origBytes, from, origBytes, to, n);
        System.arraycopy(src.respBytes, from, respBytes, to, n);
        System.arraycopy(src.origPkts, from, origPkts, to, n);
        System.arraycopy(src.respPkts, from, respPkts, to, n);
        System.arraycopy(src.origIpBytes, from, origIpBytes, to, n);
        System.arraycopy(src.respIpBytes, from, respIpBytes, to, n);
        System.arraycopy(src.service, from, service, to, n);
        System.arraycopy(src.connState, from, connState, to, n);
        System.arraycopy(src.uid, from, uid, to, n);
        System.arraycopy(src.uidHi, from, uidHi, to, n);
        System.arraycopy(src.uidLo, from, uidLo, to, n);
        System.arraycopy(src.label, from, label, to, n);
        System.arraycopy(src.detailedLabel, from, detailedLabel, to, n);
        System.arraycopy(src.serverName, from, serverName, to, n);
        System.arraycopy(src.extra, from, extra, to, n);
        System.arraycopy(src.line, from, line, to, n);
        System.arraycopy(src.file, from, file, to, n);
        size += n;
    }

    /** Sets row i's source address ({@code source}) or destination address to {@code {hi, lo}}. */
    public void address(int i, boolean source, long[] addr) {
        if (source) {
            srcHi[i] = addr[0];
            srcLo[i] = addr[1];
        } else {
            dstHi[i] = addr[0];
            dstLo[i] = addr[1];
        }
    }

    /** Copies row {@code from} over row {@code to} (every column), to compact a batch in place. */
    public void moveRow(int from, int to) {
        ts[to] = ts[from];
        duration[to] = duration[from];
        srcHi[to] = srcHi[from];
        srcLo[to] = srcLo[from];
        dstHi[to] = dstHi[from];
        dstLo[to] = dstLo[from];
        srcPort[to] = srcPort[from];
        dstPort[to] = dstPort[from];
        proto[to] = proto[from];
        nameSource[to] = nameSource[from];
        origBytes[to] = origBytes[from];
        respBytes[to] = respBytes[from];
        origPkts[to] = origPkts[from];
        respPkts[to] = respPkts[from];
        origIpBytes[to] = origIpBytes[from];
        respIpBytes[to] = respIpBytes[from];
        service[to] = service[from];
        connState[to] = connState[from];
        uid[to] = uid[from];
        uidHi[to] = uidHi[from];
        uidLo[to] = uidLo[from];
        label[to] = label[from];
        detailedLabel[to] = detailedLabel[from];
        serverName[to] = serverName[from];
        extra[to] = extra[from];
        line[to] = line[from];
        file[to] = file[from];
    }

    private void reset(int i) {
        ts[i] = 0L;
        duration[i] = Flow.UNSET;
        srcHi[i] = 0L;
        srcLo[i] = 0L;
        dstHi[i] = 0L;
        dstLo[i] = 0L;
        srcPort[i] = -1;
        dstPort[i] = -1;
        proto[i] = Protocol.UNKNOWN.code();
        nameSource[i] = NameSource.NONE.code();
        origBytes[i] = Flow.UNSET;
        respBytes[i] = Flow.UNSET;
        origPkts[i] = Flow.UNSET;
        respPkts[i] = Flow.UNSET;
        origIpBytes[i] = Flow.UNSET;
        respIpBytes[i] = Flow.UNSET;
        service[i] = null;
        connState[i] = null;
        uid[i] = null;
        uidHi[i] = 0L;
        uidLo[i] = 0L;
        label[i] = null;
        detailedLabel[i] = null;
        serverName[i] = null;
        extra[i] = null;
        line[i] = 0L;
        file[i] = 0;
    }

    /** Materialises row i as a {@link Flow} (allocates; not for the hot path). */
    public Flow get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        Map<String, String> ex;
        String[] values = extra[i];
        if (values == null || extraColumns.isEmpty()) {
            ex = Map.of();
        } else {
            LinkedHashMap<String, String> m = new LinkedHashMap<>();
            for (int c = 0; c < extraColumns.size() && c < values.length; c++) {
                m.put(extraColumns.get(c), values[c]);
            }
            ex = Collections.unmodifiableMap(m);
        }
        return new Flow(ts[i], duration[i],
                new IpAddress(srcHi[i], srcLo[i]), srcPort[i], new IpAddress(dstHi[i], dstLo[i]), dstPort[i],
                Protocol.ofCode(proto[i]), service[i],
                origBytes[i], respBytes[i], origPkts[i], respPkts[i], origIpBytes[i], respIpBytes[i],
                connState[i], uid[i], label[i], detailedLabel[i], serverName[i], NameSource.ofCode(nameSource[i]), ex);
    }

    /** Appends a {@link Flow} (for tests and small inputs). */
    public int add(Flow f) {
        int i = add();
        ts[i] = f.tsMicros();
        duration[i] = f.durationMicros();
        srcHi[i] = f.src().hi();
        srcLo[i] = f.src().lo();
        dstHi[i] = f.dst().hi();
        dstLo[i] = f.dst().lo();
        srcPort[i] = f.srcPort();
        dstPort[i] = f.dstPort();
        proto[i] = f.proto().code();
        service[i] = f.service();
        origBytes[i] = f.origBytes();
        respBytes[i] = f.respBytes();
        origPkts[i] = f.origPkts();
        respPkts[i] = f.respPkts();
        origIpBytes[i] = f.origIpBytes();
        respIpBytes[i] = f.respIpBytes();
        connState[i] = f.connState();
        uid[i] = f.uid();
        label[i] = f.label();
        detailedLabel[i] = f.detailedLabel();
        serverName[i] = f.serverName();
        nameSource[i] = f.nameSource().code();
        if (!f.extra().isEmpty()) {
            String[] v = new String[extraColumns.size()];
            for (int c = 0; c < v.length; c++) {
                v[c] = f.extra().get(extraColumns.get(c));
            }
            extra[i] = v;
        }
        return i;
    }
}
