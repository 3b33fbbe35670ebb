package org.beaconwatch.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.beaconwatch.score.DetectionResult;
import org.beaconwatch.score.Finding;

/** CSV writer for findings. */
final class CsvFindingWriter implements FindingWriter {
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

    CsvFindingWriter(java.util.function.Function<Finding, String> verdictOf,
                     java.util.function.ToDoubleFunction<Finding> modelRiskOf) {
        this.verdictOf = verdictOf;
        this.modelRiskOf = modelRiskOf;
    }

    @Override
    public void write(DetectionResult result, OutputStream out) throws IOException {
        write(result.findings(), out);
    }

    @Override
    public void write(List<Finding> findings, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder(256);
        for (String c : COLUMNS) {
            sb.append(c).append(',');
        }
        sb.append(verdictOf == null ? "label,detailed_label" : "label,detailed_label,verdict");
        sb.append(modelRiskOf == null ? "\r\n" : ",model_risk\r\n");
        w.write(sb.toString());
        for (Finding f : findings) {
            sb.setLength(0);
            sb.append(f.rank()).append(',');
            sb.append(FindingWriter.num(f.score(), 4)).append(',');
            sb.append(f.severity().label()).append(',');
            sb.append(f.alert()).append(',');
            sb.append(f.type().label()).append(',');
            cell(sb, f.src()).append(',');
            cell(sb, f.dst()).append(',');
            sb.append(f.dstPort() < 0 ? "" : Integer.toString(f.dstPort())).append(',');
            cell(sb, f.proto()).append(',');
            cell(sb, f.serverName()).append(',');
            sb.append(f.conns()).append(',');
            sb.append(FindingWriter.isoMicros(f.firstSeen())).append(',');
            sb.append(FindingWriter.isoMicros(f.lastSeen())).append(',');
            sb.append(FindingWriter.num(f.periodSeconds(), 3)).append(',');
            sb.append(FindingWriter.num(f.jitter(), 4)).append(',');
            sb.append(FindingWriter.num(f.timingScore(), 4)).append(',');
            sb.append(FindingWriter.num(f.periodicityScore(), 4)).append(',');
            sb.append(FindingWriter.num(f.sizeScore(), 4)).append(',');
            sb.append(FindingWriter.num(f.persistenceScore(), 4)).append(',');
            sb.append(f.prevalence()).append(',');
            cell(sb, Explanations.of(f)).append(',');
            cell(sb, f.label()).append(',');
            cell(sb, f.detailedLabel());
            if (verdictOf != null) {
                cell(sb.append(','), verdictOf.apply(f));
            }
            if (modelRiskOf != null) {
                sb.append(',').append(FindingWriter.num(modelRiskOf.applyAsDouble(f), 4));
            }
            sb.append("\r\n");
            w.write(sb.toString());
        }
        w.flush();
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

    private static boolean isNumber(String s) {
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.') {
                return false;
            }
        }
        return s.length() > 1;
    }
}
