package org.beaconwatch.io.zeek;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.flow.NameSource;
import org.beaconwatch.io.ClientSignatures;
import org.beaconwatch.io.LogFormat;
import org.beaconwatch.io.spi.DnsIndex;
import org.beaconwatch.io.spi.ServerNames;

/**
 * Applies one companion record to the maps according to the log type: the uid -> server name map
 * (ssl.log, http.log), the DNS address -> names index and its query listener (dns.log), and the
 * client facts when a {@link ClientSignatures} is given.
 */
final class CompanionSink {
    private final LogFormat format;
    private final ServerNames names;
    private final DnsIndex dns;
    private final ClientSignatures clients;
    private final long[] addr = new long[2];

    CompanionSink(LogFormat format, ServerNames names, DnsIndex dns, ClientSignatures clients) {
        this.format = format;
        this.names = names;
        this.dns = dns;
        this.clients = clients;
    }

    void record(Map<String, String> r, List<String> answers) {
        String uid = r.get("uid");
        switch (format) {
            case ZEEK_SSL -> {
                names.put(uid, r.get("server_name"), NameSource.TLS_SNI);
                if (clients != null) {
                    client(clients, format, r.get("id.orig_h"), r.get("id.resp_h"), r.get("server_name"),
                            NameSource.TLS_SNI, null, r.get("ja3"));
                }
            }
            case ZEEK_HTTP -> {
                String name;
                NameSource src;
                if ("CONNECT".equalsIgnoreCase(r.get("method"))) {
                    String target = r.get("uri") != null ? r.get("uri") : r.get("host");
                    name = hostOnly(target);
                    src = NameSource.HTTP_CONNECT;
                } else {
                    name = hostOnly(r.get("host"));
                    src = NameSource.HTTP_HOST;
                }
                names.put(uid, name, src);
                if (clients != null) {
                    client(clients, format, r.get("id.orig_h"), r.get("id.resp_h"), name, src,
                            r.get("user_agent"), null);
                }
            }
            case ZEEK_DNS -> {
                String q = r.get("query");
                dns.query(r.get("id.orig_h"), q, r.get("qtype_name")); // the tunnel detector's share of the one read
                if (q != null) {
                    for (String ans : answers) {
                        byte[] b = ans.getBytes(StandardCharsets.ISO_8859_1);
                        if (IpAddress.parse(b, 0, b.length, addr)) {
                            dns.add(new IpAddress(addr[0], addr[1]), q);
                        }
                    }
                }
            }
            default -> { }
        }
    }

    /**
     * Records one ssl.log or http.log record's client facts: the destination is the name the
     * channel is keyed by, else the responder address; the signature is the JA3 (ssl.log) or the
     * user agent (http.log).
     */
    static void client(ClientSignatures clients, LogFormat format, String orig, String resp, String name,
                       NameSource src, String agent, String ja3) {
        String destination = name != null && !name.isEmpty() ? name : resp;
        if (format == LogFormat.ZEEK_SSL) {
            clients.record(orig, destination, ja3 == null ? null : "ja3 " + ja3, false, false);
        } else {
            boolean request = src != NameSource.HTTP_CONNECT;
            clients.record(orig, destination, agent == null ? null : "user agent " + agent, request,
                    request && (name == null || name.isEmpty()));
        }
    }

    /** "host:443" -> "host", "[::1]:443" -> "::1"; null stays null. */
    static String hostOnly(String hostPort) {
        if (hostPort == null) {
            return null;
        }
        String h = hostPort.trim();
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            return close > 0 ? h.substring(1, close) : h;
        }
        int colon = h.indexOf(':');
        if (colon >= 0 && h.indexOf(':', colon + 1) < 0) {
            return h.substring(0, colon);
        }
        return h;
    }
}
