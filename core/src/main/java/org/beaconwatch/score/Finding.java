package org.beaconwatch.score;

import java.util.Map;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.host.EvidenceType;
import org.beaconwatch.host.HostEvidence;
import org.beaconwatch.severity.Severity;

/**
 * One scored channel: which channel ({@link ChannelId}), how it scored ({@link Scores}) and what
 * was measured ({@link Evidence}), with its rank and verdict. Findings carry numbers only; their
 * explanation is worded by {@code org.beaconwatch.output.Explanations}. The accessors below the
 * components read through to the three records.
 *
 * @param rank     1 = most suspicious
 * @param severity from the score
 * @param alert    score at or above the alert threshold
 * @param type     beacon, strobe or long connection
 * @param id       the channel
 * @param scores   the combined score and its parts
 * @param evidence the measured figures, features and labels
 */
public record Finding(int rank, Severity severity, boolean alert, FindingType type, ChannelId id, Scores scores,
                      Evidence evidence) implements HostEvidence.Detail {

    /** This finding with another rank. */
    public Finding withRank(int r) {
        return new Finding(r, severity, alert, type, id, scores, evidence);
    }

    /** "src -> dst:port/proto" or "src -> name" for display; IPv6 as "[2001:db8::7]:443". */
    public String channel() {
        return id.text();
    }

    /** The host evidence this finding stands for (host triage reads channel findings through it). */
    public HostEvidence hostEvidence() {
        EvidenceType t = switch (type) {
            case STROBE -> EvidenceType.STROBE;
            case LONG_CONNECTION -> EvidenceType.LONG_CONNECTION;
            default -> EvidenceType.BEACON;
        };
        return new HostEvidence(src(), t, score(), alert, null, conns(), this); // destination() words dst
    }

    /** The destination as host evidence names it: the server name, or "address:port/proto". */
    @Override
    public String destination() {
        return serverName() != null ? serverName()
                : dstPort() >= 0 ? IpAddress.withPort(dst(), dstPort()) + "/" + proto() : dst();
    }

    /**
     * Against another finding: more connections first, then the channel text (the ranking's order
     * after the score); 0 against other details.
     */
    @Override
    public int compareWithin(HostEvidence.Detail other) {
        if (!(other instanceof Finding g)) {
            return 0;
        }
        int c = Integer.compare(g.conns(), conns());
        return c != 0 ? c : id.compareText(g.id);
    }

    /** "address:port" for display; IPv6 in brackets ({@link IpAddress#withPort}). */
    public static String addressPort(String address, int port) {
        return IpAddress.withPort(address, port);
    }

    /** Combined score in [0, 1]. */
    public double score() {
        return scores.score();
    }

    public String src() {
        return id.src();
    }

    public String dst() {
        return id.dst();
    }

    public int dstPort() {
        return id.dstPort();
    }

    public String proto() {
        return id.proto();
    }

    public String serverName() {
        return id.serverName();
    }

    public int conns() {
        return evidence.conns();
    }

    public long firstSeen() {
        return evidence.firstSeen();
    }

    public long lastSeen() {
        return evidence.lastSeen();
    }

    public double periodSeconds() {
        return evidence.periodSeconds();
    }

    public double jitter() {
        return evidence.jitter();
    }

    public double timingScore() {
        return scores.timing();
    }

    public double periodicityScore() {
        return scores.periodicity();
    }

    public double sizeScore() {
        return scores.size();
    }

    public double persistenceScore() {
        return scores.persistence();
    }

    /** Distinct internal sources talking to the destination. */
    public int prevalence() {
        return evidence.prevalence();
    }

    public double prevalenceScore() {
        return scores.prevalence();
    }

    public Map<String, Double> features() {
        return evidence.features();
    }

    public String label() {
        return evidence.label();
    }

    public String detailedLabel() {
        return evidence.detailedLabel();
    }
}
