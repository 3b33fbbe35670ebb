package org.beaconwatch.sim;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Simulator#simulate} wrote.
 *
 * @param connRows    data rows in {@code conn.log}
 * @param sslRows     data rows in {@code ssl.log}
 * @param connLog     path of {@code conn.log}
 * @param sslLog      path of {@code ssl.log}
 * @param groundTruth path of {@code ground_truth.csv}
 * @param entries     the planted channels, in file order
 */
public record SimulationResult(long connRows, long sslRows, Path connLog, Path sslLog, Path groundTruth,
                               List<GroundTruthEntry> entries) {
    public SimulationResult {
        entries = List.copyOf(entries);
    }

    /** The three files written, conn.log first. */
    public List<Path> files() {
        return List.of(connLog, sslLog, groundTruth);
    }

    /** Planted channels of one kind. */
    public List<GroundTruthEntry> entries(ChannelKind kind) {
        return entries.stream().filter(e -> e.kind() == kind).toList();
    }
}
