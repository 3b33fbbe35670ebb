package org.beaconwatch.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.beaconwatch.io.FlowInputs;
import org.beaconwatch.io.FlowSource;
import org.beaconwatch.io.ReadOptions;
import org.beaconwatch.score.BeaconDetector;
import org.beaconwatch.score.DetectOptions;
import org.beaconwatch.score.DetectionListener;

/**
 * CPU-seconds of each stage of a detection (the stages {@code detect --timing} prints), for shared
 * or loaded machines where wall times mostly measure the other processes: the process's CPU time
 * (every thread, JIT compilation and GC included) is read when each stage ends. Default options;
 * findings are counted, not written. Run:
 * {@code java -cp bench/target/benchmarks.jar org.beaconwatch.bench.StageCpuBenchmark FILE [threads]};
 * to measure another build, put its CLI jar first on the class path:
 * {@code java -cp OLD/beaconwatch-cli.jar:bench/target/classes org.beaconwatch.bench.StageCpuBenchmark FILE}.
 */
public final class StageCpuBenchmark {
    private StageCpuBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: StageCpuBenchmark FILE [threads]");
            System.exit(2);
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        DetectOptions options = DetectOptions.defaults().withThreads(threads);
        long[] last = {os.getProcessCpuTime()};
        DetectionListener listener = new DetectionListener() {
            @Override
            public void rowsProcessed(long rows) {
                // progress is not measured
            }

            @Override
            public void stage(String stage, long nanos) {
                long now = os.getProcessCpuTime();
                System.out.printf(Locale.ROOT, "  %-16s %7.2f s cpu %7.2f s wall%n", stage, (now - last[0]) / 1e9,
                        nanos / 1e9);
                last[0] = now;
            }
        };
        try (FlowSource source = FlowInputs.open(List.of(Path.of(args[0])), ReadOptions.defaults(), threads)) {
            int findings = new BeaconDetector().detect(source, options, listener).findings().size();
            System.out.printf(Locale.ROOT, "  %d findings, %.2f s process cpu in all%n", findings,
                    os.getProcessCpuTime() / 1e9);
        }
    }
}
