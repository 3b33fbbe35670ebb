package org.beaconwatch.host;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.beaconwatch.severity.Severity;

/**
 * Scores hosts from all their evidence.
 *
 * <p>What: per host, the strongest evidence of each type counts once (a P2P client's hundred
 * periodic channels are one kind of evidence, not a hundred). Evidence below the low severity
 * ({@link #FLOOR} = 0.4) is noise and only sets the score when nothing stronger exists. Above
 * it, each type's excess is mapped to e = (s − 0.4)/0.6 in [0, 1] and the types are combined by
 * noisy-OR, then mapped back:
 * <pre>  host = 0.4 + 0.6 · (1 − Π_types (1 − e_type))</pre>
 * One piece of evidence alone gives its own score; independent kinds raise it (a 0.83 beacon
 * plus a 0.6 scan: 0.89), while two weak kinds (0.5 + 0.5 → 0.58) stay below the alert threshold.
 * Why: an infected host that beacons, scans and spams outranks one that only beacons, and far
 * outranks a host with one perfectly regular benign service; independent detectors agreeing is
 * stronger evidence than one detector being very sure (the idea behind Slips' per-profile
 * accumulated threat level, made bounded and order-free).
 * Ties: more alerts first, then more evidence kinds, then the address text.
 */
public final class HostTriage {
    /** Scores below this (the low severity) do not combine. */
    public static final double FLOOR = 0.4;
    /** Evidence rows kept per host in the result. */
    public static final int KEEP_EVIDENCE = 20;

    private HostTriage() {
    }

    /** Combined score of evidence scores, one per type (see the class comment). */
    public static double combine(Collection<Double> perType) {
        double max = 0;
        double keep = 1;
        boolean any = false;
        for (double s : perType) {
            max = Math.max(max, s);
            if (s >= FLOOR) {
                keep *= 1 - (s - FLOOR) / (1 - FLOOR);
                any = true;
            }
        }
        return any ? FLOOR + (1 - FLOOR) * (1 - keep) : max;
    }

    /**
     * Ranks hosts.
     *
     * @param hosts    every internal host seen (hosts without evidence score 0)
     * @param evidence all evidence: channel findings (as host evidence) and host evidence beyond them
     */
    public static List<HostScore> rank(Collection<String> hosts, List<HostEvidence> evidence) {
        Map<String, List<HostEvidence>> by = new HashMap<>();
        for (String h : hosts) {
            by.put(h, new ArrayList<>());
        }
        for (HostEvidence e : evidence) {
            by.computeIfAbsent(e.host(), k -> new ArrayList<>()).add(e);
        }
        List<HostScore> out = new ArrayList<>(by.size());
        for (Map.Entry<String, List<HostEvidence>> en : by.entrySet()) {
            out.add(score(en.getKey(), en.getValue()));
        }
        return merge(out);
    }

    /**
     * Ranks host scores of disjoint sets of hosts (each a {@link #rank} of the evidence of its hosts)
     * as one list: the same ranking as one {@link #rank} of all the evidence, as a host's score
     * reads only its own evidence.
     */
    public static List<HostScore> merge(List<HostScore> scores) {
        List<HostScore> out = new ArrayList<>(scores);
        out.sort((a, b) -> {
            int c = Double.compare(b.score(), a.score());
            if (c == 0) {
                c = Integer.compare(b.alerts(), a.alerts());
            }
            if (c == 0) {
                c = Integer.compare(b.kinds(), a.kinds());
            }
            return c != 0 ? c : a.host().compareTo(b.host());
        });
        for (int i = 0; i < out.size(); i++) {
            out.set(i, out.get(i).withRank(i + 1));
        }
        return out;
    }

    /**
     * The order of a host's evidence: higher score first, then by type, then as the detail orders
     * two of its kind ({@link HostEvidence.Detail#compareWithin}); equal ones keep their given order.
     */
    private static final Comparator<HostEvidence> EVIDENCE_ORDER = (a, b) -> {
        int c = Double.compare(b.score(), a.score());
        if (c == 0) {
            c = a.type().compareTo(b.type());
        }
        return c != 0 || a.detail() == null || b.detail() == null ? c : a.detail().compareWithin(b.detail());
    };

    static HostScore score(String host, List<HostEvidence> ev) {
        List<HostEvidence> kept = firstInOrder(ev, KEEP_EVIDENCE);
        Map<EvidenceType, Double> best = new EnumMap<>(EvidenceType.class);
        int alerts = 0;
        for (HostEvidence e : ev) {
            best.merge(e.type(), e.score(), Math::max);
            if (e.alert()) {
                alerts++;
            }
        }
        double score = Math.round(combine(best.values()) * 10000) / 10000.0;
        int kinds = 0;
        for (double s : best.values()) {
            if (s >= FLOOR) {
                kinds++;
            }
        }
        HostEvidence top = kept.isEmpty() ? null : kept.get(0);
        return new HostScore(0, host, score, Severity.of(score), alerts, ev.size(),
                top == null ? null : top.type(), top == null ? null : top.dst(), kinds, best, kept);
    }

    /**
     * The first {@code k} of {@code ev} in {@link #EVIDENCE_ORDER}, as a stable sort would put them
     * (equal ones in their given order), in a list of their own: sorted in place when there are no
     * more than k, otherwise selected in one pass that keeps the best k so far in order. A host with
     * thousands of findings (a busy server, a P2P client) needs only its first twenty, and most of
     * its evidence is turned away by one comparison with the twentieth so far instead of being
     * sorted.
     */
    static List<HostEvidence> firstInOrder(List<HostEvidence> ev, int k) {
        if (ev.size() <= k) {
            ev.sort(EVIDENCE_ORDER);
            return ev;
        }
        HostEvidence[] best = new HostEvidence[k];
        int n = 0;
        for (HostEvidence e : ev) {
            if (n == k && EVIDENCE_ORDER.compare(e, best[k - 1]) >= 0) {
                continue; // not before the k-th so far: a later equal one goes after it
            }
            // after every one it does not come before (a stable sort keeps arrival order)
            int lo = 0, hi = n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (EVIDENCE_ORDER.compare(e, best[mid]) < 0) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            int last = Math.min(n, k - 1);
            System.arraycopy(best, lo, best, lo + 1, last - lo);
            best[lo] = e;
            n = Math.min(n + 1, k);
        }
        return List.of(best);
    }
}
