package org.beaconwatch.report.detection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.beaconwatch.output.Numbers;
import org.beaconwatch.score.Finding;
import org.beaconwatch.severity.Severity;

/**
 * Host triage as a roll-up of channel findings: a host scores as its best channel, plus a small
 * bonus for each further alerting channel (1 − ∏(1 − s) over its alerting channels, capped by
 * the best score + 0.1), so a host with three beacons ranks above one with a single beacon of the
 * same score, but many weak channels never add up to an alert.
 */
final class ChannelRollup implements HostTriage {
    /** Most a host's score can rise above its best channel from further alerting channels. */
    static final double EXTRA_ALERTS_CAP = 0.1;

    private final List<Host> hosts;

    ChannelRollup(List<Finding> ranked) {
        Map<String, List<Finding>> bySrc = new LinkedHashMap<>();
        for (Finding f : ranked) {
            bySrc.computeIfAbsent(f.src(), k -> new ArrayList<>()).add(f);
        }
        List<Host> out = new ArrayList<>();
        for (Map.Entry<String, List<Finding>> e : bySrc.entrySet()) {
            List<Finding> fs = e.getValue();
            double best = fs.get(0).score();
            double none = 1;
            int alerts = 0;
            List<Integer> ranks = new ArrayList<>();
            for (Finding f : fs) {
                if (f.alert()) {
                    alerts++;
                    none *= 1 - f.score();
                }
                if (ranks.size() < Host.MAX_RANKS) {
                    ranks.add(f.rank());
                }
            }
            double score = alerts > 1 ? Math.min(best + EXTRA_ALERTS_CAP, 1 - none) : best;
            score = Math.max(best, score);
            String reason = alerts == 0 ? "no alert; best channel scores " + Numbers.fixed(best, 2)
                    : alerts == 1 ? "1 alerting channel" : alerts + " alerting channels";
            out.add(new Host(e.getKey(), score, Severity.of(score).label(), alerts,
                    fs.size(), ranks, reason));
        }
        out.sort((a, b) -> {
            int c = Double.compare(b.score(), a.score());
            if (c != 0) {
                return c;
            }
            c = Integer.compare(b.alerts(), a.alerts());
            return c != 0 ? c : Integer.compare(a.ranks().get(0), b.ranks().get(0));
        });
        this.hosts = List.copyOf(out);
    }

    @Override
    public String method() {
        return "roll-up of channel findings (a host scores as its best channel, a little more with several alerts)";
    }

    @Override
    public List<Host> hosts() {
        return hosts;
    }
}
