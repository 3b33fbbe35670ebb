package org.beaconwatch.sim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Measures {@link Simulator} speed (not part of the test suite). Run from the repository root:
 * <pre>
 * ./mvnw -q -pl core -am test-compile
 * java -Xmx1g -cp core/target/classes:core/target/test-classes org.beaconwatch.sim.SimulatorSpeed 20000000 /tmp/sim20m
 * (first argument: target rows, or "small" for {@link SimulationConfig#smallOffice()})
 * </pre>
 */
public final class SimulatorSpeed {
    private SimulatorSpeed() {
    }

    public static void main(String[] args) throws Exception {
        String size = args.length > 0 ? args[0] : "20000000";
        Path out = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("sim-speed");
        SimulationConfig c = size.equals("small") ? SimulationConfig.smallOffice()
                : SimulationConfig.forRows(Long.parseLong(size), SimulationConfig.DEFAULT_SEED);
        if (args.length > 2 && args[2].equals("estimate")) {
            System.out.printf(Locale.ROOT, "hosts=%d days=%d beacons=%d singles=%d estimated=%d%n", c.hosts(), c.days(),
                    c.beacons(), c.singlePeriodic(), c.estimatedRows());
            return;
        }
        long t0 = System.nanoTime();
        SimulationResult r = Simulator.simulate(c, out);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "hosts=%d days=%d beacons=%d estimated=%d rows=%d ssl=%d bytes=%d time=%.1f s"
                        + " rate=%.0f rows/s%n", c.hosts(), c.days(), c.beacons(), c.estimatedRows(), r.connRows(),
                r.sslRows(), Files.size(r.connLog()), s, r.connRows() / s);
    }
}
