package org.beaconwatch.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.io.FlowInputs;
import org.beaconwatch.io.FlowSource;
import org.beaconwatch.io.ReadOptions;

/**
 * Reader throughput per CPU-second of the reading thread, for shared or loaded machines where
 * JMH's wall-clock score mostly measures the other processes. Generates the same files as
 * {@link ZeekTsvReaderBenchmark} and {@link BinetflowReaderBenchmark}, warms up, then reports
 * records per thread-CPU-second and per wall-second, reading as {@code detect} does (the uid as its
 * hash only) and with the uid text too (as {@code explore} and the model commands read). Run:
 * {@code java -cp bench/target/benchmarks.jar org.beaconwatch.bench.ReaderCpuTimeBenchmark [lines]}, or with
 * existing files (e.g. a simulated conn.log): {@code ... ReaderCpuTimeBenchmark FILE...}.
 */
public final class ReaderCpuTimeBenchmark {
    private ReaderCpuTimeBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && !args[0].chars().allMatch(Character::isDigit)) {
            for (String f : args) {
                Path p = Path.of(f);
                run(p.getFileName().toString(), p, count(p));
            }
            return;
        }
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("bw-reader-cpu");
        try {
            run("zeek conn.log TSV", ZeekTsvReaderBenchmark.zeekConnLog(dir, lines, 42L), lines);
            run("argus binetflow", BinetflowReaderBenchmark.binetflow(dir, lines, 42L), lines, ReadOptions.defaults());
        } finally {
            ZeekTsvReaderBenchmark.deleteTree(dir);
        }
    }

    private static void run(String name, Path file, int lines) throws IOException {
        run(name + ", as detect", file, lines, ReadOptions.defaults().withUidText(false));
        run(name + ", uid text", file, lines, ReadOptions.defaults());
    }

    private static void run(String name, Path file, int lines, ReadOptions options) throws IOException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        FlowBatch batch = new FlowBatch();
        for (int i = 0; i < 3; i++) {
            read(file, batch, lines, options);
        }
        int rounds = 5;
        long cpu0 = mx.getCurrentThreadCpuTime(), wall0 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            read(file, batch, lines, options);
        }
        double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9, wall = (System.nanoTime() - wall0) / 1e9;
        System.out.printf(Locale.ROOT, "%-34s %,d records x %d: %,.0f records/CPU-second, %,.0f records/wall-second "
                + "(%,d MB)%n", name, lines, rounds, rounds * (double) lines / cpu, rounds * (double) lines / wall,
                Files.size(file) >> 20);
    }

    private static int count(Path file) throws IOException {
        long n = 0;
        FlowBatch batch = new FlowBatch();
        try (FlowSource s = FlowInputs.open(List.of(file), ReadOptions.defaults())) {
            while (s.read(batch)) {
                n += batch.size();
            }
        }
        return Math.toIntExact(n);
    }

    private static void read(Path file, FlowBatch batch, int lines, ReadOptions options) throws IOException {
        long n = 0;
        try (FlowSource s = FlowInputs.open(List.of(file), options)) {
            while (s.read(batch)) {
                n += batch.size();
            }
        }
        if (n != lines) {
            throw new IllegalStateException("read " + n + " records, expected " + lines);
        }
    }
}
