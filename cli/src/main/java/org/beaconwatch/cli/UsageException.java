package org.beaconwatch.cli;

/** A bad option value found after parsing; reported like a usage error (exit code 2). */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(org.beaconwatch.output.TerminalText.clean(message)); // may quote log content
    }
}
