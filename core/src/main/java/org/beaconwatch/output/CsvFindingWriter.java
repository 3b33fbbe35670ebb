package org.beaconwatch.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.beaconwatch.score.DetectionResult;
import org.beaconwatch.score.Finding;
import org.beaconwatch.score.FindingType;
import org.beaconwatch.severity.Severity;

/** CSV writer for findings. */
final class CsvFindingWriter implements FindingWriter {
    /** Characters a row takes, about: the first size of a chunk's buffer. */
    private static final int ROW_CHARS = 320;
    /** Rows formatted as one chunk ({@link OrderedChunks}): about 1.2 MB. */
    private static final int CHUNK_ROWS = 4096;
    /** Severity and type labels by ordinal, so a row does not lower-case an enum name. */
    private static final java.util.Map<Severity, String> SEVERITY = labels(Severity.class, Severity::label);
    private static final java.util.Map<FindingType, String> TYPE = labels(FindingType.class, FindingType::label);

    /** Verdict of a finding (null: none); this writer adds a verdict column only when it is set. */
    private final java.util.function.Function<Finding, String> verdictOf;

    CsvFindingWriter() {
        this(null);
    }

    /** A trained model's risk of a finding (NaN: none); a model_risk column only when this is set. */
    private final java.util.function.ToDoubleFunction<Finding> modelRiskOf;

    CsvFindingWriter(java.util.function.Function<Finding, String> verdictOf) {
        this(verdictOf, null);
    }

    /** Threads formatting rows ({@link OrderedChunks}). */
    private final int threads;

    CsvFindingWriter(java.util.function.Function<Finding, String> verdictOf,
                     java.util.function.ToDoubleFunction<Finding> modelRiskOf) {
        this(verdictOf, modelRiskOf, Runtime.getRuntime().availableProcessors());
    }

    private CsvFindingWriter(java.util.function.Function<Finding, String> verdictOf,
                             java.util.function.ToDoubleFunction<Finding> modelRiskOf, int threads) {
        this.verdictOf = verdictOf;
        this.modelRiskOf = modelRiskOf;
        this.threads = threads;
    }

    @Override
    public FindingWriter withThreads(int n) {
        return new CsvFindingWriter(verdictOf, modelRiskOf, n);
    }

    @Override
    public void write(DetectionResult result, OutputStream out) throws IOException {
        write(result.findings(), out);
    }

    @Override
    public void write(List<Finding> findings, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder(ROW_CHARS * 2);
        for (String c : COLUMNS) {
            sb.append(c).append(',');
        }
        sb.append(verdictOf == null ? "label,detailed_label" : "label,detailed_label,verdict");
        sb.append(modelRiskOf == null ? "\r\n" : ",model_risk\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        OrderedChunks.write(findings, CHUNK_ROWS, CHUNK_ROWS * ROW_CHARS, this::rows, threads, out);
        out.flush();
    }

    /** Appends the rows of a chunk of findings. */
    private void rows(Finding[] chunk, RowBytes b) {
        for (Finding f : chunk) {
            row(b, f);
        }
    }

    /** Appends one finding's row, line break included. */
    private void row(RowBytes b, Finding f) {
        b.number(f.rank()).ascii(',');
        b.num(f.score(), 4).ascii(',');
        b.text(SEVERITY.get(f.severity())).ascii(',');
        b.bool(f.alert()).ascii(',');
        b.text(TYPE.get(f.type())).ascii(',');
        b.cell(f.src()).ascii(',');
        b.cell(f.dst()).ascii(',');
        if (f.dstPort() >= 0) {
            b.number(f.dstPort());
        }
        b.ascii(',');
        b.cell(f.proto()).ascii(',');
        b.cell(f.serverName()).ascii(',');
        b.number(f.conns()).ascii(',');
        b.isoMicros(f.firstSeen()).ascii(',');
        b.isoMicros(f.lastSeen()).ascii(',');
        b.num(f.periodSeconds(), 3).ascii(',');
        b.num(f.jitter(), 4).ascii(',');
        b.num(f.timingScore(), 4).ascii(',');
        b.num(f.periodicityScore(), 4).ascii(',');
        b.num(f.sizeScore(), 4).ascii(',');
        b.num(f.persistenceScore(), 4).ascii(',');
        b.number(f.prevalence()).ascii(',');
        b.cell(Explanations.of(f)).ascii(',');
        b.cell(f.label()).ascii(',');
        b.cell(f.detailedLabel());
        if (verdictOf != null) {
            b.ascii(',').cell(verdictOf.apply(f));
        }
        if (modelRiskOf != null) {
            b.ascii(',').num(modelRiskOf.applyAsDouble(f), 4);
        }
        b.ascii("\r\n");
    }

    /**
     * Appends a cell: null as empty; cells starting with = + - @ TAB or CR get a leading
     * apostrophe so spreadsheets do not evaluate them (OWASP CSV injection); quotes doubled and
     * the cell quoted when it holds a comma, quote, CR or LF.
     */
    static StringBuilder cell(StringBuilder sb, String v) {
        if (v == null || v.isEmpty()) {
            return sb;
        }
        String s = v;
        char c0 = s.charAt(0);
        if (c0 == '=' || c0 == '+' || c0 == '-' || c0 == '@' || c0 == '\t' || c0 == '\r') {
            if (!"-".equals(s) && !isNumber(s)) {
                s = "'" + s;
            }
        }
        boolean quote = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                quote = true;
                break;
            }
        }
        if (!quote) {
            return sb.append(s);
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                sb.append('"');
            }
            sb.append(c);
        }
        return sb.append('"');
    }

    private static <E extends Enum<E>> java.util.Map<E, String> labels(Class<E> type,
                                                                      java.util.function.Function<E, String> label) {
        java.util.Map<E, String> out = new java.util.EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            out.put(e, label.apply(e));
        }
        return out;
    }

    /** Whether a cell starting with a sign is a number (kept as is, not defused). */
    static boolean isNumber(String s) {
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.') {
                return false;
            }
        }
        return s.length() > 1;
    }
}
