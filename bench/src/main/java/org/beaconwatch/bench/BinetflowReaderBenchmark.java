package org.beaconwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Records per second of a full read of a 1M-line CTU-style binetflow (15 columns,
 * comma-separated) through {@link FlowInputs#open}, single thread, uncompressed, from the page cache.
 * Score unit ops/s = records/s. Run:
 * {@code java -jar bench/target/benchmarks.jar BinetflowReader -f 1 -wi 2 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class BinetflowReaderBenchmark {
    static final int LINES = 1_000_000;

    private Path dir;
    private Path file;
    private final FlowBatch batch = new FlowBatch();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("bw-argus-bench");
        try {
            file = binetflow(dir, LINES, 42L);
        } catch (IOException | RuntimeException e) {
            ZeekTsvReaderBenchmark.deleteTree(dir);
            throw e;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        ZeekTsvReaderBenchmark.deleteTree(dir);
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

    /** A CTU-style comma-separated binetflow with {@code lines} records. */
    static Path binetflow(Path dir, int lines, long seed) throws IOException {
        Path p = dir.resolve("capture.binetflow");
        SplittableRandom r = new SplittableRandom(seed);
        try (BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.US_ASCII)) {
            w.write("StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,dTos,TotPkts,TotBytes,SrcBytes,Label\n");
            long ts = 1_313_488_906_000_000L;
            StringBuilder sb = new StringBuilder(200);
            for (int i = 0; i < lines; i++) {
                ts += r.nextInt(20_000);
                long s = ts / 1_000_000;
                long sod = s % 86_400;
                sb.setLength(0);
                sb.append(String.format(Locale.ROOT, "2011/08/%02d %02d:%02d:%02d.%06d,", 16 + (s - 1_313_452_800L) / 86_400,
                        sod / 3600, sod / 60 % 60, sod % 60, ts % 1_000_000));
                int d = r.nextInt(5_000_000);
                sb.append(d / 1_000_000).append('.').append(String.format(Locale.ROOT, "%06d", d % 1_000_000));
                boolean icmp = r.nextInt(50) == 0;
                boolean udp = !icmp && r.nextInt(4) == 0;
                sb.append(icmp ? ",icmp," : udp ? ",udp," : ",tcp,");
                sb.append("147.32.84.").append(r.nextInt(254) + 1).append(',');
                sb.append(icmp ? "0x0008" : String.valueOf(1024 + r.nextInt(60000))).append(icmp ? ",  <->," : ",   ->,");
                sb.append(r.nextInt(223) + 1).append('.').append(r.nextInt(256)).append('.').append(r.nextInt(256))
                        .append('.').append(r.nextInt(254) + 1).append(',');
                sb.append(icmp ? "0x0303" : udp ? "53" : "443").append(icmp ? ",ECO,0,0," : udp ? ",CON,0,0," : ",FSPA_FSPA,0,0,");
                int pk = 2 + r.nextInt(40);
                int sbytes = 60 + r.nextInt(5000);
                sb.append(pk).append(',').append(sbytes + r.nextInt(100_000)).append(',').append(sbytes).append(',');
                sb.append(r.nextInt(10) == 0 ? "flow=From-Botnet-V42-TCP-CC6-Plain-HTTP" : "flow=Background-TCP-Established")
                        .append('\n');
                w.append(sb);
            }
        }
        return p;
    }
}
