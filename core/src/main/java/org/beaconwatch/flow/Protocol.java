package org.beaconwatch.flow;

import java.util.Locale;

/** Transport protocol of a flow. {@link #code()} is stable and used in columnar batches. */
public enum Protocol {
    UNKNOWN, TCP, UDP, ICMP, ICMP6, OTHER;

    private static final Protocol[] BY_CODE = values();

    /** {@link #label()}, made once: every finding of a large input holds one of these. */
    private final String label = name().toLowerCase(Locale.ROOT);

    @SuppressWarnings("EnumOrdinal") // the code stored in byte columns is the declaration order; ofCode inverts it
    public byte code() {
        return (byte) ordinal();
    }

    public static Protocol ofCode(byte code) {
        return BY_CODE[code];
    }

    /** Lower-case name as Zeek and Argus print it ("tcp", "udp", "icmp", ...). */
    public String label() {
        return label;
    }

    /** Parses Zeek/Argus protocol names case-insensitively; "ipv6-icmp" and "icmp6" map to ICMP6. */
    public static Protocol parse(CharSequence s) {
        String v = s.toString().trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "tcp" -> TCP;
            case "udp" -> UDP;
            case "icmp" -> ICMP;
            case "icmp6", "ipv6-icmp", "icmpv6" -> ICMP6;
            case "", "-" -> UNKNOWN;
            default -> OTHER;
        };
    }
}
