package org.beaconwatch.spark;

import java.io.Serializable;
import java.util.List;
import org.beaconwatch.io.LogFormat;

/**
 * What reading one split found: records kept and skipped, the first examples, truncation. A byte
 * range after a file's first has its problems in {@code events} with lines counted from the
 * range's start (the driver moves them, {@link LineNumbers}). {@code window}: the time window's
 * accepted range at the end of the split, its margin and whether it was sampled (1) or not (0);
 * {@code rangeTimesLeftOut}: times a later range's window left out (the first 1,024, to tell
 * whether reading the file whole could have kept them).
 */
record SplitReport(int file, int split, String name, LogFormat format, long recordsRead, long recordsSkipped,
                   List<String> examples, boolean truncated, List<Long> window, List<Long> rangeTimesLeftOut,
                   long rangeTimesCount, RangeEvents events) implements Serializable {
    static final int MAX_TIMES = 1024;
}
