package org.beaconwatch.dns;

import com.google.common.net.InternetDomainName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.beaconwatch.host.EvidenceType;
import org.beaconwatch.host.HostEvidence;
import org.beaconwatch.io.DnsQueries;

/**
 * DNS tunnels: data carried in the names a host looks up (iodine, dnscat2, DNS C2 stagers).
 *
 * <p>What: for each (internal source, registrable domain) — the domain one level below its
 * public suffix, from the Public Suffix List as Guava's {@link InternetDomainName} ships it — it
 * keeps the number of queries, the unique subdomains (up to {@link #MAX_UNIQUE} kept exactly),
 * their mean length and mean Shannon entropy (bits per character), and the share of TXT/NULL/
 * CNAME/MX-type queries tunnels favour. Memory is one aggregate per pair, not one per query.
 * Score:
 * <pre>
 *   volume  = min(1, log10(unique) / 3)             (1,000 unique subdomains → 1)
 *   length  = clamp((mean length − 10) / 30)        (a 40-character encoded label → 1)
 *   entropy = clamp((mean entropy − 2.5) / 1.5)     (≥ 4 bits per character → 1)
 *   types   = share of TXT, NULL, CNAME and MX queries
 *   score   = rarity · (0.35·volume + 0.35·length + 0.2·entropy + 0.1·types)
 * </pre>
 * with rarity = 0.35 + 0.65·prevalence over the hosts querying the domain (the same shape as
 * for channels): a CDN or telemetry domain many hosts resolve scores low even though it has many
 * unique hashed subdomains. Needs {@link #MIN_UNIQUE} unique subdomains. Why: a tunnel must
 * encode every message in a fresh name under a domain the attacker controls, so unique-name count,
 * length and randomness grow with the data moved; benign names are short, reused and shared.
 * Sources: Farnham and Atlasis, "Detecting DNS Tunneling" (SANS, 2013); Slips' and RITA's DNS
 * modules count unique subdomains per domain as well.
 */
public final class DnsTunnelDetector implements DnsQueries {
    /** Fewest unique subdomains before a domain is scored. */
    public static final int MIN_UNIQUE = 50;
    /** Unique subdomains kept exactly per (source, domain); beyond, the count is a lower bound. */
    public static final int MAX_UNIQUE = 20_000;

    private final Map<String, Map<String, Agg>> bySource = new HashMap<>();
    private final Map<String, Set<String>> sourcesByDomain = new HashMap<>();
    private final Predicate<String> internal;

    /**
     * A detector to hand to {@link org.beaconwatch.io.FlowInputs#open(List, org.beaconwatch.io.ReadOptions,
     * int, DnsQueries)}: it is fed the query records of the dns.log files read there (once, with their
     * answers), and {@link #evidence} is asked afterwards.
     *
     * @param internal which sources are internal hosts (others are ignored)
     */
    public DnsTunnelDetector(Predicate<String> internal) {
        this.internal = internal;
    }

    static final class Agg {
        long queries;
        final Set<String> unique = new HashSet<>();
        long uniqueOverflow;
        double lengthSum;
        double entropySum;
        long typed;
    }

    /** Adds one query record (a dns.log line as the companion reader parsed it). */
    @Override
    public void query(String src, String query, String qtype) {
        if (src == null || query == null || query.isEmpty() || query.equals("-") || !internal.test(src)) {
            return;
        }
        String q = query.toLowerCase(Locale.ROOT);
        if (q.endsWith(".")) {
            q = q.substring(0, q.length() - 1);
        }
        String domain = registrable(q);
        if (domain == null || domain.length() >= q.length()) {
            return; // no subdomain part (or not a public name): nothing encoded
        }
        String sub = q.substring(0, q.length() - domain.length() - 1);
        Agg a = bySource.computeIfAbsent(src, k -> new HashMap<>()).computeIfAbsent(domain, k -> new Agg());
        sourcesByDomain.computeIfAbsent(domain, k -> new HashSet<>()).add(src);
        a.queries++;
        if (a.unique.size() < MAX_UNIQUE) {
            if (a.unique.add(sub)) {
                a.lengthSum += sub.length();
                a.entropySum += entropy(sub);
            }
        } else if (!a.unique.contains(sub)) {
            a.uniqueOverflow++;
        }
        if (qtype != null && (qtype.equals("TXT") || qtype.equals("NULL") || qtype.equals("CNAME")
                || qtype.equals("MX"))) {
            a.typed++;
        }
    }

