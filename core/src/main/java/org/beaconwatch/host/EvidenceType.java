package org.beaconwatch.host;

import java.util.Locale;

/** Kinds of evidence against a host. Channel finding types map one to one. */
public enum EvidenceType {
    BEACON, STROBE, LONG_CONNECTION, THREAT_INTEL, DNS_TUNNEL, SCAN, SMTP_FANOUT, FAILED_CONNECTIONS;

    /** Lower-case name for output ("smtp_fanout"). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
