package org.beaconwatch.output;

import java.util.Locale;

/** Output formats for findings. */
public enum OutputFormat {
    TABLE, CSV, JSONL, ECS;

    /** Parses "table", "csv", "jsonl", "ecs" (case-insensitive; "json" is taken as jsonl). */
    public static OutputFormat parse(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "table" -> TABLE;
            case "csv" -> CSV;
            case "jsonl", "json", "ndjson" -> JSONL;
            case "ecs" -> ECS;
            default ->
                    throw new IllegalArgumentException("unknown format '" + s + "' (expected table, csv, jsonl or ecs)");
        };
    }
}
