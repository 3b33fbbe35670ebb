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
 * @param uidText      whether rows carry the connection uid as text ({@code FlowBatch.uid}); its
 *                     hash ({@code FlowBatch.uidHi/uidLo}) is there either way, and is all that
 *                     finding connections logged twice and joining companion-log names need.
 *                     {@code detect} turns it off: a String per row of a Zeek conn.log is the
 *                     largest allocation of reading
 */
public record ReadOptions(ErrorPolicy errorPolicy, Map<String, String> columnMap, int maxExamples, int maxLineBytes,
                          boolean uidText) {

    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

    public ReadOptions {
        columnMap = Map.copyOf(columnMap);
    }

    /** Options that keep the uid text. */
    public ReadOptions(ErrorPolicy errorPolicy, Map<String, String> columnMap, int maxExamples, int maxLineBytes) {
        this(errorPolicy, columnMap, maxExamples, maxLineBytes, true);
    }

    /** Defaults: warn on bad records, built-in CSV profiles, 5 examples per file, 1 MiB lines, uid text kept. */
    public static ReadOptions defaults() {
        return new ReadOptions(ErrorPolicy.WARN, Map.of(), 5, DEFAULT_MAX_LINE_BYTES, true);
    }

    public ReadOptions withErrorPolicy(ErrorPolicy p) {
        return new ReadOptions(p, columnMap, maxExamples, maxLineBytes, uidText);
    }

    public ReadOptions withColumnMap(Map<String, String> m) {
        return new ReadOptions(errorPolicy, m, maxExamples, maxLineBytes, uidText);
    }

    /** The same options with or without the uid text in the rows (see {@link #uidText()}). */
    public ReadOptions withUidText(boolean keep) {
        return new ReadOptions(errorPolicy, columnMap, maxExamples, maxLineBytes, keep);
    }
}
