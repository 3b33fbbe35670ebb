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

/**
 * The first pass over an input cut by source host builds each partition's channel keys and spans
 * only ({@link ChannelAggregator#sourcePartitionKeys}): the same channels, keys and spans
 * (connections, longest duration, first and last start) as building the partition whole, on
 * simulator seeds and every shared data folder (Argus records merged, server names, IPv6).
 */
class SourcePartitionKeysTest {
    @TempDir
    Path tmp;

    private static ChannelScope scope() {
        return new ChannelScope(org.beaconwatch.score.DetectOptions.DEFAULT_INTERNAL, false, false, Allowlist.empty());
    }

    /** One channel's key and span, as text, for comparing lists. */
    private static List<String> describe(ChannelAggregator part, List<String> spans) {
        ChannelKeys k = part.keys();
        List<String> out = new ArrayList<>(spans);
        for (int c = 0; c < k.count(); c++) {
            out.add("key " + c + " " + k.kind(c) + " " + k.srcHi(c) + " " + k.srcLo(c) + " " + k.dstHi(c) + " "
                    + k.dstLo(c) + " " + k.dstPort(c) + " " + k.proto(c) + " " + k.serverName(c) + " "
                    + k.destinationId(c));
        }
        return out;
    }

    /** Checks every partition; returns the channels in all. */
    private static long check(Path input, int partitions) throws IOException {
        try (ChannelAggregator agg = new ChannelAggregator(scope()).partitionBySource(partitions, null, true);
             FlowSource s = FlowInputs.open(List.of(input), ReadOptions.defaults().withUidText(false))) {
            s.leaveDuplicatesToCaller();
            FlowBatch b = new FlowBatch(997);
            while (s.read(b)) {
                agg.add(b);
            }
            long channels = 0;
            for (int p = 0; p < partitions; p++) {
                List<String> keysOnlySpans = new ArrayList<>();
                List<String> wholeSpans = new ArrayList<>();
                List<String> keysOnly;
                List<String> whole;
                try (ChannelAggregator k = agg.sourcePartitionKeys(p, (c, n, longest, first, last) ->
                        keysOnlySpans.add("span " + c + " " + n + " " + longest + " " + first + " " + last))) {
                    keysOnly = describe(k, keysOnlySpans);
                }
                try (ChannelAggregator w = agg.sourcePartition(p)) {
                    w.spans((c, n, longest, first, last) ->
                            wholeSpans.add("span " + c + " " + n + " " + longest + " " + first + " " + last));
                    whole = describe(w, wholeSpans);
                    channels += w.keys().count();
                }
                assertThat(keysOnly).as(input + " partition " + p).isEqualTo(whole);
            }
            return channels;
        }
    }

    @Test
    void simulatorSeeds() throws IOException {
        for (long seed : new long[] {4, 5}) {
            Path out = tmp.resolve("sim" + seed);
            Simulator.simulate(SimulationConfig.forRows(30_000, seed), out);
            assertThat(check(out, 4)).isPositive();
            assertThat(check(out.resolve("conn.log"), 1)).isPositive();
        }
    }

    @Test
    void everySharedDataFolder() throws IOException {
        String dir = System.getProperty("beaconwatch.data");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)),
                "shared data folder not available (system property beaconwatch.data); skipping real-data test");
        try (Stream<Path> folders = Files.list(Path.of(dir))) {
            for (Path f : folders.filter(Files::isDirectory).sorted().toList()) {
                check(f, 8);
            }
        }
    }
}
