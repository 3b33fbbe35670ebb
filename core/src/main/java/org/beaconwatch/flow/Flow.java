package org.beaconwatch.flow;

import java.util.Map;

/**
 * One connection or flow record, whatever format it came from.
 *
 * <p>Numbers that a format does not carry are {@link #UNSET} (-1). Times are epoch microseconds
 * (relative captures keep their relative values). Strings a format does not carry are null.
 *
 * @param tsMicros       start time, epoch microseconds
 * @param durationMicros duration in microseconds, or UNSET
 * @param src            source (originator) address, {@link IpAddress#NONE} when the format has none
 * @param srcPort        source port, or -1
 * @param dst            destination (responder) address
 * @param dstPort        destination port, or -1
 * @param proto          transport protocol
 * @param service        application protocol as the sensor saw it ("ssl", "dns", ...), or null
 * @param origBytes      payload bytes from the originator, or UNSET
 * @param respBytes      payload bytes from the responder, or UNSET
 * @param origPkts       packets from the originator, or UNSET
 * @param respPkts       packets from the responder, or UNSET
 * @param origIpBytes    IP-level bytes from the originator, or UNSET
 * @param respIpBytes    IP-level bytes from the responder, or UNSET
 * @param connState      connection state (Zeek conn_state, Argus State), or null
 * @param uid            Zeek uid, or null
 * @param label          label (e.g. "Malicious", "flow=From-Botnet-..."), or null
 * @param detailedLabel  detailed label (e.g. "C&C"), or null
 * @param serverName     TLS SNI, HTTP Host or CONNECT target joined from companion logs, or null
 * @param nameSource     where serverName came from
 * @param extra          extra columns kept from the input (CSV profiles, NSL-KDD features), in
 *                       input order; empty when none
 */
public record Flow(
        long tsMicros, long durationMicros,
        IpAddress src, int srcPort, IpAddress dst, int dstPort,
        Protocol proto, String service,
        long origBytes, long respBytes, long origPkts, long respPkts, long origIpBytes, long respIpBytes,
        String connState, String uid, String label, String detailedLabel,
        String serverName, NameSource nameSource,
        Map<String, String> extra) {

    /** Marker for a number the format does not carry. */
    public static final long UNSET = -1L;
}
