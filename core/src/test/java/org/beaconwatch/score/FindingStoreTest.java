package org.beaconwatch.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.beaconwatch.output.FindingWriter;
import org.beaconwatch.output.OutputFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Findings split into runs, each ranked on its own, stored and merged come back as the ranking of
 * all of them: the same findings (bit for bit) with the same ranks, ties included; and the store
 * leaves no file behind.
 */
class FindingStoreTest {
    @TempDir
    Path tmp;

    /** The findings with ranks 1..n, as {@code detect} numbers a full ranking. */
    private static List<Finding> numbered(List<Finding> ranked) {
        List<Finding> out = new ArrayList<>(ranked.size());
        for (Finding f : ranked) {
            out.add(f.withRank(out.size() + 1));
        }
        return out;
    }

    /** Every finding in a store, through a merge read to its end. */
    private static List<Finding> merged(FindingStore store) throws IOException {
        List<Finding> out = new ArrayList<>();
        try (FindingMerge m = store.ranked()) {
            while (m.hasNext()) {
                out.add(m.next());
            }
        }
        return out;
    }

    /** Splits findings into runs by a key, ranks each run, stores them; returns what the merge must give. */
    private List<Finding> storeRuns(FindingStore store, List<List<Finding>> parts) throws IOException {
        List<Finding> concatenation = new ArrayList<>();
        for (List<Finding> p : parts) {
            List<Finding> run = BeaconDetector.rank(p);
            store.addRun(run);
            concatenation.addAll(run);
        }
        return numbered(BeaconDetector.rank(concatenation));
    }

    private static List<List<Finding>> randomParts(List<Finding> all, int runs, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<List<Finding>> parts = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            parts.add(new ArrayList<>());
        }
        for (Finding f : all) {
            parts.get(r.nextInt(runs)).add(f);
        }
        return parts;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void randomFindingsWithManyTies(long seed) throws IOException {
        List<Finding> all = new ArrayList<>();
        for (Finding f : FindingRankingTest.randomFindings(seed, 4000)) {
            if (f != null) {
                all.add(f);
            }
        }
        for (int runs : new int[] {1, 2, 7, 64}) {
            try (FindingStore store = new FindingStore(tmp)) {
                List<Finding> want = storeRuns(store, randomParts(all, runs, seed * 31 + runs));
                List<Finding> got = merged(store);
                assertThat(got).as("%d runs", runs).isEqualTo(want);
                assertThat(got).extracting(Finding::rank).containsExactlyElementsOf(want.stream().map(Finding::rank).toList());
                // equal findings but for their type are many here: the merge keeps the order of the runs
                assertThat(got).extracting(Finding::type).containsExactlyElementsOf(want.stream().map(Finding::type).toList());
                assertThat(store.size()).isEqualTo(all.size());
                assertThat(store.alerts()).isEqualTo((int) all.stream().filter(Finding::alert).count());
                assertThat(store.asList()).isEqualTo(want);
            }
        }
    }

