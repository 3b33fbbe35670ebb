package org.beaconwatch.io.zeek;

/**
 * The conn.log columns the Zeek TSV reader fills, as one byte "kind" per {@code #fields} entry
 * ({@link #SKIP} for every column it does not read), and the mapping from a column name to its
 * kind.
 */
final class ZeekColumns {
    static final byte SKIP = 0, TS = 1, UID = 2, ORIG_H = 3, ORIG_P = 4, RESP_H = 5, RESP_P = 6,
            PROTO = 7, SERVICE = 8, DURATION = 9, ORIG_BYTES = 10, RESP_BYTES = 11, CONN_STATE = 12,
            ORIG_PKTS = 13, ORIG_IP_BYTES = 14, RESP_PKTS = 15, RESP_IP_BYTES = 16, LABEL = 17, DETAILED = 18;

    private ZeekColumns() {
    }

    /** The kind of the column named {@code name} in a {@code #fields} line. */
    static byte kindOf(String name) {
        return switch (name) {
            case "ts" -> TS;
            case "uid" -> UID;
            case "id.orig_h" -> ORIG_H;
            case "id.orig_p" -> ORIG_P;
            case "id.resp_h" -> RESP_H;
            case "id.resp_p" -> RESP_P;
            case "proto" -> PROTO;
            case "service" -> SERVICE;
            case "duration" -> DURATION;
            case "orig_bytes" -> ORIG_BYTES;
            case "resp_bytes" -> RESP_BYTES;
            case "conn_state" -> CONN_STATE;
            case "orig_pkts" -> ORIG_PKTS;
            case "orig_ip_bytes" -> ORIG_IP_BYTES;
            case "resp_pkts" -> RESP_PKTS;
            case "resp_ip_bytes" -> RESP_IP_BYTES;
            case "label" -> LABEL;
            case "detailedlabel", "detailed-label", "detailed_label" -> DETAILED;
            default -> SKIP;
        };
    }
}
