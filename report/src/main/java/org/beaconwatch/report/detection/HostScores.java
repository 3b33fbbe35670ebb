package org.beaconwatch.report.detection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.beaconwatch.host.HostScore;
import org.beaconwatch.output.Explanations;
import org.beaconwatch.score.Finding;

/**
 * Host triage from the detection's own host scores ({@link org.beaconwatch.host.HostTriage}: every
 * piece of evidence against a host, channel findings, DNS tunnels, scans and threat intel among
 * them, combined per host). Each host links to its channel findings still shown after verdicts.
 * Hosts without any evidence are left out of the table.
 */
final class HostScores implements HostTriage {
    private final List<Host> hosts;

    HostScores(List<HostScore> scores, List<Finding> ranked) {
        Map<String, List<Integer>> ranks = new HashMap<>();
        Map<String, Integer> findings = new HashMap<>();
        for (Finding f : ranked) {
            findings.merge(f.src(), 1, Integer::sum);
            List<Integer> r = ranks.computeIfAbsent(f.src(), k -> new ArrayList<>());
            if (r.size() < Host.MAX_RANKS) {
                r.add(f.rank());
            }
        }
        List<Host> out = new ArrayList<>();
        for (HostScore h : scores) {
            if (h.findings() == 0) {
                continue;
            }
            out.add(new Host(h.host(), h.score(), h.severity().label(), h.alerts(), h.findings(),
                    ranks.getOrDefault(h.host(), List.of()), Explanations.of(h)));
        }
        this.hosts = List.copyOf(out);
    }

    @Override
    public String method() {
        return "host scores of the detection: each kind of evidence against a host counts once, and independent "
                + "kinds raise the score";
    }

    @Override
    public List<Host> hosts() {
        return hosts;
    }
}
