package org.beaconwatch.io;

import java.util.Map;

/**
 * How inputs are read.
 *
 * @param errorPolicy  what to do with malformed records
 * @param columnMap    CSV column mapping from our field names (ts, src, dst, sport, dport, proto,
 *                     duration, orig_bytes, resp_bytes, label, ...) to the file's header names;
 *                     empty to use the built-in profiles
 * @param maxExamples  how many "file:line: reason" examples each file report keeps
 * @param maxLineBytes longest line accepted (longer lines are malformed records)
 */
public record ReadOptions(ErrorPolicy errorPolicy, Map<String, String> columnMap, int maxExamples, int maxLineBytes) {

    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

    public ReadOptions {
        columnMap = Map.copyOf(columnMap);
    }

    /** Defaults: warn on bad records, built-in CSV profiles, 5 examples per file, 1 MiB lines. */
    public static ReadOptions defaults() {
        return new ReadOptions(ErrorPolicy.WARN, Map.of(), 5, DEFAULT_MAX_LINE_BYTES);
    }

    public ReadOptions withErrorPolicy(ErrorPolicy p) {
        return new ReadOptions(p, columnMap, maxExamples, maxLineBytes);
    }

    public ReadOptions withColumnMap(Map<String, String> m) {
        return new ReadOptions(errorPolicy, m, maxExamples, maxLineBytes);
    }
}
