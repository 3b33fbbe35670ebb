package org.beaconwatch.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.beaconwatch.host.HostScore;

/**
 * Writes the host triage table: CSV or JSON lines with the columns
 * {@code rank, host, score, severity, alerts, findings, top_type, top_dst, explanation}, and the
 * short block of top hosts the terminal table shows above the channels.
 */
public final class HostWriter {
    /** Column names, in order. */
    public static final List<String> COLUMNS = List.of("rank", "host", "score", "severity", "alerts", "findings",
            "top_type", "top_dst", "explanation");
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private HostWriter() {
    }

    /** CSV, one header line then one row per host; cells escaped as in the findings CSV. */
    public static void csv(List<HostScore> hosts, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write(String.join(",", COLUMNS));
        w.write('\n');
        StringBuilder sb = new StringBuilder(256);
        for (HostScore h : hosts) {
            sb.setLength(0);
            sb.append(h.rank()).append(',');
            CsvFindingWriter.cell(sb, h.host()).append(',');
            sb.append(FindingWriter.num(h.score(), 4)).append(',');
            sb.append(h.severity().label()).append(',');
            sb.append(h.alerts()).append(',').append(h.findings()).append(',');
            CsvFindingWriter.cell(sb, h.topType() == null ? "" : h.topType().label()).append(',');
            CsvFindingWriter.cell(sb, h.topDst()).append(',');
            CsvFindingWriter.cell(sb, Explanations.of(h));
            sb.append('\n');
            w.write(sb.toString());
        }
        w.flush();
    }

    /** JSON lines, one object per host. */
    public static void jsonLines(List<HostScore> hosts, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        for (HostScore h : hosts) {
            java.io.StringWriter sw = new java.io.StringWriter(256);
            try (JsonGenerator g = FACTORY.createGenerator(sw)) {
                g.writeStartObject();
                g.writeNumberField("rank", h.rank());
                g.writeStringField("host", h.host());
                g.writeNumberField("score", h.score());
                g.writeStringField("severity", h.severity().label());
                g.writeNumberField("alerts", h.alerts());
                g.writeNumberField("findings", h.findings());
                g.writeStringField("top_type", h.topType() == null ? null : h.topType().label());
                g.writeStringField("top_dst", h.topDst());
                g.writeStringField("explanation", Explanations.of(h));
                g.writeEndObject();
            }
            w.write(sw.toString());
            w.write('\n');
        }
        w.flush();
    }

    /** Writes in the given format (table is taken as CSV: a host file is for tools). */
    public static void write(List<HostScore> hosts, OutputFormat format, OutputStream out) throws IOException {
        if (format == OutputFormat.JSONL) {
            jsonLines(hosts, out);
        } else {
            csv(hosts, out);
        }
    }

    /** The terminal block: "TOP HOSTS" then one line and an explanation per host with evidence. */
    static void table(List<HostScore> hosts, int top, Writer w) throws IOException {
        int shown = 0;
        for (HostScore h : hosts) {
            if (shown >= top || h.findings() == 0) {
                break;
            }
            if (shown == 0) {
                w.write(String.format(Locale.ROOT, "%4s %5s %-8s %6s %-16s %s%n", "HOST", "SCORE", "SEVERITY",
                        "ALERTS", "TOP TYPE", "ADDRESS"));
            }
            String head = String.format(Locale.ROOT, "%4d %5.2f %-8s %6d %-16s ", h.rank(), h.score(),
                    h.severity().label(), h.alerts(), h.topType() == null ? "-" : h.topType().label());
            w.write(TableFindingWriter.fit(head + TableFindingWriter.clean(h.host()), TableFindingWriter.WIDTH));
            w.write('\n');
            for (String line : TableFindingWriter.wrap(TableFindingWriter.clean(Explanations.of(h)),
                    TableFindingWriter.WIDTH - 7)) {
                w.write("       ");
                w.write(line);
                w.write('\n');
            }
            shown++;
        }
        if (shown > 0) {
            w.write('\n');
        }
    }
}
