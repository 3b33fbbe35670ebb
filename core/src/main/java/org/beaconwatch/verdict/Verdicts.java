package org.beaconwatch.verdict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.beaconwatch.host.EvidenceType;
import org.beaconwatch.host.HostEvidence;
import org.beaconwatch.host.HostScore;
import org.beaconwatch.host.HostTriage;
import org.beaconwatch.score.DetectionResult;
import org.beaconwatch.score.Finding;

/**
 * Analyst verdicts applied to a detection result: findings whose channel has a benign verdict are
 * removed and counted (never dropped silently), the rest are re-ranked, and every remaining
 * finding can be asked for its verdict (malicious and unsure ones are marked in every output).
 * When several rows name the same channel the last one wins, as in {@link VerdictFile}.
 */
public final class Verdicts {
    private final Map<String, List<Verdict>> bySource = new HashMap<>();
    private final int size;

    private Verdicts(List<Verdict> verdicts) {
        for (Verdict v : verdicts) {
            bySource.computeIfAbsent(v.src(), k -> new ArrayList<>()).add(v);
        }
        size = verdicts.size();
    }

    /** Verdicts in file order. */
    public static Verdicts of(List<Verdict> verdicts) {
        return new Verdicts(verdicts);
    }

    /** No verdicts. */
    public static Verdicts none() {
        return new Verdicts(List.of());
    }

    /** Number of verdict rows. */
    public int size() {
        return size;
    }

    /** The verdict that names this finding's channel (the last matching row), or null. */
    public Verdict of(Finding f) {
        List<Verdict> vs = bySource.get(f.src());
        if (vs == null) {
            return null;
        }
        for (int i = vs.size() - 1; i >= 0; i--) {
            Verdict v = vs.get(i);
            if (v.matches(f.src(), f.dst(), f.dstPort(), f.serverName())) {
                return v;
            }
        }
        return null;
    }

    /**
     * A result with the benign-verdict findings taken out.
     *
     * @param result           the remaining findings, re-ranked from 1
     * @param suppressed       findings removed by a benign verdict
     * @param suppressedAlerts how many of them would have alerted
     * @param malicious        remaining findings marked malicious
     */
    public record Applied(DetectionResult result, int suppressed, int suppressedAlerts, int malicious) {
    }

    /** Removes findings with a benign verdict and re-ranks the rest (same order, ranks 1..n). */
    public Applied apply(DetectionResult r) {
        if (size == 0) {
            return new Applied(r, 0, 0, 0);
        }
        if (!r.complete()) {
            throw new IllegalArgumentException("verdicts need every finding; the detector kept only some");
        }
        List<Finding> kept = new ArrayList<>(r.findings().size());
        int suppressed = 0, suppressedAlerts = 0, malicious = 0;
        for (Finding f : r.findings()) {
            Verdict v = of(f);
            if (v != null && v.kind() == Verdict.Kind.BENIGN) {
                suppressed++;
                suppressedAlerts += f.alert() ? 1 : 0;
                continue;
            }
            if (v != null && v.kind() == Verdict.Kind.MALICIOUS) {
                malicious++;
            }
            kept.add(f.withRank(kept.size() + 1));
        }
        DetectionResult out = new DetectionResult(kept, r.flowsRead(), r.flowsUsed(), r.channels(),
                r.channelsBelowMinConns(), r.skippedExternalSource(), r.skippedDestination(), r.allowlisted(),
                r.internalSources(), r.options(), suppressed == 0 ? r.hosts() : rescore(r.hosts(), kept));
        return new Applied(out, suppressed, suppressedAlerts, malicious);
    }

    /**
     * Host triage again without the suppressed channels: every host keeps its evidence beyond channel
     * findings (DNS tunnels, scans, intel ...) and is scored from the channel findings that remain.
     */
    private static List<HostScore> rescore(List<HostScore> hosts, List<Finding> kept) {
        if (hosts.isEmpty()) {
            return hosts;
        }
        List<String> names = new ArrayList<>(hosts.size());
        List<HostEvidence> evidence = new ArrayList<>();
        for (Finding f : kept) {
            evidence.add(f.hostEvidence());
        }
        for (HostScore h : hosts) {
            names.add(h.host());
            for (HostEvidence e : h.evidence()) {
                if (e.type() != EvidenceType.BEACON && e.type() != EvidenceType.STROBE
                        && e.type() != EvidenceType.LONG_CONNECTION) {
                    evidence.add(e);
                }
            }
        }
        return HostTriage.rank(names, evidence);
    }
}
