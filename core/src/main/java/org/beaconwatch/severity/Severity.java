package org.beaconwatch.severity;

import java.util.Locale;

/** How urgent a finding is, from its score. Thresholds: see {@link #of(double)}. */
public enum Severity {
    NONE(0), LOW(1), MEDIUM(2), HIGH(3), CRITICAL(4);

    private final int level;

    Severity(int level) {
        this.level = level;
    }

    /** 0 (none) to 4 (critical): higher is more urgent (ECS {@code event.severity}, escalation in watch). */
    public int level() {
        return level;
    }

    /** Lower-case name for output. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
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
