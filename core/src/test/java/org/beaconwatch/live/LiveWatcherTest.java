package org.beaconwatch.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.io.FlowInputs;
import org.beaconwatch.io.FlowSource;
import org.beaconwatch.io.ReadOptions;
import org.beaconwatch.output.AlertInfo;
import org.beaconwatch.output.AlertSink;
import org.beaconwatch.score.BeaconDetector;
import org.beaconwatch.score.DetectOptions;
import org.beaconwatch.score.Finding;
import org.beaconwatch.sim.ChannelKind;
import org.beaconwatch.sim.GroundTruthEntry;
import org.beaconwatch.sim.SimulationConfig;
import org.beaconwatch.sim.SimulationResult;
import org.beaconwatch.sim.Simulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** watch over a replayed simulated day, laid out as Zeek's hourly archive. */
class LiveWatcherTest {
    @TempDir
    static Path tmp;
    static SimulationResult sim;
    static Path archive;
    static final DetectOptions DETECT = DetectOptions.defaults().withThreads(1);

    record Emitted(Finding finding, AlertInfo alert) {
    }

    static final class Collect implements AlertSink {
        final List<Emitted> got = new ArrayList<>();

        @Override
        public void emit(Finding finding, AlertInfo alert) {
            got.add(new Emitted(finding, alert));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @BeforeAll
    static void simulate() throws IOException {
        sim = Simulator.simulate(SimulationConfig.smallOffice().withHosts(12), tmp.resolve("sim"));
        archive = tmp.resolve("zeek");
        ZeekLayout.rotateHourly(sim.connLog(), "conn", archive);
        ZeekLayout.rotateHourly(sim.sslLog(), "ssl", archive);
    }

    /** detect over the flows of the whole simulation with lo <= ts < hi. */
    static List<Finding> detectWindow(long lo, long hi) throws IOException {
        List<FlowBatch> kept = new ArrayList<>();
        try (FlowSource s = FlowInputs.open(List.of(sim.connLog(), sim.sslLog()), ReadOptions.defaults())) {
            FlowBatch b = new FlowBatch();
            FlowBatch out = new FlowBatch();
            while (s.read(b)) {
                for (int i = 0; i < b.size(); i++) {
                    if (b.ts[i] >= lo && b.ts[i] < hi) {
                        if (out.isFull()) {
                            kept.add(out);
                            out = new FlowBatch();
                        }
                        copy(b, i, out);
                    }
                }
            }
            kept.add(out);
        }
        return new BeaconDetector().detect(kept, DETECT).findings();
    }

    @Test
    void findingsEqualDetectOverTheSameWindowAndBeaconsAlertWithinTenPeriods() throws IOException {
        WatchOptions opts = new WatchOptions(Duration.ofHours(6), Duration.ofMinutes(5), Duration.ofHours(1),
                1 << 20, Duration.ofHours(1));
        Map<Long, List<Finding>> snapshots = new HashMap<>();
        LiveWatcher[] ref = new LiveWatcher[1];
        LiveWatcher w = new LiveWatcher(archive, DETECT, ReadOptions.defaults(), opts, null, new LiveWatcher.Listener() {
            int n;

            @Override
            public void warning(String message) {
                throw new AssertionError(message);
            }

            @Override
            public void scored(long eventTime, int flows, int findings, int emitted) {
                n++;
                if (n == 40 || n == 200 || n == 400) {
                    snapshots.put(eventTime, ref[0].lastFindings());
                }
            }
        });
        ref[0] = w;
        Collect c = new Collect();
        w.replay(c, null, () -> false);
        assertThat(snapshots).hasSize(3);
        snapshots.put(w.lastScoredAt(), w.lastFindings());
        long windowUs = opts.window().toNanos() / 1000;
        for (Map.Entry<Long, List<Finding>> e : snapshots.entrySet()) {
            List<Finding> expected = detectWindow(e.getKey() - windowUs, e.getKey());
            assertThat(e.getValue()).as("findings at %d", e.getKey()).isEqualTo(expected);
        }
        // each alert once per channel unless escalated or returned
        Map<String, Integer> newPer = new HashMap<>();
        for (Emitted e : c.got) {
            if (e.alert().reason() == AlertInfo.Reason.NEW) {
                newPer.merge(e.finding().channel(), 1, Integer::sum);
            }
        }
        assertThat(newPer.values()).allMatch(v -> v == 1);
        // latency: planted beacons with a period of at most 5 min and jitter <= 50 %
        Map<String, Long> firstAlert = new HashMap<>();
        for (Emitted e : c.got) {
            firstAlert.putIfAbsent(e.finding().src() + "|" + (e.finding().serverName() != null
                    ? e.finding().serverName() : e.finding().dst()), e.alert().firstAlerted());
        }
        Map<String, Long> firstConn = firstConnections();
        int fast = 0;
        int within = 0;
        List<String> report = new ArrayList<>();
        for (GroundTruthEntry g : sim.entries(ChannelKind.BEACON)) {
            if (g.periodSeconds() > 300 || g.jitter() > 0.5) {
                continue;
            }
            fast++;
            String key = g.src() + "|" + (g.serverName() != null && !g.serverName().isEmpty() ? g.serverName() : g.dst());
            Long alerted = firstAlert.get(key);
            Long first = firstConn.get(key);
            double periods = alerted == null || first == null ? Double.NaN : (alerted - first) / 1e6 / g.periodSeconds();
            report.add(String.format(java.util.Locale.ROOT, "%s period %.0f s jitter %.2f: %.1f periods", key,
                    g.periodSeconds(), g.jitter(), periods));
            if (periods <= 10) {
                within++;
            }
        }
        System.err.println("latency: " + String.join("; ", report));
        assertThat(fast).isPositive();
        assertThat(within).as(String.join("\n", report)).isEqualTo(fast);
    }

    static void copy(FlowBatch b, int i, FlowBatch out) {
        int k = out.add();
        out.ts[k] = b.ts[i];
        out.duration[k] = b.duration[i];
        out.srcHi[k] = b.srcHi[i];
        out.srcLo[k] = b.srcLo[i];
        out.dstHi[k] = b.dstHi[i];
        out.dstLo[k] = b.dstLo[i];
        out.srcPort[k] = b.srcPort[i];
        out.dstPort[k] = b.dstPort[i];
        out.proto[k] = b.proto[i];
        out.nameSource[k] = b.nameSource[i];
        out.origBytes[k] = b.origBytes[i];
        out.respBytes[k] = b.respBytes[i];
        out.serverName[k] = b.serverName[i];
        out.label[k] = b.label[i];
        out.detailedLabel[k] = b.detailedLabel[i];
    }

    static Map<String, Long> firstConnections() throws IOException {
        Map<String, Long> first = new HashMap<>();
        try (FlowSource s = FlowInputs.open(List.of(sim.connLog(), sim.sslLog()), ReadOptions.defaults())) {
            FlowBatch b = new FlowBatch();
            while (s.read(b)) {
                for (int i = 0; i < b.size(); i++) {
                    String src = org.beaconwatch.flow.IpAddress.format(b.srcHi[i], b.srcLo[i]);
                    String dst = b.serverName[i] != null ? b.serverName[i]
                            : org.beaconwatch.flow.IpAddress.format(b.dstHi[i], b.dstLo[i]);
                    first.merge(src + "|" + dst, b.ts[i], Math::min);
                }
            }
        }
        return first;
    }
}
