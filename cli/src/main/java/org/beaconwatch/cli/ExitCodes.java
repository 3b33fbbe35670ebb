package org.beaconwatch.cli;

/** Exit codes of every command, listed in --help. */
final class ExitCodes {
    /** Success; for detect: no alerts. */
    static final int OK = 0;
    /** An error: unreadable input, bad data under --on-error fail, I/O failure. */
    static final int ERROR = 1;
    /** Wrong usage: unknown option, bad option value. */
    static final int USAGE = 2;
    /** detect found alerts. */
    static final int ALERTS = 3;

    private ExitCodes() {
    }
}
