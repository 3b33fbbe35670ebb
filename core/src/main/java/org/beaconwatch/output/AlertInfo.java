package org.beaconwatch.output;

import java.util.Locale;

/**
 * What {@code watch} adds to a finding when it alerts: a stable id per channel, when the channel
 * first alerted (event time, epoch µs) and why this alert is emitted.
 *
 * @param alertId      stable id of the channel's alert (the same on every emission)
 * @param firstAlerted event time of the channel's first alert, epoch µs
 * @param reason       why it is emitted now
 */
public record AlertInfo(String alertId, long firstAlerted, Reason reason) {

    /** Why an alert is emitted. */
    public enum Reason {
        /** First alert of the channel. */
        NEW,
        /** The severity rose above every severity emitted before. */
        ESCALATED,
        /** The channel alerts again after being quiet. */
        RETURNED;

        /** Lower-case name for output. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
