package org.beaconwatch.table;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.beaconwatch.flow.Flow;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.flow.Protocol;
import org.beaconwatch.io.FlowSource;

/**
 * Turns a stream of flows into a {@link DataTable}: one column per flow field that the input
 * actually carries (a field unset in every row is left out), and one per extra column (typed
 * numeric when every non-empty value parses as a number, categorical otherwise).
 *
 * <p>Column names: ts (epoch seconds), duration (s), src, src_port, dst, dst_port, proto, service,
 * orig_bytes, resp_bytes, orig_pkts, resp_pkts, orig_ip_bytes, resp_ip_bytes, conn_state, uid,
 * label, detailed_label, server_name, then extras under their own header names.
 * Ports are categorical (a port number is a name, not a quantity).
 */
public final class FlowTables {
    private FlowTables() {
    }

    /**
     * Reads every flow of {@code source} into a table.
     *
     * @param maxRows keep at most this many rows (0 = all); beyond it a seeded uniform reservoir
     *                sample is kept, so the table stays representative of the whole input
     * @param seed    seed of that sample
     * @throws org.beaconwatch.io.NothingToAnalyseException when the source held no flow record
     */
    public static DataTable read(FlowSource source, int maxRows, long seed) throws IOException {
        Builder b = new Builder();
        FlowBatch batch = new FlowBatch();
        SplittableRandom rnd = new SplittableRandom(seed);
        long seen = 0;
        List<String> extraNames = List.of();
        while (source.read(batch)) {
            if (!batch.extraColumns().isEmpty()) {
                extraNames = batch.extraColumns();
            }
            for (int i = 0; i < batch.size(); i++) {
                seen++;
                if (maxRows <= 0 || b.size < maxRows) {
                    b.add(batch, i, -1, batch.file[i]);
                } else {
                    long j = rnd.nextLong(seen);
                    if (j < maxRows) {
                        b.add(batch, i, (int) j, batch.file[i]);
                    }
                }
            }
        }
        org.beaconwatch.io.NothingToAnalyseException.requireRecords(source.reports());
        return b.build(extraNames, fileNames(source));
    }

