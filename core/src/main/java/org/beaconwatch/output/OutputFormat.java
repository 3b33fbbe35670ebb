package org.beaconwatch.output;

import java.util.Locale;

/** Output formats for findings. */
public enum OutputFormat {
    TABLE, CSV, JSONL, ECS;

    /** Parses "table", "csv", "jsonl", "ecs" (case-insensitive; "json" is taken as jsonl). */
    public static OutputFormat parse(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "table": return TABLE;
            case "csv": return CSV;
            case "jsonl": case "json": case "ndjson": return JSONL;
            case "ecs": return ECS;
            default: throw new IllegalArgumentException("unknown format '" + s + "' (expected table, csv, jsonl or ecs)");
        }
    }
}
