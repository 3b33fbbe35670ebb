package org.beaconwatch.io;

import java.util.List;

/**
 * What reading one file produced: its detected format, how many records were read and skipped,
 * the first few problems as "file:line: reason" strings, whether the file ended early
 * (a truncated gzip or zstd stream: the records before the break were kept), and notes on input
 * that was read but counted once (a duplicate file, connections logged twice).
 */
public record FileReport(String file, LogFormat format, long recordsRead, long recordsSkipped, List<String> examples,
                         boolean truncated, List<String> notes) {
    public FileReport {
        examples = List.copyOf(examples);
        notes = List.copyOf(notes);
    }

    /** A report without notes. */
    public FileReport(String file, LogFormat format, long recordsRead, long recordsSkipped, List<String> examples,
                      boolean truncated) {
        this(file, format, recordsRead, recordsSkipped, examples, truncated, List.of());
    }

    /** A report of a file read to its end. */
    public FileReport(String file, LogFormat format, long recordsRead, long recordsSkipped, List<String> examples) {
        this(file, format, recordsRead, recordsSkipped, examples, false);
    }
}
