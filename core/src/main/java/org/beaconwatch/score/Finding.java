package org.beaconwatch.score;

import java.util.Map;

/**
 * One scored channel.
 *
 * @param rank              1 = most suspicious
 * @param score             combined score in [0, 1]
 * @param severity          from the score
 * @param alert             score at or above the alert threshold
 * @param type              beacon, strobe or long connection
 * @param src               source address
 * @param dst               destination address; for a server-name channel the most common address
 *                          its flows went to (for a proxied channel, the proxy)
 * @param dstPort           destination port (most common one for a server-name channel), -1 if none
 * @param proto             "tcp", "udp", ...
 * @param serverName        TLS SNI / HTTP Host / CONNECT target for a server-name channel, else null
 * @param conns             number of connections
 * @param firstSeen         first connection start, epoch µs
 * @param lastSeen          last connection start, epoch µs
 * @param periodSeconds     estimated beat period in seconds (0 when none)
 * @param jitter            timing jitter as a fraction of the period (semi-interquartile range of
 *                          the folded intervals), e.g. 0.07 = ±7 %
 * @param timingScore       timing regularity in [0, 1]
 * @param periodicityScore  periodogram significance in [0, 1]
 * @param sizeScore         consistency of bytes sent and durations in [0, 1]
 * @param persistenceScore  share of active hours and days in [0, 1]
 * @param prevalence        distinct internal sources talking to the destination
 * @param prevalenceScore   rarity of the destination in [0, 1] (1 = only this host)
 * @param explanation       one plain sentence
 * @param features          every per-channel statistic, snake_case names in a stable order
 * @param label             most frequent input label among the channel's flows, or null
 * @param detailedLabel     most frequent detailed label, or null
 */
public record Finding(int rank, double score, Severity severity, boolean alert, FindingType type,
                      String src, String dst, int dstPort, String proto, String serverName,
                      int conns, long firstSeen, long lastSeen, double periodSeconds, double jitter,
                      double timingScore, double periodicityScore, double sizeScore, double persistenceScore,
                      int prevalence, double prevalenceScore, String explanation,
                      Map<String, Double> features, String label, String detailedLabel) {

    public Finding {
        if (!(features instanceof FeatureMap)) {
            features = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(features));
        }
    }

    /** This finding with another rank. */
    public Finding withRank(int r) {
        return new Finding(r, score, severity, alert, type, src, dst, dstPort, proto, serverName, conns, firstSeen,
                lastSeen, periodSeconds, jitter, timingScore, periodicityScore, sizeScore, persistenceScore,
                prevalence, prevalenceScore, explanation, features, label, detailedLabel);
    }

    /** "src -> dst:port/proto" or "src -> name" for display; IPv6 as "[2001:db8::7]:443". */
    public String channel() {
        if (serverName != null) {
            return src + " -> " + serverName;
        }
        return src + " -> " + (dstPort >= 0 ? addressPort(dst, dstPort) : dst) + "/" + proto;
    }

    /**
     * "address:port" for display, with an IPv6 address in brackets (RFC 3986, RFC 5952 section 6) so
     * the port cannot be read as part of the address: "10.0.0.1:443", "[2001:db8::7]:443".
     */
    public static String addressPort(String address, int port) {
        if (address != null && address.indexOf(':') >= 0 && !address.startsWith("[")) {
            return "[" + address + "]:" + port;
        }
        return address + ":" + port;
    }
}
