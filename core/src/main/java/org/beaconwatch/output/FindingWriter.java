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

    /**
     * This writer formatting rows on {@code threads} threads (CSV and JSON lines; the output is the
     * same). Default: one per core.
     */
    default FindingWriter withThreads(int threads) {
        return this;
    }

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
        return new JsonLinesFindingWriter(false);
    }

    /** One Elastic Common Schema shaped JSON object per line (see README, SIEM outputs). */
    static FindingWriter ecs() {
        return new JsonLinesFindingWriter(true);
    }

    /**
     * The writer for a format, marking each finding with its analyst verdict: a {@code verdict}
     * column after {@code detailed_label} in CSV and JSON lines, "verdict: ..." under the
     * explanation in the table, whose summary line also counts the findings suppressed by a
     * benign verdict. {@code verdictOf} returns null for a finding without a verdict.
     */
    static FindingWriter of(OutputFormat format, int topN, java.util.function.Function<Finding, String> verdictOf,
                            int suppressedByVerdict) {
        return of(format, topN, verdictOf, suppressedByVerdict, null);
    }

    /**
     * As {@link #of(OutputFormat, int, java.util.function.Function, int)}, also showing a trained
     * model's risk of each finding beside the detector's score: a {@code model_risk} column (after
     * {@code verdict} when present, else after {@code detailed_label}) in CSV and JSON lines, a MODEL
     * column after SCORE in the table. {@code modelRiskOf} gives NaN for a finding without one (empty
     * cell, JSON null); null means no model. Scores and ranks are not changed.
     */
    static FindingWriter of(OutputFormat format, int topN, java.util.function.Function<Finding, String> verdictOf,
                            int suppressedByVerdict, java.util.function.ToDoubleFunction<Finding> modelRiskOf) {
        return switch (format) {
            case CSV -> new CsvFindingWriter(verdictOf, modelRiskOf);
            case JSONL -> new JsonLinesFindingWriter(false, verdictOf, modelRiskOf);
            case ECS -> new JsonLinesFindingWriter(true, verdictOf, modelRiskOf);
            default -> new TableFindingWriter(topN, verdictOf, suppressedByVerdict, modelRiskOf);
        };
    }

    /** The writer for a format ({@code topN} applies to the table only). */
    static FindingWriter of(OutputFormat format, int topN) {
        return switch (format) {
            case CSV -> csv();
            case JSONL -> jsonLines();
            case ECS -> ecs();
            default -> table(topN);
        };
    }

    /** ISO-8601 UTC with microseconds, e.g. 2024-01-02T03:04:05.123456Z. */
    static String isoMicros(long epochMicros) {
        return appendIsoMicros(new StringBuilder(27), epochMicros).toString();
    }

    /** Appends {@link #isoMicros} to {@code sb} (no intermediate strings: CSV writes two per row). */
    static StringBuilder appendIsoMicros(StringBuilder sb, long epochMicros) {
        long secs = Math.floorDiv(epochMicros, 1_000_000L);
        int micros = (int) Math.floorMod(epochMicros, 1_000_000L);
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(secs, 0, ZoneOffset.UTC);
        int y = t.getYear();
        if (y < 0 || y > 9999) {
            return sb.append(ISO.format(Instant.ofEpochSecond(secs, micros * 1000L)));
        }
        pad(sb, y, 4).append('-');
        pad(sb, t.getMonthValue(), 2).append('-');
        pad(sb, t.getDayOfMonth(), 2).append('T');
        pad(sb, t.getHour(), 2).append(':');
        pad(sb, t.getMinute(), 2).append(':');
        pad(sb, t.getSecond(), 2).append('.');
        return pad(sb, micros, 6).append('Z');
    }

    /** Appends a non-negative {@code v} with leading zeros to {@code width} digits (all digits when wider). */
    private static StringBuilder pad(StringBuilder sb, long v, int width) {
        int digits = 1;
        for (long p = 10; digits < 19 && v >= p; p *= 10) {
            digits++;
        }
        for (int i = digits; i < width; i++) {
            sb.append('0');
        }
        return sb.append(v);
    }

    /** Formatter behind {@link #isoMicros}. */
    DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Number with up to {@code decimals} decimals (trailing zeros dropped), no grouping, locale-free; NaN as empty. */
    static String num(double v, int decimals) {
        return appendNum(new StringBuilder(24), v, decimals).toString();
    }

    /** Appends {@link #num} to {@code sb} (no intermediate strings: CSV writes seven per row). */
    static StringBuilder appendNum(StringBuilder sb, double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return sb;
        }
        long scale = 1;
        for (int i = 0; i < decimals; i++) {
            scale *= 10;
        }
        if (Math.abs(v) * scale >= 9e15) {
            return sb.append(Math.round(v));
        }
        long units = Math.round(v * scale);
        if (units == 0) {
            return sb.append('0');
        }
        if (units < 0) {
            sb.append('-');
            units = -units;
        }
        sb.append(units / scale);
        long frac = units % scale;
        if (frac != 0) {
            int width = decimals;
            while (frac % 10 == 0) {
                frac /= 10;
                width--;
            }
            pad(sb.append('.'), frac, width);
        }
        return sb;
    }
}
