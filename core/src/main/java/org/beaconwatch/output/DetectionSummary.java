package org.beaconwatch.output;

import java.util.Locale;
import org.beaconwatch.score.DetectionResult;

/**
 * The one summary sentence of a detection run, e.g. "2,592 flows read, 2,590 used, 31 channels,
 * 12 scored, 1 alert": thousands separators, singular and plural right, Locale.ROOT. The table
 * writer ends with it and detect prints it on stderr for the other formats, so both read the same.
 */
public final class DetectionSummary {
    private DetectionSummary() {
    }

    /** The sentence, without a final period or line break. */
    public static String sentence(DetectionResult r) {
        return count(r.flowsRead(), "flow", "flows") + " read, " + count(r.flowsUsed(), null, null) + " used, "
                + count(r.channels(), "channel", "channels") + ", " + count(r.scored(), null, null)
                + " scored, " + count(r.alertCount(), "alert", "alerts");
    }

    /** {@code n} with thousands separators and the singular or plural noun (none when null). */
    public static String count(long n, String singular, String plural) {
        String num = String.format(Locale.ROOT, "%,d", n);
        if (singular == null) {
            return num;
        }
        return num + " " + (n == 1 ? singular : plural);
    }
}
