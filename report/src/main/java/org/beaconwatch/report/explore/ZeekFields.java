package org.beaconwatch.report.explore;

import java.util.Map;
import org.beaconwatch.table.DataTable;

/** What the columns of a Zeek conn.log mean (Zeek's own field documentation, shortened). */
final class ZeekFields {
    private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("ts", "time of the first packet"),
            Map.entry("uid", "unique identifier of the connection"),
            Map.entry("src", "originator's address (id.orig_h)"),
            Map.entry("src_port", "originator's port (id.orig_p); ephemeral, categorical"),
            Map.entry("dst", "responder's address (id.resp_h)"),
            Map.entry("dst_port", "responder's port (id.resp_p): the service, categorical"),
            Map.entry("proto", "transport protocol"),
            Map.entry("service", "application protocol Zeek identified (dns, ssl, http ...)"),
            Map.entry("duration", "how long the connection lasted, seconds"),
            Map.entry("orig_bytes", "payload bytes the originator sent"),
            Map.entry("resp_bytes", "payload bytes the responder sent"),
            Map.entry("conn_state", "connection state (SF normal close, S0 no reply, REJ rejected, ...)"),
            Map.entry("local_orig", "originator is in Site::local_nets"),
            Map.entry("local_resp", "responder is in Site::local_nets"),
            Map.entry("missed_bytes", "bytes missed in content gaps (packet loss)"),
            Map.entry("history", "state history: one letter per event, upper case from the originator"),
            Map.entry("orig_pkts", "packets the originator sent"),
            Map.entry("orig_ip_bytes", "IP-level bytes the originator sent (headers included)"),
            Map.entry("resp_pkts", "packets the responder sent"),
            Map.entry("resp_ip_bytes", "IP-level bytes the responder sent (headers included)"),
            Map.entry("tunnel_parents", "uids of encapsulating tunnels"),
            Map.entry("server_name", "TLS SNI or HTTP Host from ssl.log / http.log, joined by uid"),
            Map.entry("label", "label column of the input"),
            Map.entry("detailed_label", "detailed label column of the input"),
            Map.entry("input", "input file the row came from"));

    private ZeekFields() {
    }

    /** The description of a column, or "" when it is not a known conn.log field. */
    static String describe(String column) {
        String d = DESCRIPTIONS.get(column);
        if (d == null) {
            d = DESCRIPTIONS.get(DataTable.key(column));
        }
        return d == null ? "" : d;
    }
}
