package org.beaconwatch.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.io.FlowInputs;
import org.beaconwatch.io.FlowSource;
import org.beaconwatch.io.ReadOptions;
import org.beaconwatch.sim.SimulationConfig;
import org.beaconwatch.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The columnar aggregator builds the same channels as the per-channel one it replaced
 * ({@link ReferenceChannelAggregator}, kept unchanged), on simulator seeds and every shared data
 * folder (Argus records merged, labels, server names, IPv6); and partial aggregates merged with
 * {@code plus}, in either grouping, equal one aggregate of the whole input.
 */
class ChannelAggregatorEqualityTest {
    @TempDir
    Path tmp;

    private static ChannelScope scope() {
        return new ChannelScope(org.beaconwatch.score.DetectOptions.DEFAULT_INTERNAL, false, false, Allowlist.empty());
    }

    private static List<FlowBatch> batches(Path input) throws IOException {
        List<FlowBatch> out = new ArrayList<>();
        try (FlowSource s = FlowInputs.open(List.of(input), ReadOptions.defaults())) {
            while (true) {
                FlowBatch b = new FlowBatch(997); // odd size: batch edges fall anywhere
                if (!s.read(b)) {
                    return out;
                }
                out.add(b);
            }
        }
    }

    static void assertSameSeries(List<ChannelSeries> got, List<ChannelSeries> want) {
        assertThat(got).hasSameSizeAs(want);
        for (int i = 0; i < want.size(); i++) {
            ChannelSeries g = got.get(i), w = want.get(i);
            String at = "channel " + i;
            assertThat(g.kind()).as(at).isEqualTo(w.kind());
            assertThat(new long[] {g.srcHi(), g.srcLo(), g.dstHi(), g.dstLo(), g.dstPort(), g.destinationId(), g.size(),
                    g.continuations()}).as(at).containsExactly(w.srcHi(), w.srcLo(), w.dstHi(), w.dstLo(), w.dstPort(),
                    w.destinationId(), w.size(), w.continuations());
            assertThat(g.proto()).as(at).isEqualTo(w.proto());
            assertThat(g.serverName()).as(at).isEqualTo(w.serverName());
            assertThat(g.label()).as(at).isEqualTo(w.label());
            assertThat(g.detailedLabel()).as(at).isEqualTo(w.detailedLabel());
            assertThat(java.util.Arrays.copyOf(g.ts(), g.size())).as(at).containsExactly(java.util.Arrays.copyOf(w.ts(), w.size()));
            assertThat(java.util.Arrays.copyOf(g.origBytes(), g.size())).as(at)
                    .containsExactly(java.util.Arrays.copyOf(w.origBytes(), w.size()));
            assertThat(java.util.Arrays.copyOf(g.respBytes(), g.size())).as(at)
                    .containsExactly(java.util.Arrays.copyOf(w.respBytes(), w.size()));
            assertThat(java.util.Arrays.copyOf(g.duration(), g.size())).as(at)
                    .containsExactly(java.util.Arrays.copyOf(w.duration(), w.size()));
        }
    }

    private static void check(List<FlowBatch> bs) {
        ReferenceChannelAggregator ref = new ReferenceChannelAggregator(scope());
        ChannelAggregator one = new ChannelAggregator(scope());
        for (FlowBatch b : bs) {
            ref.add(b);
            one.add(b);
        }
        List<ChannelSeries> want = ref.finish();
        assertThat(one.flowsUsed()).isEqualTo(ref.flowsUsed());
        assertThat(one.flowsRead()).isEqualTo(ref.flowsRead());
        assertThat(one.destinationCount()).isEqualTo(ref.destinationCount());
        assertSameSeries(one.finish(), want);

        // partial aggregates, cut at two places, merged both ways
        int n = bs.size();
        ChannelAggregator[] left = parts(bs, n / 3, 2 * n / 3);
        ChannelAggregator[] right = parts(bs, n / 3, 2 * n / 3);
        ChannelAggregator ab = left[0].plus(left[1]).plus(left[2]);
        ChannelAggregator bc = right[1].plus(right[2]);
        ChannelAggregator a2 = right[0].plus(bc);
        assertThat(ab.flowsUsed()).isEqualTo(ref.flowsUsed());
        assertThat(a2.flowsRead()).isEqualTo(ref.flowsRead());
        assertThat(ab.skippedDestination()).isEqualTo(ref.skippedDestination());
        assertSameSeries(ab.finish(), want);
        assertSameSeries(a2.finish(), want);
    }

