package org.beaconwatch.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.beaconwatch.dns.DnsTunnelDetector;
import org.beaconwatch.host.ChannelEvidence;
import org.beaconwatch.host.EvidenceType;
import org.beaconwatch.host.HostEvidence;
import org.beaconwatch.host.HostScore;
import org.beaconwatch.host.HostTriage;
import org.beaconwatch.score.Adjustments;
import org.beaconwatch.score.Evidence;
import org.beaconwatch.score.Finding;
import org.beaconwatch.score.FindingType;
import org.beaconwatch.score.ScoreWeights;

/**
 * The one place where findings and hosts are put into words. Scorers and detectors return
 * records of numbers ({@link Finding}'s {@link Evidence}, {@link HostEvidence}'s detail,
 * {@link HostScore}); every output (table, CSV, JSON lines, syslog, HTML report) words them here,
 * with the figures formatted by {@link Numbers}, so one finding reads the same everywhere.
 */
public final class Explanations {
    /** A finding is "regular" in its sentence ("every 60 s (±1.2 s)") from this timing score on. */
    private static final double REGULAR_TIMING = 0.3;
    /** Burst and missed-beat shares from which the sentence mentions them. */
    private static final double MENTION_BURSTS = 0.2;
    private static final double MENTION_MISSED = 0.1;
    /** Characters of a finding's sentence, about (the builder's first size: every written row makes one). */
    private static final int SENTENCE_CHARS = 192;

    private Explanations() {
    }

    /** One plain sentence for a channel finding: "every 60 s (±1.2 s), 300 times over 5.0 h, ...". */
    public static String of(Finding f) {
        Evidence e = f.evidence();
        int n = e.conns();
        long span = e.spanMicros();
        StringBuilder sb = new StringBuilder(SENTENCE_CHARS);
        if (f.type() == FindingType.STROBE) {
            double rate = n * 1e6 / Math.max(span, 1_000_000L);
            sb.append("strobe: ").append(Numbers.count(n)).append(" connections in ")
                    .append(Numbers.roundedDuration(span / 1e6)).append(" (").append(Numbers.rate(rate))
                    .append(" per second)");
        } else if (f.type() == FindingType.LONG_CONNECTION) {
            sb.append("a connection stayed open for ").append(Numbers.roundedDuration(e.longestMicros() / 1e6))
                    .append(", ").append(Numbers.count(n)).append(n == 1 ? " connection" : " connections")
                    .append(" over ").append(Numbers.roundedDuration(span / 1e6));
        } else {
            double p = e.periodSeconds();
            if (f.timingScore() >= REGULAR_TIMING && p > 0) {
                sb.append("every ").append(Numbers.roundedDuration(p)).append(" (±")
                        .append(Numbers.roundedDuration(e.jitter() * p)).append(")");
            } else if (p > 0) {
                sb.append("irregular, typically ").append(Numbers.roundedDuration(p)).append(" apart");
            } else {
                sb.append("irregular");
            }
            sb.append(", ").append(Numbers.count(n)).append(" times over ").append(Numbers.roundedDuration(span / 1e6));
            if (e.burstRatio() >= MENTION_BURSTS) {
                sb.append(" in ").append(Numbers.count(e.beats())).append(" bursts");
            }
            if (e.missedRatio() >= MENTION_MISSED) {
                sb.append(", ").append(Math.round(e.missedRatio() * 100)).append(" % of beats missed");
            }
        }
        if (!Double.isNaN(e.medianBytes())) {
            long b = Math.round(e.medianBytes());
            sb.append(", ");
            if (b == 0) {
                sb.append("empty");
            } else {
                sb.append(Numbers.count(b)).append("-byte");
            }
            sb.append(" requests");
        }
        int prevalence = e.prevalence();
        if (prevalence <= 1) {
            sb.append(", no other host talks to it");
        } else {
            sb.append(", ").append(Numbers.count(prevalence)).append(" hosts talk to it");
        }
        int siblings = e.siblings();
        if (siblings > 0 && f.serverName() != null) {
            sb.append(", the host also uses ").append(Numbers.count(siblings)).append(" other name")
                    .append(siblings == 1 ? "" : "s").append(" in its domain");
        } else if (siblings > 0) {
            sb.append(", the host also talks to ").append(Numbers.count(siblings)).append(" other address")
                    .append(siblings == 1 ? "" : "es").append(" in its network");
        }
        if (e.ntp() && f.type() == FindingType.BEACON) {
            sb.append(" (NTP-shaped: time sync polls periodically by design)");
        }
        Adjustments a = e.adjustments();
        if (e.cohortFactor() < 1) {
            if (e.cohort() > ScoreWeights.COHORT_FREE) {
                sb.append(", one of ").append(Numbers.count(e.cohort() + 1L))
                        .append(" channels of this host on the same beat to different peers");
            }
            if (a.coTimed() > 0) {
                sb.append(", starts together with its channel to ").append(a.coTimedWith())
                        .append(a.coTimed() > 1 ? " and " + Numbers.count(a.coTimed() - 1L) + " more" : "")
                        .append(" (one application's schedule)");
            }
            sb.append(" (×").append(Numbers.oneDecimal(e.cohortFactor())).append(")");
        }
        if (a.noHost()) {
            sb.append(", ").append(Math.round(a.noHostShare() * 100)).append(" % of its HTTP requests without a Host header (")
                    .append(plus(ScoreWeights.MOD_NO_HOST)).append(')');
        }
        if (a.rareSignature() != null) {
            sb.append(", its ").append(a.rareSignature().startsWith("ja3") ? "TLS fingerprint (JA3)" : "user agent")
                    .append(" is used towards no other destination (").append(plus(ScoreWeights.MOD_RARE_SIGNATURE))
                    .append(')');
        }
        if (a.firstSeenRecent()) {
            sb.append(", first seen in the last day of ").append(Numbers.roundedDuration(a.inputSpanMicros() / 1e6))
                    .append(" of logs (").append(plus(ScoreWeights.MOD_FIRST_SEEN)).append(')');
        }
        return sb.toString();
    }