    /**
     * Reads every flow of {@code source} as consecutive tables of at most {@code chunkRows} rows, so a
     * caller can compute streaming statistics over an input of any size in bounded memory. A column
     * with no value in a chunk is absent from that chunk's table.
     *
     * @throws org.beaconwatch.io.NothingToAnalyseException when the source held no flow record
     */
    public static void chunks(FlowSource source, int chunkRows, java.util.function.Consumer<DataTable> sink)
            throws IOException {
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunkRows must be >= 1");
        }
        Builder b = new Builder();
        FlowBatch batch = new FlowBatch();
        List<String> extraNames = List.of();
        while (source.read(batch)) {
            if (!batch.extraColumns().isEmpty()) {
                extraNames = batch.extraColumns();
            }
            for (int i = 0; i < batch.size(); i++) {
                b.add(batch, i, -1, batch.file[i]);
                if (b.size == chunkRows) {
                    sink.accept(b.build(extraNames, fileNames(source)));
                    b = new Builder();
                }
            }
        }
        if (b.size > 0) {
            sink.accept(b.build(extraNames, fileNames(source)));
        }
        org.beaconwatch.io.NothingToAnalyseException.requireRecords(source.reports());
    }

    /** Builds a table from flows already in memory (tests, small inputs). */
    public static DataTable of(List<Flow> flows, List<String> extraColumns) {
        Builder b = new Builder();
        FlowBatch batch = new FlowBatch(Math.max(1, flows.size()));
        batch.extraColumns(extraColumns);
        for (Flow f : flows) {
            batch.add(f);
        }
        for (int i = 0; i < batch.size(); i++) {
            b.add(batch, i, -1, 0);
        }
        return b.build(extraColumns, List.of("input"));
    }

    private static List<String> fileNames(FlowSource s) {
        return new ArrayList<>(s.files());
    }

    private static final class Builder {
        int size;
        double[] ts = new double[1024], duration = new double[1024], srcPort = new double[1024];
        double[] origBytes = new double[1024], respBytes = new double[1024], origPkts = new double[1024],
                respPkts = new double[1024], origIpBytes = new double[1024], respIpBytes = new double[1024];
        String[] src = new String[1024], dst = new String[1024], dstPort = new String[1024], proto = new String[1024],
                service = new String[1024], connState = new String[1024], uid = new String[1024], label = new String[1024],
                detailedLabel = new String[1024], serverName = new String[1024];
        String[][] extra = new String[1024][];
        int[] source = new int[1024];

        void add(FlowBatch b, int i, int at, int sourceIndex) {
            int r = at >= 0 ? at : size++;
            if (r >= ts.length) {
                grow();
            }
            ts[r] = b.ts[i] / 1e6;
            duration[r] = b.duration[i] < 0 ? Double.NaN : b.duration[i] / 1e6;
            srcPort[r] = b.srcPort[i] < 0 ? Double.NaN : b.srcPort[i];
            origBytes[r] = num(b.origBytes[i]);
            respBytes[r] = num(b.respBytes[i]);
            origPkts[r] = num(b.origPkts[i]);
            respPkts[r] = num(b.respPkts[i]);
            origIpBytes[r] = num(b.origIpBytes[i]);
            respIpBytes[r] = num(b.respIpBytes[i]);
            src[r] = IpAddress.isNone(b.srcHi[i], b.srcLo[i]) ? null : IpAddress.format(b.srcHi[i], b.srcLo[i]);
            dst[r] = IpAddress.isNone(b.dstHi[i], b.dstLo[i]) ? null : IpAddress.format(b.dstHi[i], b.dstLo[i]);
            dstPort[r] = b.dstPort[i] < 0 ? null : Integer.toString(b.dstPort[i]);
            Protocol p = Protocol.ofCode(b.proto[i]);
            proto[r] = p == Protocol.UNKNOWN ? null : p.label();
            service[r] = b.service[i];
            connState[r] = b.connState[i];
            uid[r] = b.uid[i];
            label[r] = b.label[i];
            detailedLabel[r] = b.detailedLabel[i];
            serverName[r] = b.serverName[i];
            extra[r] = b.extra[i];
            source[r] = sourceIndex;
        }

        private static double num(long v) {
            return v < 0 ? Double.NaN : v;
        }

        private void grow() {
            int n = ts.length * 2;
            ts = Arrays.copyOf(ts, n);
            duration = Arrays.copyOf(duration, n);
            srcPort = Arrays.copyOf(srcPort, n);
            origBytes = Arrays.copyOf(origBytes, n);
            respBytes = Arrays.copyOf(respBytes, n);
            origPkts = Arrays.copyOf(origPkts, n);
            respPkts = Arrays.copyOf(respPkts, n);
            origIpBytes = Arrays.copyOf(origIpBytes, n);
            respIpBytes = Arrays.copyOf(respIpBytes, n);
            src = Arrays.copyOf(src, n);
            dst = Arrays.copyOf(dst, n);
            dstPort = Arrays.copyOf(dstPort, n);
            proto = Arrays.copyOf(proto, n);
            service = Arrays.copyOf(service, n);
            connState = Arrays.copyOf(connState, n);
            uid = Arrays.copyOf(uid, n);
            label = Arrays.copyOf(label, n);
            detailedLabel = Arrays.copyOf(detailedLabel, n);
            serverName = Arrays.copyOf(serverName, n);
            extra = Arrays.copyOf(extra, n);
            source = Arrays.copyOf(source, n);
        }

        DataTable build(List<String> extraNames, List<String> sources) {
            List<Column> cols = new ArrayList<>();
            boolean hasTime = false;
            for (int i = 0; i < size; i++) {
                if (ts[i] != 0) {
                    hasTime = true;
                    break;
                }
            }
            if (hasTime) {
                cols.add(new Column.Numeric("ts", Column.Role.TIME, Arrays.copyOf(ts, size)));
            }
            addNum(cols, "duration", duration);
            addCat(cols, "src", Column.Role.IDENTIFIER, src);
            addNum(cols, "src_port", srcPort);
            addCat(cols, "dst", Column.Role.IDENTIFIER, dst);
            addCat(cols, "dst_port", Column.Role.FEATURE, dstPort);
            addCat(cols, "proto", Column.Role.FEATURE, proto);
            addCat(cols, "service", Column.Role.FEATURE, service);
            addNum(cols, "orig_bytes", origBytes);
            addNum(cols, "resp_bytes", respBytes);
            addNum(cols, "orig_pkts", origPkts);
            addNum(cols, "resp_pkts", respPkts);
            addNum(cols, "orig_ip_bytes", origIpBytes);
            addNum(cols, "resp_ip_bytes", respIpBytes);
            addCat(cols, "conn_state", Column.Role.FEATURE, connState);
            addCat(cols, "uid", Column.Role.IDENTIFIER, uid);
            addCat(cols, "label", Column.Role.LABEL, label);
            addCat(cols, "detailed_label", Column.Role.LABEL, detailedLabel);
            addCat(cols, "server_name", Column.Role.FEATURE, serverName);
            for (int c = 0; c < extraNames.size(); c++) {
                String[] v = new String[size];
                for (int i = 0; i < size; i++) {
                    String[] row = extra[i];
                    String s = row == null || c >= row.length ? null : row[c];
                    v[i] = s == null || s.isEmpty() ? null : s;
                }
                String name = extraNames.get(c);
                if (DataTable.key(name).equals("label")) {
                    cols.add(new Column.Categorical(name, Column.Role.LABEL, v));
                } else {
                    cols.add(typed(name, v));
                }
            }
            return new DataTable(cols, Arrays.copyOf(source, size), sources);
        }

        private void addNum(List<Column> cols, String name, double[] v) {
            for (int i = 0; i < size; i++) {
                if (!Double.isNaN(v[i])) {
                    cols.add(new Column.Numeric(name, Column.Role.FEATURE, Arrays.copyOf(v, size)));
                    return;
                }
            }
        }

        private void addCat(List<Column> cols, String name, Column.Role role, String[] v) {
            for (int i = 0; i < size; i++) {
                if (v[i] != null) {
                    cols.add(new Column.Categorical(name, role, Arrays.copyOf(v, size)));
                    return;
                }
            }
        }
    }

    /** Types an extra column: numeric if every non-missing value parses as a finite number. */
    static Column typed(String name, String[] v) {
        double[] d = new double[v.length];
        boolean any = false;
        for (int i = 0; i < v.length; i++) {
            if (v[i] == null) {
                d[i] = Double.NaN;
                continue;
            }
            try {
                d[i] = Double.parseDouble(v[i].trim());
                if (!Double.isFinite(d[i])) {
                    return new Column.Categorical(name, roleOf(name), v);
                }
                any = true;
            } catch (NumberFormatException e) {
                return new Column.Categorical(name, roleOf(name), v);
            }
        }
        return any ? new Column.Numeric(name, roleOf(name), d) : new Column.Categorical(name, roleOf(name), v);
    }

    private static Column.Role roleOf(String name) {
        String k = DataTable.key(name);
        if (k.endsWith("id") || k.endsWith("ip") || k.equals("user") || (k.endsWith("name") && !k.equals("procname"))) {
            return Column.Role.IDENTIFIER;
        }
        return Column.Role.FEATURE;
    }
}
