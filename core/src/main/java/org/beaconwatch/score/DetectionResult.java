package org.beaconwatch.score;

import java.util.ArrayList;
import java.util.List;
import org.beaconwatch.host.HostScore;

/**
 * Outcome of one detection run.
 *
 * @param findings              the scored channels kept, ranked (rank 1 = most suspicious): every one unless
 *                              the detector was told to keep fewer ({@link FindingsKept}), then a prefix
 *                              of the full ranking and/or its alerts, with the same ranks
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
 * @param scored                channels scored (findings, kept or not)
 * @param alertCount            findings that alert (kept or not)
 */
public record DetectionResult(List<Finding> findings, long flowsRead, long flowsUsed, int channels,
                              int channelsBelowMinConns, long skippedExternalSource, long skippedDestination,
                              long allowlisted, int internalSources, DetectOptions options,
                              List<HostScore> hosts, int scored, int alertCount) {
    public DetectionResult {
        findings = List.copyOf(findings);
        hosts = List.copyOf(hosts);
        if (scored < findings.size() || alertCount < 0 || alertCount > scored) {
            throw new IllegalArgumentException("counts " + scored + " scored, " + alertCount + " alerts for "
                    + findings.size() + " findings");
        }
    }

    /** A result holding every finding (the counts are taken from them). */
    public DetectionResult(List<Finding> findings, long flowsRead, long flowsUsed, int channels,
                           int channelsBelowMinConns, long skippedExternalSource, long skippedDestination,
                           long allowlisted, int internalSources, DetectOptions options, List<HostScore> hosts) {
        this(findings, flowsRead, flowsUsed, channels, channelsBelowMinConns, skippedExternalSource,
                skippedDestination, allowlisted, internalSources, options, hosts, findings.size(), countAlerts(findings));
    }

    /** A result without host triage. */
    public DetectionResult(List<Finding> findings, long flowsRead, long flowsUsed, int channels,
                           int channelsBelowMinConns, long skippedExternalSource, long skippedDestination,
                           long allowlisted, int internalSources, DetectOptions options) {
        this(findings, flowsRead, flowsUsed, channels, channelsBelowMinConns, skippedExternalSource,
                skippedDestination, allowlisted, internalSources, options, List.of());
    }

    /** True when the findings list holds every scored channel. */
    public boolean complete() {
        return findings.size() == scored;
    }

    private static int countAlerts(List<Finding> findings) {
        int n = 0;
        for (Finding f : findings) {
            if (f.alert()) {
                n++;
            }
        }
        return n;
    }

    /** Findings that alert, in rank order (those kept: all of them unless the detector kept only the top). */
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
