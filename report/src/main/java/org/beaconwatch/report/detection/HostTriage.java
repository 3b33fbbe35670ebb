package org.beaconwatch.report.detection;

import java.util.List;

/**
 * Hosts ranked for triage, most suspicious first. {@link ChannelRollup} derives them from the
 * channel findings; a host scorer in core can replace it by implementing this interface.
 */
public interface HostTriage {

    /**
     * One host of the triage table.
     *
     * @param host        source address
     * @param score       host score in [0, 1]
     * @param severity    severity of that score ("critical" ... "none")
     * @param alerts      alerting findings of the host
     * @param findings    findings of the host
     * @param ranks       ranks of the host's findings, best first (at most {@link #MAX_RANKS})
     * @param reason      one plain sentence: why the host is where it is
     */
    record Host(String host, double score, String severity, int alerts, int findings, List<Integer> ranks,
                String reason) {
        /** Finding ranks listed per host. */
        public static final int MAX_RANKS = 10;

        public Host {
            ranks = List.copyOf(ranks);
        }
    }

    /** How the ranking was made, for the page ("roll-up of channel findings"). */
    String method();

    /** Hosts, most suspicious first. */
    List<Host> hosts();
}
