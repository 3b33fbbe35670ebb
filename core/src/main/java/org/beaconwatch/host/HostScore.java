package org.beaconwatch.host;

import java.util.List;
import org.beaconwatch.score.Severity;

/**
 * Triage of one internal host.
 *
 * @param rank        1 = most suspicious host
 * @param host        the host's address
 * @param score       combined score in [0, 1] (see {@link HostTriage})
 * @param severity    from the score
 * @param alerts      number of alerting pieces of evidence (channel findings and host evidence)
 * @param findings    number of pieces of evidence scored for the host
 * @param topType     type of the strongest evidence
 * @param topDst      destination of the strongest evidence
 * @param kinds       distinct evidence types at or above the low severity (0.4)
 * @param explanation one sentence naming the strongest evidence and what corroborates it
 * @param evidence    the host's evidence, strongest first (at most {@link HostTriage#KEEP_EVIDENCE})
 */
public record HostScore(int rank, String host, double score, Severity severity, int alerts, int findings,
                        EvidenceType topType, String topDst, int kinds, String explanation,
                        List<HostEvidence> evidence) {
    public HostScore {
        evidence = List.copyOf(evidence);
    }

    HostScore withRank(int r) {
        return new HostScore(r, host, score, severity, alerts, findings, topType, topDst, kinds, explanation, evidence);
    }
}
