package org.beaconwatch.host;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.beaconwatch.severity.Severity;

/**
 * Triage of one internal host. Figures only; its sentence is worded by
 * {@code org.beaconwatch.output.Explanations}.
 *
 * @param rank     1 = most suspicious host
 * @param host     the host's address
 * @param score    combined score in [0, 1] (see {@link HostTriage})
 * @param severity from the score
 * @param alerts   number of alerting pieces of evidence (channel findings and host evidence)
 * @param findings number of pieces of evidence scored for the host
 * @param topType  type of the strongest evidence
 * @param topDst   destination of the strongest evidence
 * @param kinds    distinct evidence types at or above the low severity (0.4)
 * @param best     the strongest score of each evidence type the host has, in type order
 * @param evidence the host's evidence, strongest first (at most {@link HostTriage#KEEP_EVIDENCE})
 */
public record HostScore(int rank, String host, double score, Severity severity, int alerts, int findings,
                        EvidenceType topType, String topDst, int kinds, Map<EvidenceType, Double> best,
                        List<HostEvidence> evidence) {
    public HostScore {
        best = best.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(best));
        evidence = List.copyOf(evidence);
    }

    /** The strongest piece of evidence, or null for a host without any. */
    public HostEvidence top() {
        return evidence.isEmpty() ? null : evidence.get(0);
    }

    HostScore withRank(int r) {
        return new HostScore(r, host, score, severity, alerts, findings, topType, topDst, kinds, best, evidence);
    }
}
