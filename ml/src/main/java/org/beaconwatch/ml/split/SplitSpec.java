package org.beaconwatch.ml.split;

import java.util.Locale;

/**
 * How to split: {@code group:COL}, {@code time}, {@code time:GAP_SECONDS}, {@code file},
 * {@code file:NAME} (files whose name contains NAME are the test part; default the last file),
 * {@code stratified} or {@code random}.
 *
 * @param kind        the kind of split
 * @param column      the group column (GROUP), else null
 * @param gapSeconds  for TIME: rows this close before the cut are dropped (0 = none)
 * @param testFile    for FILE: a substring naming the test file(s), or null for the last file
 */
public record SplitSpec(Kind kind, String column, double gapSeconds, String testFile) {

    /** Kinds of split. */
    public enum Kind { GROUP, TIME, FILE, STRATIFIED, RANDOM }

    /** Parses the {@code --split} value. */
    public static SplitSpec parse(String s) {
        String v = s.trim();
        int colon = v.indexOf(':');
        String head = (colon < 0 ? v : v.substring(0, colon)).toLowerCase(Locale.ROOT);
        String arg = colon < 0 ? null : v.substring(colon + 1).trim();
        switch (head) {
            case "group" -> {
                if (arg == null || arg.isEmpty()) {
                    throw new IllegalArgumentException("--split group needs a column, e.g. group:host_id or group:src");
                }
                return new SplitSpec(Kind.GROUP, arg, 0, null);
            }
            case "time" -> {
                double gap = 0;
                if (arg != null && !arg.isEmpty()) {
                    String a = arg.startsWith("gap=") ? arg.substring(4) : arg;
                    try {
                        gap = Double.parseDouble(a);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--split time:GAP needs a gap in seconds, got '" + arg + "'");
                    }
                    if (!(gap >= 0)) {
                        throw new IllegalArgumentException("--split time gap must be >= 0");
                    }
                }
                return new SplitSpec(Kind.TIME, null, gap, null);
            }
            case "file" -> {
                return new SplitSpec(Kind.FILE, null, 0, arg == null || arg.isEmpty() ? null : arg);
            }
            case "stratified" -> {
                return new SplitSpec(Kind.STRATIFIED, null, 0, null);
            }
            case "random" -> {
                return new SplitSpec(Kind.RANDOM, null, 0, null);
            }
            default -> throw new IllegalArgumentException("unknown split '" + s
                        + "': use group:COL, time[:GAP_SECONDS], file[:NAME], stratified or random");
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case GROUP -> "group:" + column;
            case TIME -> gapSeconds > 0 ? "time:" + gapSeconds : "time";
            case FILE -> testFile == null ? "file" : "file:" + testFile;
            case STRATIFIED -> "stratified";
            case RANDOM -> "random";
        };
    }
}
