package org.beaconwatch.live;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.io.LogFormat;
import org.beaconwatch.io.ReadOptions;
import org.beaconwatch.io.spi.DnsIndex;
import org.beaconwatch.io.spi.LineSource;
import org.beaconwatch.io.spi.Problems;
import org.beaconwatch.io.spi.ServerNames;

/**
 * Server names from the companion logs (ssl, http, dns) in two generations of uid tables, each
 * covering about an hour of conn event time (at most 256 MiB of lines), joined onto conn flows;
 * the raw companion lines are kept too and written to the checkpoint, where a restart parses
 * them again. Memory stays bounded whatever the uptime.
 */
final class CompanionGenerations {
    /** Safety bound on one generation of companion lines; normally an hour of event time ends it first. */
    private static final long GENERATION_BYTES = 256L << 20;
    /** Event time one generation of companion lines covers (conn records are joined within it). */
    private static final long GENERATION_MICROS = 3_600_000_000L;

    private final ReadOptions options;
    private final Consumer<Problems> report;
    private ServerNames now = new ServerNames();
    private ServerNames before = new ServerNames();
    private List<byte[]> nowRaw = new ArrayList<>();
    private List<byte[]> beforeRaw = new ArrayList<>();
    private List<Integer> nowType = new ArrayList<>();
    private List<Integer> beforeType = new ArrayList<>();
    private long nowBytes;
    private long nowStart = Long.MIN_VALUE;
    private long connTime = Long.MIN_VALUE;

    /** {@code report} receives the problems of every parse (malformed records skipped). */
    CompanionGenerations(ReadOptions options, Consumer<Problems> report) {
        this.options = options;
        this.report = report;
    }

    /** Adds complete lines of companion type {@code t} (index into {@link LogFiles#TYPES}). */
    void add(int t, String name, byte[] bytes) throws IOException {
        boolean old = nowStart != Long.MIN_VALUE && connTime - nowStart >= GENERATION_MICROS;
        if ((old || nowBytes + bytes.length > GENERATION_BYTES) && !nowRaw.isEmpty()) {
            before = now;
            beforeRaw = nowRaw;
            beforeType = nowType;
            now = new ServerNames();
            nowRaw = new ArrayList<>();
            nowType = new ArrayList<>();
            nowBytes = 0;
            nowStart = connTime;
        }
        if (nowStart == Long.MIN_VALUE) {
            nowStart = connTime;
        }
        parse(t, name, bytes, now);
        nowRaw.add(bytes);
        nowType.add(t);
        nowBytes += bytes.length;
    }

    private void parse(int t, String name, byte[] bytes, ServerNames into) throws IOException {
        Problems problems = new Problems(name, options.errorPolicy(), options.maxExamples());
        LineSource lines = new LineSource(new ByteArrayInputStream(bytes), options.maxLineBytes(), null);
        LogFormat f = t == 0 ? LogFormat.ZEEK_SSL : t == 1 ? LogFormat.ZEEK_HTTP : LogFormat.ZEEK_DNS;
        org.beaconwatch.io.zeek.ZeekCompanions.read(f, lines, problems, into, new DnsIndex());
        report.accept(problems);
    }

    /** Joins server names onto a batch of conn flows; their event time ages the generations. */
    void join(FlowBatch b) {
        for (int i = 0; i < b.size(); i++) {
            connTime = Math.max(connTime, b.ts[i]);
        }
        now.join(b, 0, b.size());
        before.join(b, 0, b.size());
    }

    void save(StateFile.Out o) throws IOException {
        o.i64(nowStart).i64(connTime);
        o.i32(beforeRaw.size());
        for (int i = 0; i < beforeRaw.size(); i++) {
            o.u8(beforeType.get(i)).bytes(beforeRaw.get(i));
        }
        o.i32(nowRaw.size());
        for (int i = 0; i < nowRaw.size(); i++) {
            o.u8(nowType.get(i)).bytes(nowRaw.get(i));
        }
    }

    void load(StateFile.In in) throws IOException {
        before = new ServerNames();
        now = new ServerNames();
        beforeRaw = new ArrayList<>();
        nowRaw = new ArrayList<>();
        beforeType = new ArrayList<>();
        nowType = new ArrayList<>();
        nowBytes = 0;
        nowStart = in.i64();
        connTime = in.i64();
        int n = in.count(5);
        for (int i = 0; i < n; i++) {
            int t = Math.min(in.u8(), 2);
            byte[] raw = in.bytes();
            parse(t, "(checkpoint)", raw, before);
            beforeRaw.add(raw);
            beforeType.add(t);
        }
        n = in.count(5);
        for (int i = 0; i < n; i++) {
            int t = Math.min(in.u8(), 2);
            byte[] raw = in.bytes();
            parse(t, "(checkpoint)", raw, now);
            nowRaw.add(raw);
            nowType.add(t);
            nowBytes += raw.length;
        }
    }
}
