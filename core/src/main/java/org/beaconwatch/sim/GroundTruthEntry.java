package org.beaconwatch.sim;

/**
 * One planted channel as listed in {@code ground_truth.csv}. A channel is the tuple
 * (src, dst, dst_port, proto); {@code serverName} is the TLS SNI when the channel is HTTPS.
 *
 * @param kind          beacon, benign periodic shared by many hosts, or benign periodic of one host
 * @param src           internal source address (dotted quad)
 * @param dst           destination address (dotted quad)
 * @param dstPort       destination port
 * @param proto         "tcp" or "udp"
 * @param serverName    TLS server name, or "" when none
 * @param periodSeconds nominal period in seconds
 * @param jitter        uniform timing jitter as a fraction of the period (0.3 = ±30 %)
 * @param missRate      probability of skipping a beat
 * @param officeHours   true when only active Mon–Fri 08:00–18:00 local time
 * @param conns         conn.log rows written for this channel
 * @param description   one free-text sentence
 */
public record GroundTruthEntry(ChannelKind kind, String src, String dst, int dstPort, String proto,
                               String serverName, double periodSeconds, double jitter, double missRate,
                               boolean officeHours, long conns, String description) {
}
