package org.beaconwatch.dns;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.common.net.InternetDomainName;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.beaconwatch.host.EvidenceType;
import org.beaconwatch.host.HostEvidence;

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
public final class DnsTunnelDetector {
    /** Fewest unique subdomains before a domain is scored. */
    public static final int MIN_UNIQUE = 50;
    /** Unique subdomains kept exactly per (source, domain); beyond, the count is a lower bound. */
    public static final int MAX_UNIQUE = 20_000;
    private static final JsonFactory JSON = new JsonFactory();

    private final Map<String, Map<String, Agg>> bySource = new HashMap<>();
    private final Map<String, Set<String>> sourcesByDomain = new HashMap<>();
    private final Predicate<String> internal;

    /** @param internal which sources are internal hosts (others are ignored) */
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

    /** dns*.log files in the given inputs: the files themselves or inside directories (one level). */
    public static List<Path> discover(List<Path> inputs) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                    List<Path> found = new ArrayList<>();
                    for (Path f : ds) {
                        if (Files.isRegularFile(f) && isDnsLog(f)) {
                            found.add(f);
                        }
                    }
                    found.sort(null);
                    out.addAll(found);
                }
            } else if (Files.isRegularFile(p) && isDnsLog(p)) {
                out.add(p);
            }
        }
        return out;
    }

    static boolean isDnsLog(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.startsWith("dns") && (n.endsWith(".log") || n.endsWith(".log.gz") || n.contains(".log."));
    }

    /** Reads one Zeek dns.log (TSV or JSON lines, optionally gzip). Malformed lines are skipped. */
    public void read(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            int src = -1, query = -1, qtype = -1;
            String sep = "\t";
            while ((line = r.readLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                if (line.charAt(0) == '{') {
                    json(line);
                    continue;
                }
                if (line.charAt(0) == '#') {
                    if (line.startsWith("#fields")) {
                        String[] f = line.split(sep, -1);
                        src = query = qtype = -1;
                        for (int i = 1; i < f.length; i++) {
                            switch (f[i]) {
                                case "id.orig_h" -> src = i - 1;
                                case "query" -> query = i - 1;
                                case "qtype_name" -> qtype = i - 1;
                                default -> { }
                            }
                        }
                    }
                    continue;
                }
                if (src < 0 || query < 0) {
                    continue;
                }
                String[] v = line.split(sep, -1);
                if (v.length <= Math.max(src, query)) {
                    continue;
                }
                add(v[src], v[query], qtype >= 0 && qtype < v.length ? v[qtype] : null);
            }
        }
    }

    private void json(String line) {
        String src = null, query = null, qtype = null;
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                switch (name) {
                    case "id.orig_h" -> src = p.getText();
                    case "query" -> query = p.getText();
                    case "qtype_name" -> qtype = p.getText();
                    default -> { }
                }
            }
        } catch (IOException e) {
            return;
        }
        if (src != null && query != null) {
            add(src, query, qtype);
        }
    }

    /** Adds one query. */
    public void add(String src, String query, String qtype) {
        if (query == null || query.isEmpty() || query.equals("-") || !internal.test(src)) {
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
                String why = String.format(Locale.ROOT,
                        "%,d unique subdomains of %s in %,d queries, mean %.0f characters at %.1f bits per character, "
                                + "%.0f %% TXT/NULL/CNAME/MX, %s",
                        unique, d.getKey(), a.queries, meanLen, meanEnt, types * 100,
                        users <= 1 ? "no other host queries it" : users + " hosts query it");
                out.add(new HostEvidence(s.getKey(), EvidenceType.DNS_TUNNEL, score, score >= alertThreshold,
                        d.getKey(), unique, why));
            }
        }
        out.sort((x, y) -> {
            int c = Double.compare(y.score(), x.score());
            return c != 0 ? c : (x.host() + x.dst()).compareTo(y.host() + y.dst());
        });
        return out;
    }

    private static double clamp(double v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }
}
