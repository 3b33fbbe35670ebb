package org.beaconwatch.sim;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.beaconwatch.output.AtomicOutput;

/**
 * Writes {@code dns.log}: every host's everyday lookups and the planted DNS tunnels.
 *
 * <p>Benign: each host looks up about 150 names a day under a dozen popular domains (www, api,
 * static ... prefixes), and about 60 a day under a CDN that hands every client short hashed names
 * (e1a2b3c.a.edgecdn.net): many unique subdomains, but short, low-entropy and shared by every
 * host. Tunnel: one infected host sends 3,000 queries in three hours, each name two 30-character
 * base32 labels plus a sequence label under a rare domain, 80 % TXT — iodine/dnscat2 shaped.
 * Answers are left unset so the lookups do not rename conn.log channels.
 */
final class DnsLogWriter {
    static final String HEADER = "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n"
            + "#path\tdns\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\tquery\t"
            + "qclass\tqclass_name\tqtype\tqtype_name\trcode\trcode_name\tanswers\n"
            + "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tcount\tstring\tcount\tstring\tcount\tstring\tcount"
            + "\tstring\tvector[string]\n";
    private static final String[] POPULAR = {"newsly.com", "shopmart.com", "searchly.com", "videoflix.tv",
        "socialbook.com", "officesuite.com", "weatherly.org", "mailhost.net", "wikipedia.org", "github.com",
        "bbc.co.uk", "example.de"};
    private static final String[] PREFIX = {"www", "api", "static", "img", "login", "mail", "cdn", "m"};
    private static final String B32 = "abcdefghijklmnopqrstuvwxyz234567";

    private record Query(long ts, int src, String name, String type) {
    }

    private DnsLogWriter() {
    }

    /** Writes dns.log; returns the planted tunnels as (host, domain) ground-truth entries. */
    static List<GroundTruthEntry> write(java.nio.file.Path file, SimulationConfig c, AddressPlan plan, int[] tunnelHosts,
                                        NameTable names) throws IOException {
        SplittableRandom r = Sampling.stream(c.seed(), 7, 0);
        long start = c.startMicros();
        long span = c.endMicros() - start;
        List<Query> qs = new ArrayList<>();
        for (int h = 0; h < c.hosts(); h++) {
            int src = plan.host(h);
            int n = (int) (150L * c.days());
            for (int i = 0; i < n; i++) {
                String d = POPULAR[r.nextInt(POPULAR.length)];
                qs.add(new Query(start + (long) (r.nextDouble() * span), src, PREFIX[r.nextInt(PREFIX.length)] + "." + d,
                        r.nextInt(5) == 0 ? "AAAA" : "A"));
            }
            for (int i = 0; i < 60L * c.days(); i++) {
                qs.add(new Query(start + (long) (r.nextDouble() * span), src,
                        String.format(Locale.ROOT, "e%06x.a.edgecdn.net", r.nextInt(1 << 24)), "A"));
            }
        }
        List<GroundTruthEntry> truth = new ArrayList<>();
        for (int k = 0; k < tunnelHosts.length; k++) {
            int src = plan.host(tunnelHosts[k]);
            String domain = names.word() + "-" + names.word() + ".com";
            long t0 = start + (long) (Sampling.uniform(r, 0.3, 0.6) * span);
            int n = 3000;
            for (int i = 0; i < n; i++) {
                String name = label(r, 30) + "." + label(r, 30) + "." + Integer.toString(i, 36) + ".t." + domain;
                qs.add(new Query(t0 + (long) (i * 3.6e6 + r.nextDouble() * 1e6), src, name,
                        r.nextInt(5) == 0 ? "A" : "TXT"));
            }
            truth.add(new GroundTruthEntry(ChannelKind.DNS_TUNNEL, AddressPlan.text(src), "", 53, "udp", domain, 3.6,
                    0.3, 0, false, n, "DNS tunnel: 3,000 queries in 3 h, two 30-character base32 labels per name, "
                    + "80% TXT"));
        }
        qs.sort((a, b) -> Long.compare(a.ts, b.ts));
        String resolver = AddressPlan.text(plan.resolver());
        try (AtomicOutput.Staged out = AtomicOutput.begin(file)) {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out.stream(), StandardCharsets.UTF_8), 1 << 16);
            w.write(HEADER);
            StringBuilder sb = new StringBuilder(200);
            int id = 0;
            for (Query q : qs) {
                sb.setLength(0);
                long s = q.ts / 1_000_000L;
                long us = q.ts % 1_000_000L;
                sb.append(s).append('.').append(String.format(Locale.ROOT, "%06d", us)).append('\t');
                sb.append('D').append(Long.toString(Sampling.mix64(c.seed() ^ id++) & Long.MAX_VALUE, 36)).append('\t');
                sb.append(AddressPlan.text(q.src)).append('\t').append(1024 + r.nextInt(60000)).append('\t');
                sb.append(resolver).append("\t53\tudp\t").append(r.nextInt(65536)).append('\t');
                sb.append(q.name).append("\t1\tC_INTERNET\t").append(typeCode(q.type)).append('\t').append(q.type);
                sb.append("\t0\tNOERROR\t-\n");
                w.write(sb.toString());
            }
            w.flush();
            out.commit();
        }
        return truth;
    }

    private static int typeCode(String t) {
        return switch (t) {
            case "TXT" -> 16;
            case "AAAA" -> 28;
            default -> 1;
        };
    }

    private static String label(SplittableRandom r, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(B32.charAt(r.nextInt(32)));
        }
        return sb.toString();
    }
}
