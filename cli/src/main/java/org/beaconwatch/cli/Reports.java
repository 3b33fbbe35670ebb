package org.beaconwatch.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.beaconwatch.io.FileReport;
import org.beaconwatch.output.TerminalText;

/** Prints the per-file summary of skipped records (the "warn" error policy). */
final class Reports {
    private Reports() {
    }

    /**
     * One line per note (duplicate input, connections logged twice), one per file with skipped
     * records and its first examples. Nothing when all was clean.
     */
    static void printWarnings(List<FileReport> reports, PrintStream err) {
        for (FileReport r : reports) {
            for (String n : r.notes()) {
                err.println("warning: " + r.file() + ": " + n);
            }
            if (r.recordsSkipped() == 0 && r.examples().isEmpty() && !r.truncated()) {
                continue;
            }
            err.printf(Locale.ROOT, "warning: %s: %sskipped %,d of %,d records%n", TerminalText.clean(r.file()),
                    r.truncated() ? "file is truncated, read up to the break; " : "", r.recordsSkipped(),
                    r.recordsRead() + r.recordsSkipped());
            for (String e : r.examples()) {
                err.println("  " + TerminalText.clean(e)); // examples quote log content
            }
        }
    }
}