    /** A score modifier's weight as "+0.10". */
    private static String plus(double w) {
        return "+" + Numbers.fixed(w, 2);
    }

    /** One plain clause for a piece of host evidence ("horizontal scan: 40 unanswered addresses ..."). */
    public static String of(HostEvidence e) {
        HostEvidence.Detail d = e.detail();
        if (d instanceof Finding f) {
            return of(f);
        }
        if (d instanceof DnsTunnelDetector.Tunnel t) {
            return Numbers.count(t.unique()) + " unique subdomains of " + t.domain() + " in " + Numbers.count(t.queries())
                    + " queries, mean " + Numbers.fixed(t.meanLength(), 0) + " characters at "
                    + Numbers.fixed(t.meanBits(), 1) + " bits per character, " + Numbers.fixed(t.typeShare() * 100, 0)
                    + " % TXT/NULL/CNAME/MX, "
                    + (t.users() <= 1 ? "no other host queries it" : t.users() + " hosts query it");
        }
        if (d instanceof HostEvidence.IntelHit h) {
            return h.indicator() + " is on the indicator list (" + h.note() + "), " + h.conns()
                    + (h.conns() == 1 ? " connection" : " connections");
        }
        if (d instanceof HostEvidence.HorizontalScan h) {
            return "horizontal scan: " + h.targets() + " unanswered addresses on port " + h.port() + " within "
                    + ChannelEvidence.SCAN_WINDOW / 60_000_000L + " min, " + Math.round(h.failedShare() * 100)
                    + " % of all its addresses on that port";
        }
        if (d instanceof HostEvidence.VerticalScan v) {
            return "vertical scan: " + v.ports() + " ports of " + v.dst() + " never answered";
        }
        if (d instanceof HostEvidence.SmtpFanout m) {
            return "sent mail directly to " + m.servers() + " different mail servers (tcp/25, 465, 587)";
        }
        if (d instanceof HostEvidence.FailedConnections c) {
            return c.failed() + " of " + c.conns() + " connections ("
                    + Math.round(c.failed() / (double) c.conns() * 100) + " %) got nothing back";
        }
        return e.type().label();
    }

    /**
     * One sentence for a host: its strongest evidence in words, the other kinds of evidence at or
     * above {@link HostTriage#FLOOR} with their scores, and the number of alerts when more than one.
     */
    public static String of(HostScore h) {
        HostEvidence top = h.top();
        if (top == null) {
            return "no evidence";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("strongest: ").append(words(top.type())).append(" to ").append(top.dst())
                .append(" (").append(Numbers.fixed(top.score(), 2)).append("): ").append(of(top));
        List<String> others = new ArrayList<>();
        for (Map.Entry<EvidenceType, Double> e : h.best().entrySet()) {
            if (e.getKey() != top.type() && e.getValue() >= HostTriage.FLOOR) {
                others.add(words(e.getKey()) + " " + Numbers.fixed(e.getValue(), 2));
            }
        }
        if (!others.isEmpty()) {
            sb.append("; also ").append(String.join(", ", others));
        }
        if (h.alerts() > 1) {
            sb.append("; ").append(h.alerts()).append(" alerts in all");
        }
        return sb.toString();
    }

    private static String words(EvidenceType t) {
        return t.label().replace('_', ' ');
    }
}
