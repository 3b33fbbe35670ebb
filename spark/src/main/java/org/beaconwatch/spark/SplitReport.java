package org.beaconwatch.spark;

import java.io.Serializable;
import java.util.List;
import org.beaconwatch.io.LogFormat;

/** What reading one split found: records kept and skipped, the first examples, truncation. */
record SplitReport(int file, int split, String name, LogFormat format, long recordsRead, long recordsSkipped,
                   List<String> examples, boolean truncated) implements Serializable {
}
