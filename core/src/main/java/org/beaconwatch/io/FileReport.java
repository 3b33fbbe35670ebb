package org.beaconwatch.io;

import java.util.List;

/**
 * What reading one file produced: its detected format, how many records were read and skipped,
 * the first few problems as "file:line: reason" strings, and whether the file ended early
 * (a truncated gzip or zstd stream: the records before the break were kept).
 */
public record FileReport(String file, LogFormat format, long recordsRead, long recordsSkipped, List<String> examples,
                         boolean truncated) {
    public FileReport {
        examples = List.copyOf(examples);
    }

    /** A report of a file read to its end. */
    public FileReport(String file, LogFormat format, long recordsRead, long recordsSkipped, List<String> examples) {
        this(file, format, recordsRead, recordsSkipped, examples, false);
    }
}