    @Test
    void sharedDataSplitBySourceHost() throws IOException {
        int inputs = 0;
        for (Map.Entry<Path, List<Finding>> e : RealFindings.sharedData().entrySet()) {
            List<Finding> ranked = e.getValue();
            for (int runs : new int[] {1, 3, 16}) {
                List<List<Finding>> parts = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    parts.add(new ArrayList<>());
                }
                for (Finding f : ranked) {
                    parts.get(Math.floorMod(f.src().hashCode(), runs)).add(f);
                }
                try (FindingStore store = new FindingStore(tmp)) {
                    List<Finding> want = storeRuns(store, parts);
                    assertThat(want).as("%s: the ranking of the parts", e.getKey()).isEqualTo(ranked);
                    List<Finding> got = merged(store);
                    assertThat(got).as("%s in %d runs", e.getKey(), runs).isEqualTo(ranked);
                    for (int i = 0; i < got.size(); i++) {
                        assertThat(FindingCodecTest.bits(got.get(i))).isEqualTo(FindingCodecTest.bits(ranked.get(i)));
                    }
                }
            }
            inputs++;
        }
        assertThat(inputs).isGreaterThan(10);
    }

    @Test
    void simulatorRunSplitBySourceHost() throws IOException {
        List<Finding> ranked = RealFindings.simulated(tmp.resolve("sim"), 60_000, 5);
        List<List<Finding>> parts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            parts.add(new ArrayList<>());
        }
        for (Finding f : ranked) {
            parts.get(Math.floorMod(f.src().hashCode(), 8)).add(f);
        }
        try (FindingStore store = new FindingStore(tmp)) {
            storeRuns(store, parts);
            assertThat(store.runs()).isEqualTo(8);
            assertThat(store.asList()).isEqualTo(ranked);
            assertThat(store.alerts()).isEqualTo((int) ranked.stream().filter(Finding::alert).count());
            // detect's writers take the list view as they take the findings in memory: the same bytes
            for (OutputFormat fmt : new OutputFormat[] {OutputFormat.CSV, OutputFormat.JSONL, OutputFormat.ECS}) {
                ByteArrayOutputStream fromMemory = new ByteArrayOutputStream();
                ByteArrayOutputStream fromDisk = new ByteArrayOutputStream();
                FindingWriter.of(fmt, 0).write(ranked, fromMemory);
                FindingWriter.of(fmt, 0).write(store.asList(), fromDisk);
                assertThat(fromDisk.toByteArray()).as(fmt.name()).isEqualTo(fromMemory.toByteArray());
                assertThat(fromMemory.size()).isGreaterThan(ranked.size() * 100);
            }
        }
    }

    @Test
    void runsAddedFromSeveralThreadsAtOnce() throws Exception {
        List<Finding> all = new ArrayList<>();
        for (Finding f : FindingRankingTest.randomFindings(12, 6000)) {
            if (f != null) {
                all.add(f);
            }
        }
        // by source host, as detect partitions: no two runs hold findings that tie on the channel text
        List<List<Finding>> parts = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            parts.add(new ArrayList<>());
        }
        for (Finding f : all) {
            parts.get(Math.floorMod(f.src().hashCode(), 16)).add(f);
        }
        List<Finding> want = numbered(BeaconDetector.rank(all));
        try (FindingStore store = new FindingStore(tmp)) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<?>> done = new ArrayList<>();
                for (List<Finding> p : parts) {
                    done.add(pool.submit(() -> {
                        store.addRun(BeaconDetector.rank(p));
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            assertThat(store.size()).isEqualTo(all.size());
            assertThat(merged(store)).isEqualTo(want);
        }
    }

    @Test
    void noRunsAndEmptyRuns() throws IOException {
        try (FindingStore store = new FindingStore(tmp)) {
            assertThat(store.size()).isZero();
            assertThat(store.ranked().hasNext()).isFalse();
            assertThat(store.asList()).isEmpty();
            store.addRun(List.of());
            assertThat(merged(store)).isEmpty();
            List<Finding> all = new ArrayList<>();
            for (Finding f : FindingRankingTest.randomFindings(7, 50)) {
                if (f != null) {
                    all.add(f);
                }
            }
            List<List<Finding>> parts = List.of(List.of(), all.subList(0, 20), List.of(), all.subList(20, all.size()),
                    List.of());
            List<Finding> want = storeRuns(store, parts);
            assertThat(store.runs()).isEqualTo(2);
            assertThat(merged(store)).isEqualTo(want);
        }
    }

    @Test
    void theListViewStreamsAndGetFollowsOneMerge() throws IOException {
        List<Finding> all = new ArrayList<>();
        for (Finding f : FindingRankingTest.randomFindings(8, 500)) {
            if (f != null) {
                all.add(f);
            }
        }
        try (FindingStore store = new FindingStore(tmp)) {
            List<Finding> want = storeRuns(store, randomParts(all, 5, 8));
            List<Finding> view = store.asList();
            assertThat(view).hasSize(want.size());
            for (int i = 0; i < want.size(); i++) {
                assertThat(view.get(i)).isEqualTo(want.get(i));
            }
            assertThat(view.get(3)).isEqualTo(want.get(3)); // back: a new merge from the start
            assertThat(view.get(3)).isEqualTo(want.get(3));
            assertThat(view.get(want.size() - 1)).isEqualTo(want.get(want.size() - 1));
            assertThat(view.subList(10, 20)).isEqualTo(want.subList(10, 20));
            assertThat(view.stream().filter(Finding::alert).count()).isEqualTo(store.alerts());
            assertThatThrownBy(() -> view.get(want.size())).isInstanceOf(IndexOutOfBoundsException.class);
            // two passes at once, each its own merge
            Iterator<Finding> a = view.iterator();
            Iterator<Finding> b = view.iterator();
            assertThat(a.next()).isEqualTo(b.next()).isEqualTo(want.get(0));
        }
    }

    @Test
    void aRunOutOfRankingOrderIsRefused() throws IOException {
        List<Finding> all = new ArrayList<>();
        for (Finding f : FindingRankingTest.randomFindings(9, 100)) {
            if (f != null) {
                all.add(f);
            }
        }
        List<Finding> backwards = new ArrayList<>(BeaconDetector.rank(all));
        java.util.Collections.reverse(backwards);
        try (FindingStore store = new FindingStore(tmp)) {
            assertThatThrownBy(() -> store.addRun(backwards)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not in ranking order");
            assertThat(store.size()).isZero();
            try (Stream<Path> files = Files.list(store.folder())) {
                assertThat(files).as("the half-written run is removed").isEmpty();
            }
        }
    }

    @Test
    void theTemporaryFolderIsGoneAfterClose() throws IOException {
        List<Finding> all = new ArrayList<>();
        for (Finding f : FindingRankingTest.randomFindings(10, 300)) {
            if (f != null) {
                all.add(f);
            }
        }
        Path folder;
        FindingStore store = new FindingStore(tmp);
        storeRuns(store, randomParts(all, 3, 10));
        folder = store.folder();
        assertThat(folder.getParent()).isEqualTo(tmp);
        assertThat(folder.getFileName().toString()).startsWith("beaconwatch-findings-");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).hasSize(3);
        }
        FindingMerge open = store.ranked();
        open.next();
        store.close();
        assertThat(folder).doesNotExist();
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).isEmpty();
        }
        assertThatThrownBy(open::hasNext).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.addRun(all.subList(0, 1))).isInstanceOf(IOException.class);
        assertThatThrownBy(store::ranked).isInstanceOf(IllegalStateException.class);
        store.close(); // twice is fine
    }
}
