package org.beaconwatch.severity;

import java.util.Locale;

/** How urgent a finding is, from its score. Thresholds: see {@link #of(double)}. */
public enum Severity {
    NONE, LOW, MEDIUM, HIGH, CRITICAL;

    /** Lower-case name for output. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** 0 none, 1 low, 2 medium, 3 high, 4 critical (ECS event.severity, alert state). */
    public int level() {
        return switch (this) {
            case NONE -> 0;
            case LOW -> 1;
            case MEDIUM -> 2;
            case HIGH -> 3;
            case CRITICAL -> 4;
        };
    }

    /** critical ≥ 0.85, high ≥ 0.7, medium ≥ 0.6 (the default alert threshold), low ≥ 0.4, else none. */
    public static Severity of(double score) {
        if (score >= 0.85) {
            return CRITICAL;
        }
        if (score >= 0.7) {
            return HIGH;
        }
        if (score >= 0.6) {
            return MEDIUM;
        }
        return score >= 0.4 ? LOW : NONE;
    }
}
