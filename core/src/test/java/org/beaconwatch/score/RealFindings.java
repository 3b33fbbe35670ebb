package org.beaconwatch.score;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.beaconwatch.io.FlowInputs;
import org.beaconwatch.io.FlowSource;
import org.beaconwatch.io.ReadOptions;
import org.beaconwatch.sim.SimulationConfig;
import org.beaconwatch.sim.Simulator;

/** Findings of {@code detect} on real and simulated inputs, for tests of what is done with findings. */
final class RealFindings {
    private RealFindings() {
    }

    /**
     * The ranked findings of every folder of the shared data folder and of every file in them that
     * detection reads (files it does not read, such as pcaps, are left out), by input; skips the
     * test when the folder is absent.
     */
    static Map<Path, List<Finding>> sharedData() throws IOException {
        String dir = System.getProperty("beaconwatch.data");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)),
                "shared data folder not available (system property beaconwatch.data); skipping real-data test");
        List<Path> inputs = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            for (Path d : s.filter(Files::isDirectory).sorted().toList()) {
                inputs.add(d);
                try (Stream<Path> f = Files.list(d)) {
                    f.filter(Files::isRegularFile).sorted().forEach(inputs::add);
                }
            }
        }
        Map<Path, List<Finding>> out = new LinkedHashMap<>();
        for (Path p : inputs) {
            try {
                out.put(p, detect(p));
            } catch (IOException e) {
                // not an input detection reads, or nothing in it to score
            }
        }
        return out;
    }

    /** The ranked findings of a simulator run of about {@code rows} rows (conn.log and ssl.log). */
    static List<Finding> simulated(Path dir, long rows, long seed) throws IOException {
        Simulator.simulate(SimulationConfig.forRows(rows, seed), dir);
        return detect(dir);
    }

    static List<Finding> detect(Path input) throws IOException {
        try (FlowSource s = FlowInputs.open(List.of(input), ReadOptions.defaults())) {
            return new BeaconDetector().detect(s, DetectOptions.defaults(), DetectionListener.none()).findings();
        }
    }
}
