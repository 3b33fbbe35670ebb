package org.beaconwatch.score;

import java.util.Locale;

/** What kind of behaviour a finding describes. */
public enum FindingType {
    /** Regular, repeated connections (C2 check-ins). */
    BEACON,
    /** So many connections, so fast (≥ 1 per second on average), that timing analysis is moot. */
    STROBE,
    /** A connection that stays open for an hour or more. */
    LONG_CONNECTION;

    /** Lower-case name for output ("beacon", "strobe", "long_connection"). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
