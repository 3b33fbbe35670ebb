package org.beaconwatch.cli;

import org.beaconwatch.output.Numbers;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.beaconwatch.io.FlowInputs;
import org.beaconwatch.io.FlowSource;
import org.beaconwatch.io.ReadOptions;
import org.beaconwatch.output.AtomicOutput;
import org.beaconwatch.output.OutputFormat;
import org.beaconwatch.score.BeaconDetector;
import org.beaconwatch.score.DetectOptions;
import org.beaconwatch.score.DetectionResult;
import org.beaconwatch.score.Finding;
import org.beaconwatch.sim.ChannelKind;
import org.beaconwatch.sim.GroundTruthEntry;
import org.beaconwatch.sim.SimulationConfig;
import org.beaconwatch.sim.SimulationResult;
import org.beaconwatch.sim.Simulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code beaconwatch demo}: simulate a small office for a day, detect, show the top findings. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Simulates one day of a small office (25 hosts, planted beacons and benign periodic "
                + "software), runs detect on it, prints the top findings, checks them against the planted "
                + "ground truth and tells you where the CSV went."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:demo ran", "1:error", "2:usage error"})
final class DemoCommand implements Callable<Integer> {

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "beaconwatch-demo",
            description = "Where the simulated logs and findings go. Default: ${DEFAULT-VALUE}.")
    Path out = Path.of("beaconwatch-demo");

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed = 42;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "Findings to show. Default: ${DEFAULT-VALUE}.")
    int top = 10;

    @Override
    public Integer call() throws Exception {
        if (top < 1) {
            throw new UsageException("--top must be >= 1, got " + top);
        }
        AtomicOutput.prepareFolder(out);
        SimulationConfig config = SimulationConfig.smallOffice().withSeed(seed);
        SimulationResult sim = Simulator.simulate(config, out);
        System.out.printf(Locale.ROOT, "Simulated one day of a %d-host office: %,d connections in %s%n%n",
                config.hosts(), sim.connRows(), out);

        DetectOptions options = DetectOptions.defaults();
        DetectionResult result;
        try (FlowSource source = FlowInputs.open(List.of(out), ReadOptions.defaults())) {
            result = new BeaconDetector().detect(source, options, rows -> { });
        }
        DetectCommand.write(result, OutputFormat.TABLE, false, top, null);
        Path csv = out.resolve("findings.csv");
        DetectCommand.write(result, OutputFormat.CSV, false, top, csv);

        // Score the alerts against the planted ground truth.
        java.util.Map<String, GroundTruthEntry> truth = new java.util.HashMap<>();
        for (GroundTruthEntry e : sim.entries()) {
            truth.put(key(e.src(), e.dst(), e.dstPort(), e.proto()), e);
            if (!e.serverName().isEmpty()) {
                truth.put(e.src() + " " + e.serverName(), e);
            }
        }
        Set<GroundTruthEntry> hit = new HashSet<>();
        int benignShared = 0, benignSingle = 0, unplanned = 0;
        for (Finding f : result.alerts()) {
            GroundTruthEntry e = f.serverName() != null ? truth.get(f.src() + " " + f.serverName()) : null;
            if (e == null) {
                e = truth.get(key(f.src(), f.dst(), f.dstPort(), f.proto()));
            }
            if (e == null) {
                unplanned++;
            } else if (e.kind() == ChannelKind.BEACON) {
                hit.add(e);
            } else if (e.kind() == ChannelKind.BENIGN_PERIODIC_SHARED) {
                benignShared++;
            } else {
                benignSingle++;
            }
        }
        int easy = 0, easyHit = 0, hard = 0, hardHit = 0;
        for (GroundTruthEntry b : sim.entries(ChannelKind.BEACON)) {
            boolean h = hit.contains(b);
            if (b.jitter() <= 0.5) {
                easy++;
                easyHit += h ? 1 : 0;
            } else {
                hard++;
                hardHit += h ? 1 : 0;
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "Against the planted ground truth (%s):%n", sim.groundTruth());
        System.out.printf(Locale.ROOT, "  beacons with jitter <= 50 %%:   %d of %d alerted%n", easyHit, easy);
        if (hard > 0) {
            System.out.printf(Locale.ROOT, "  beacons with jitter  > 50 %%:   %d of %d alerted (deliberately hard cases)%n",
                    hardHit, hard);
        }
        System.out.printf(Locale.ROOT, "  benign periodic, shared:      %d of %d channels alerted%n", benignShared,
                sim.entries(ChannelKind.BENIGN_PERIODIC_SHARED).size());
        System.out.printf(Locale.ROOT, "  benign periodic, single host: %d of %d alerted (a weather tile or backup "
                + "check on one host times like a beacon; allowlist its domain once reviewed)%n", benignSingle,
                sim.entries(ChannelKind.BENIGN_PERIODIC_SINGLE).size());
        System.out.printf(Locale.ROOT, "  alerts on unplanned channels: %d%n%n", unplanned);
        System.out.println("All " + Numbers.count(result.findings().size()) + " scored channels, with every sub-score: " + csv);
        System.out.println("Next: ./beaconwatch detect YOUR_LOGS --format csv --out findings.csv   (see --help)");
        return ExitCodes.OK;
    }

    private static String key(String src, String dst, int port, String proto) {
        return src + " " + dst + " " + port + " " + proto;
    }
}