    /** With a tiny memory budget every few thousand flows go to disk; the channels stay the same. */
    private static void checkSpilled(List<FlowBatch> bs, Path dir) throws IOException {
        ReferenceChannelAggregator ref = new ReferenceChannelAggregator(scope());
        List<ChannelSeries> got;
        long spilled;
        try (ChannelAggregator tiny = new ChannelAggregator(scope()).memoryBudget(1, dir)) {
            for (FlowBatch b : bs) {
                ref.add(b);
                tiny.add(b);
            }
            got = tiny.finish();
            spilled = tiny.spilledFlows();
            if (ref.flowsUsed() >= 4096) { // the budget is checked every 4,096 flows kept
                assertThat(tiny.partitions()).isEqualTo(SpillingRows.PARTITIONS);
                try (Stream<Path> s = Files.list(dir)) {
                    assertThat(s.count()).isEqualTo(1); // the spill folder, while open
                }
                assertThat(spilled).isEqualTo(ref.flowsUsed());
            }
        }
        assertSameSeries(got, ref.finish());
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.toList()).as("temporary files removed").isEmpty();
        }
    }

    private static ChannelAggregator[] parts(List<FlowBatch> bs, int cut1, int cut2) {
        ChannelAggregator[] p = {new ChannelAggregator(scope()), new ChannelAggregator(scope()),
                new ChannelAggregator(scope())};
        for (int i = 0; i < bs.size(); i++) {
            p[i < cut1 ? 0 : i < cut2 ? 1 : 2].add(bs.get(i));
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void simulatorSeeds(long seed) throws IOException {
        Path out = tmp.resolve("sim" + seed);
        Simulator.simulate(SimulationConfig.forRows(30_000, seed), out);
        check(batches(out));
        Path spill = tmp.resolve("spill" + seed);
        Files.createDirectories(spill);
        checkSpilled(batches(out), spill);
    }

    /**
     * Channels built in order while the flows of those already built are freed (as scoring does):
     * the rows were put in channel order and the rest still build the same channels.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void freeingTheFlowsOfBuiltChannelsKeepsTheRest(int threads) throws IOException {
        Path out = tmp.resolve("sim-free");
        Simulator.simulate(SimulationConfig.forRows(300_000, 6), out);
        ReferenceChannelAggregator ref = new ReferenceChannelAggregator(scope());
        ChannelAggregator agg = new ChannelAggregator(scope()).threads(threads); // rows reordered on 1 or 2 threads
        for (FlowBatch b : batches(out)) {
            ref.add(b);
            agg.add(b);
        }
        assertThat(agg.flowsUsed()).as("more than three chunks of rows, so some are freed").isGreaterThan(3L << 16);
        ChannelAggregator.Partition part = agg.partition(0);
        int[] ids = part.channels();
        List<ChannelSeries> got = new ArrayList<>();
        for (int k = 0; k < ids.length; k++) {
            part.builtBefore(k);
            got.add(part.series(ids[k]));
        }
        assertSameSeries(got, ref.finish());
    }

    @Test
    void everySharedDataFolder() throws IOException {
        String dir = System.getProperty("beaconwatch.data");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)),
                "shared data folder not available (system property beaconwatch.data); skipping real-data test");
        List<Path> dirs;
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        int checked = 0;
        for (Path d : dirs) {
            List<FlowBatch> bs;
            try {
                bs = batches(d);
            } catch (IOException e) {
                continue; // a folder of a format the detector does not read
            }
            check(bs);
            Path spill = tmp.resolve("spill-" + d.getFileName());
            Files.createDirectories(spill);
            checkSpilled(bs, spill);
            checked++;
        }
        assertThat(checked).isGreaterThan(5);
    }
}
