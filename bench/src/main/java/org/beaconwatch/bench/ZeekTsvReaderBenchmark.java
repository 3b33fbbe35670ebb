package org.beaconwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.io.FlowInputs;
import org.beaconwatch.io.FlowSource;
import org.beaconwatch.io.ReadOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Records per second of a full read of a 1M-line Stratosphere-labelled conn.log (23 columns,
 * 5 % IPv6) through {@link FlowInputs#open}, single thread, uncompressed, from the page cache.
 * Score unit ops/s = records/s. Run:
 * {@code java -jar bench/target/benchmarks.jar ZeekTsvReader -f 1 -wi 2 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class ZeekTsvReaderBenchmark {
    static final int LINES = 1_000_000;

    private Path dir;
    private Path file;
    private final FlowBatch batch = new FlowBatch();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("bw-zeek-bench");
        try {
            file = zeekConnLog(dir, LINES, 42L);
        } catch (IOException | RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        deleteTree(dir);
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public long readAll() throws IOException {
        long n = 0, check = 0;
        try (FlowSource s = FlowInputs.open(List.of(file), ReadOptions.defaults())) {
            while (s.read(batch)) {
                n += batch.size();
                check += batch.dstPort[0] + batch.ts[batch.size() - 1];
            }
        }
        if (n != LINES) {
            throw new IllegalStateException("read " + n + " records, expected " + LINES);
        }
        return check;
    }

    static void deleteTree(Path dir) throws IOException {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static final String[] SERVICES = {"-", "dns", "ssl", "http", "-", "-", "ssl"};
    private static final String[] STATES = {"SF", "S0", "REJ", "RSTO", "OTH", "SF", "SF", "S1"};
    private static final String[] LABELS = {"Benign\t-", "Malicious\tC&C", "Background\t(empty)", "Benign\tGoogle"};

    /** A Stratosphere-labelled conn.log (23 columns) with {@code lines} records. */
    static Path zeekConnLog(Path dir, int lines, long seed) throws IOException {
        Path p = dir.resolve("conn.log");
        SplittableRandom r = new SplittableRandom(seed);
        try (BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.US_ASCII)) {
            w.write("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n"
                    + "#open\t2024-01-01-00-00-00\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\t"
                    + "service\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\t"
                    + "history\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents\tlabel\tdetailedlabel\n"
                    + "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\t"
                    + "bool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]\tstring\tstring\n");
            long ts = 1_700_000_000_000_000L;
            StringBuilder sb = new StringBuilder(256);
            for (int i = 0; i < lines; i++) {
                ts += r.nextInt(20_000);
                sb.setLength(0);
                sb.append(ts / 1_000_000).append('.').append(String.format(Locale.ROOT, "%06d", ts % 1_000_000));
                sb.append("\tC").append(Long.toString((r.nextLong() & Long.MAX_VALUE) | (1L << 62), 36), 0, 10).append("x3a\t");
                if (r.nextInt(20) == 0) {
                    sb.append("fd2d:ab8c:225:0:81d3:fd3e:7f62:").append(Integer.toHexString(r.nextInt(65536)));
                } else {
                    sb.append("192.168.").append(r.nextInt(4)).append('.').append(r.nextInt(254) + 1);
                }
                sb.append('\t').append(1024 + r.nextInt(60000)).append('\t');
                sb.append(r.nextInt(223) + 1).append('.').append(r.nextInt(256)).append('.').append(r.nextInt(256))
                        .append('.').append(r.nextInt(254) + 1);
                boolean udp = r.nextInt(4) == 0;
                sb.append('\t').append(udp ? 53 : r.nextBoolean() ? 443 : 80).append('\t').append(udp ? "udp" : "tcp");
                sb.append('\t').append(SERVICES[r.nextInt(SERVICES.length)]).append('\t');
                if (r.nextInt(5) == 0) {
                    sb.append("-\t-\t-");
                } else {
                    int d = r.nextInt(5_000_000);
                    sb.append(d / 1_000_000).append('.').append(String.format(Locale.ROOT, "%06d", d % 1_000_000));
                    sb.append('\t').append(r.nextInt(5000)).append('\t').append(r.nextInt(200_000));
                }
                sb.append('\t').append(STATES[r.nextInt(STATES.length)]).append("\tT\tF\t0\tShADadFf\t");
                int op = 1 + r.nextInt(30), rp = r.nextInt(30);
                sb.append(op).append('\t').append(op * 60 + r.nextInt(4000)).append('\t').append(rp).append('\t')
                        .append(rp * 60 + r.nextInt(100_000)).append("\t(empty)\t").append(LABELS[r.nextInt(LABELS.length)])
                        .append('\n');
                w.append(sb);
            }
            w.write("#close\t2024-01-02-00-00-00\n");
        }
        return p;
    }

}
