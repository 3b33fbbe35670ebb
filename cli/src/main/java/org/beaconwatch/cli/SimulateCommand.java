package org.beaconwatch.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.beaconwatch.output.AtomicOutput;
import org.beaconwatch.sim.ChannelKind;
import org.beaconwatch.sim.SimulationConfig;
import org.beaconwatch.sim.SimulationResult;
import org.beaconwatch.sim.Simulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code beaconwatch simulate}: realistic Zeek logs with planted beacons and a ground-truth file. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes a realistic Zeek conn.log and ssl.log with planted beacons (periods from seconds to "
                + "hours, jitter 0-60 %%, missed beats, office-hours-only, small near-constant payloads with occasional "
                + "tasking) and benign background: bursty browsing, periodic services shared by many hosts (NTP, "
                + "updates, telemetry) and a few benign periodic channels of a single host.",
            "Also writes ground_truth.csv listing every planted channel. Same options and seed, same bytes."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:written", "1:error", "2:usage error"})
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--hosts", paramLabel = "H", defaultValue = "25",
            description = "Internal hosts. Default: ${DEFAULT-VALUE}.")
    int hosts = 25;

    @Option(names = "--days", paramLabel = "D", defaultValue = "1", description = "Days of traffic. Default: ${DEFAULT-VALUE}.")
    int days = 1;

    @Option(names = "--rows", paramLabel = "N",
            description = "Instead of --hosts/--days: about N conn.log rows over one weekday (for benchmarks).")
    Long rows;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed = 42;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true, description = "Output directory.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (hosts < 1) {
            throw new UsageException("--hosts must be >= 1, got " + hosts);
        }
        if (days < 1) {
            throw new UsageException("--days must be >= 1, got " + days);
        }
        if (rows != null && rows < 1) {
            throw new UsageException("--rows must be >= 1, got " + rows);
        }
        SimulationConfig config;
        try {
            config = rows != null ? SimulationConfig.forRows(rows, seed) : SimulationConfig.forHosts(hosts, days, seed);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        AtomicOutput.prepareFolder(out); // before the work: a read-only folder fails now, not at the end
        long start = System.nanoTime();
        SimulationResult r;
        try (Progress progress = new Progress("simulate")) {
            r = Simulator.simulate(config, out, progress::rowsProcessed);
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "wrote %,d conn.log rows and %,d ssl.log rows for %,d hosts over %d day%s "
                        + "in %.1f s%n", r.connRows(), r.sslRows(), config.hosts(), config.days(),
                config.days() == 1 ? "" : "s", secs);
        System.out.printf(Locale.ROOT, "planted: %d beacons, %d shared periodic services (channels), "
                        + "%d single-host periodic channels%n", r.entries(ChannelKind.BEACON).size(),
                r.entries(ChannelKind.BENIGN_PERIODIC_SHARED).size(), r.entries(ChannelKind.BENIGN_PERIODIC_SINGLE).size());
        for (Path f : r.files()) {
            System.out.println("  " + f);
        }
        return ExitCodes.OK;
    }
}
