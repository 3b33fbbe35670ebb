package org.beaconwatch.score;

import java.util.ArrayList;
import java.util.List;
import org.beaconwatch.host.HostScore;

/**
 * Outcome of one detection run.
 *
 * @param findings              every scored channel, ranked (rank 1 = most suspicious)
 * @param flowsRead             flows read from the input
 * @param flowsUsed             flows kept in a channel
 * @param channels              channels formed
 * @param channelsBelowMinConns channels too small to score (not in findings)
 * @param skippedExternalSource flows whose source is outside the internal networks
 * @param skippedDestination    flows to internal, multicast, broadcast, link-local or loopback destinations
 * @param allowlisted           flows dropped by the allowlist
 * @param internalSources       distinct sources seen in channels
 * @param options               the options used
 * @param hosts                 host triage: every internal host scored from all its evidence, ranked
 */
public record DetectionResult(List<Finding> findings, long flowsRead, long flowsUsed, int channels,
                              int channelsBelowMinConns, long skippedExternalSource, long skippedDestination,
                              long allowlisted, int internalSources, DetectOptions options,
                              List<HostScore> hosts) {
    public DetectionResult {
        findings = List.copyOf(findings);
        hosts = List.copyOf(hosts);
    }

    /** A result without host triage. */
    public DetectionResult(List<Finding> findings, long flowsRead, long flowsUsed, int channels,
                           int channelsBelowMinConns, long skippedExternalSource, long skippedDestination,
                           long allowlisted, int internalSources, DetectOptions options) {
        this(findings, flowsRead, flowsUsed, channels, channelsBelowMinConns, skippedExternalSource,
                skippedDestination, allowlisted, internalSources, options, List.of());
    }

    /** Findings that alert, in rank order. */
    public List<Finding> alerts() {
        List<Finding> a = new ArrayList<>();
        for (Finding f : findings) {
            if (f.alert()) {
                a.add(f);
            }
        }
        return a;
    }
}
