package org.beaconwatch.output;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.beaconwatch.score.DetectionResult;
import org.beaconwatch.score.Finding;

/**
 * Writes findings to a stream (UTF-8). The stream is flushed, not closed.
 *
 * <p>CSV and JSON lines carry one row per finding with the columns {@link #COLUMNS} in this
 * order, then {@code label} and {@code detailed_label}; JSON lines add a {@code features} object.
 */
public interface FindingWriter {

    /** The fixed leading columns of CSV and JSON lines output. */
    List<String> COLUMNS = List.of("rank", "score", "severity", "alert", "type", "src", "dst", "dst_port", "proto",
            "server_name", "conns", "first_seen", "last_seen", "period_s", "jitter", "timing_score",
            "periodicity_score", "size_score", "persistence_score", "prevalence", "explanation");

    /** Writes the findings of a result. */
    void write(DetectionResult result, OutputStream out) throws IOException;

    /** Writes a list of findings. */
    void write(List<Finding> findings, OutputStream out) throws IOException;

    /** Readable table of the top {@code topN} findings for a 100-column terminal, with a summary line. */
    static FindingWriter table(int topN) {
        return new TableFindingWriter(topN);
    }

    /** CSV, RFC 4180, header row first, formula-like cells defused. */
    static FindingWriter csv() {
        return new CsvFindingWriter();
    }

    /** One JSON object per line. */
    static FindingWriter jsonLines() {
        return new JsonLinesFindingWriter();
    }

    /** The writer for a format ({@code topN} applies to the table only). */
    static FindingWriter of(OutputFormat format, int topN) {
        switch (format) {
            case CSV: return csv();
            case JSONL: return jsonLines();
            default: return table(topN);
        }
    }

    /** ISO-8601 UTC with microseconds, e.g. 2024-01-02T03:04:05.123456Z. */
    static String isoMicros(long epochMicros) {
        Instant i = Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1000L);
        return ISO.format(i);
    }

    /** Formatter behind {@link #isoMicros}. */
    DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Number with up to {@code decimals} decimals, no grouping, Locale.ROOT; NaN as empty. */
    static String num(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "";
        }
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        if (s.indexOf('.') >= 0) {
            int end = s.length();
            while (s.charAt(end - 1) == '0') {
                end--;
            }
            if (s.charAt(end - 1) == '.') {
                end--;
            }
            s = s.substring(0, end);
        }
        return "-0".equals(s) ? "0" : s;
    }
}
