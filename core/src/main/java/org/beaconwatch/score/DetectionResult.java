package org.beaconwatch.score;

import java.util.ArrayList;
import java.util.List;
import org.beaconwatch.host.HostScore;

/**
 * Outcome of one detection run.
 *
 * @param findings              the scored channels kept, ranked (rank 1 = most suspicious): every one unless
 *                              the detector was told to keep fewer ({@link FindingsKept}), then a prefix
 *                              of the full ranking and/or its alerts, with the same ranks; read from
 *                              temporary files, once per pass, when kept on disk ({@link #close()})
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
                              List<HostScore> hosts, int scored, int alertCount) implements AutoCloseable {
    public DetectionResult {
        findings = findings instanceof FindingStore.RankedList ? findings : List.copyOf(findings);
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

    /**
     * Removes the temporary files holding the findings when they are on disk
     * ({@link FindingsKept#ALL_STREAMED} on an input cut by source host); the findings cannot be read
     * afterwards. Nothing to do otherwise.
     */
    @Override
    public void close() {
        if (findings instanceof FindingStore.RankedList l) {
            l.store().close();
        }
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
