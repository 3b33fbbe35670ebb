package org.beaconwatch.io;

import java.util.List;

/**
 * What reading one file produced: its detected format, how many records were read and skipped,
 * and the first few problems as "file:line: reason" strings.
 */
public record FileReport(String file, LogFormat format, long recordsRead, long recordsSkipped, List<String> examples) {
    public FileReport {
        examples = List.copyOf(examples);
    }
}
