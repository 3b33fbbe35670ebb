package org.beaconwatch.sim;

import java.util.Locale;

/** What a planted channel in the ground truth is. */
public enum ChannelKind {
    /** Command-and-control beaconing from one internal host to a rare external destination. */
    BEACON,
    /** A benign periodic service that many internal hosts contact on the same period (NTP, updates). */
    BENIGN_PERIODIC_SHARED,
    /** A benign periodic service used by a single host (weather tile, backup agent check). */
    BENIGN_PERIODIC_SINGLE,
    /** An infected host sweeping many external addresses on one port, mostly unanswered (dst is empty). */
    SCANNER,
    /** An infected host sending mail directly to many mail servers on tcp/25 (dst is empty). */
    SPAMMER,
    /** An infected host tunnelling data through DNS lookups under one rare domain (server_name = the domain). */
    DNS_TUNNEL;

    /** True for the kinds that are one channel (src, dst, port); false for sweeps over many destinations. */
    public boolean isChannel() {
        return this == BEACON || this == BENIGN_PERIODIC_SHARED || this == BENIGN_PERIODIC_SINGLE;
    }

    /** The lower-case name written in {@code ground_truth.csv}, e.g. {@code benign_periodic_shared}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #label()} (case-insensitive). */
    public static ChannelKind parse(String label) {
        return valueOf(label.trim().toUpperCase(Locale.ROOT));
    }
}
