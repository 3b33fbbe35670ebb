package org.beaconwatch.verdict;

import java.util.Locale;

/**
 * An analyst's decision about one channel: {@code src -> dst:dst_port} or {@code src -> server_name}.
 * Read from a verdict file (see {@link VerdictFile}); {@code detect} suppresses benign channels and marks
 * malicious ones, and {@code train} can use verdicts as channel labels.
 *
 * @param src        source address as written in findings (e.g. {@code 10.0.0.5})
 * @param dst        destination address, or empty for a server-name channel
 * @param dstPort    destination port, or -1 when not given (server-name channels, or "any port")
 * @param serverName server name, or empty for an address channel
 * @param kind       benign, malicious or unsure
 * @param note       free text
 * @param analyst    who decided
 * @param date       when (free text, usually ISO-8601)
 * @param line       line of the verdict file, for messages
 */
public record Verdict(String src, String dst, int dstPort, String serverName, Kind kind, String note,
                      String analyst, String date, long line) {

    /** What the analyst decided. */
    public enum Kind {
        BENIGN, MALICIOUS, UNSURE;

        /** Lower-case name as written in verdict files. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses {@code benign|malicious|unsure} (case-insensitive); null when unknown. */
        public static Kind parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "benign" -> BENIGN;
                case "malicious" -> MALICIOUS;
                case "unsure" -> UNSURE;
                default -> null;
            };
        }
    }

    /** True when this verdict names the channel: same source, and the same server name or destination (and port, when given). */
    public boolean matches(String channelSrc, String channelDst, int channelPort, String channelServerName) {
        if (!src.equals(channelSrc)) {
            return false;
        }
        if (!serverName.isEmpty()) {
            return serverName.equalsIgnoreCase(channelServerName == null ? "" : channelServerName);
        }
        return dst.equals(channelDst) && (dstPort < 0 || dstPort == channelPort)
                && (channelServerName == null || channelServerName.isEmpty());
    }
}