    /** Registrable domain of a name under a public suffix, or null (IP literals, local names). */
    static String registrable(String name) {
        try {
            InternetDomainName d = InternetDomainName.from(name);
            if (!d.isUnderPublicSuffix()) {
                return null;
            }
            return d.topPrivateDomain().toString();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return null;
        }
    }

    /** Shannon entropy in bits per character, dots excluded. */
    static double entropy(String s) {
        int[] counts = new int[128];
        int n = 0;
        int other = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                continue;
            }
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
            n++;
        }
        if (n == 0) {
            return 0;
        }
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = c / (double) n;
                h -= p * Math.log(p);
            }
        }
        if (other > 0) {
            double p = other / (double) n;
            h -= p * Math.log(p);
        }
        return h / Math.log(2);
    }

    /** The evidence: one dns_tunnel entry per (source, domain) with enough unique subdomains. */
    public List<HostEvidence> evidence(double alertThreshold) {
        int hosts = bySource.size();
        List<HostEvidence> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Agg>> s : bySource.entrySet()) {
            for (Map.Entry<String, Agg> d : s.getValue().entrySet()) {
                Agg a = d.getValue();
                int stored = a.unique.size();
                long unique = stored + a.uniqueOverflow;
                if (unique < MIN_UNIQUE) {
                    continue;
                }
                double volume = Math.min(1, Math.log10((double) unique) / 3);
                double meanLen = a.lengthSum / stored;
                double meanEnt = a.entropySum / stored;
                double length = clamp((meanLen - 10) / 30);
                double ent = clamp((meanEnt - 2.5) / 1.5);
                double types = a.typed / (double) a.queries;
                int users = sourcesByDomain.get(d.getKey()).size();
                double prevalence = users <= 1 ? 1
                        : clamp(1 - (Math.log(users) / Math.log(2)) / (Math.log(Math.max(4.0, hosts / 4.0)) / Math.log(2)));
                double rarity = 0.35 + 0.65 * prevalence;
                double score = Math.round(rarity * (0.35 * volume + 0.35 * length + 0.2 * ent + 0.1 * types) * 10000)
                        / 10000.0;
                if (score < 0.2) {
                    continue;
                }
                out.add(new HostEvidence(s.getKey(), EvidenceType.DNS_TUNNEL, score, score >= alertThreshold,
                        d.getKey(), unique, new Tunnel(unique, d.getKey(), a.queries, meanLen, meanEnt, types, users)));
            }
        }
        out.sort((x, y) -> {
            int c = Double.compare(y.score(), x.score());
            return c != 0 ? c : (x.host() + x.dst()).compareTo(y.host() + y.dst());
        });
        return out;
    }

    /**
     * The figures behind one dns_tunnel piece of evidence.
     *
     * @param unique     unique subdomains (a lower bound past {@link #MAX_UNIQUE})
     * @param domain     the registrable domain
     * @param queries    queries under it from the host
     * @param meanLength mean length of the unique subdomains, characters
     * @param meanBits   mean Shannon entropy of the unique subdomains, bits per character
     * @param typeShare  share of TXT, NULL, CNAME and MX queries
     * @param users      internal hosts that query the domain
     */
    public record Tunnel(long unique, String domain, long queries, double meanLength, double meanBits,
                         double typeShare, int users) implements HostEvidence.Detail {
    }

    private static double clamp(double v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }
}
