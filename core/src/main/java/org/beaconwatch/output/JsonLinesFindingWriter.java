package org.beaconwatch.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.beaconwatch.score.DetectionResult;
import org.beaconwatch.score.Finding;

/** JSON lines writer for findings (jackson-core streaming). */
final class JsonLinesFindingWriter implements FindingWriter {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    /** Verdict of a finding (null: none); a verdict field is written only when this is set. */
    private final java.util.function.Function<Finding, String> verdictOf;

    JsonLinesFindingWriter() {
        this(null);
    }

    JsonLinesFindingWriter(java.util.function.Function<Finding, String> verdictOf) {
        this.verdictOf = verdictOf;
    }

    @Override
    public void write(DetectionResult result, OutputStream out) throws IOException {
        write(result.findings(), out);
    }

    @Override
    public void write(List<Finding> findings, OutputStream out) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        for (Finding f : findings) {
            g.writeStartObject();
            g.writeNumberField("rank", f.rank());
            number(g, "score", f.score());
            g.writeStringField("severity", f.severity().label());
            g.writeBooleanField("alert", f.alert());
            g.writeStringField("type", f.type().label());
            g.writeStringField("src", f.src());
            g.writeStringField("dst", f.dst());
            if (f.dstPort() >= 0) {
                g.writeNumberField("dst_port", f.dstPort());
            } else {
                g.writeNullField("dst_port");
            }
            g.writeStringField("proto", f.proto());
            g.writeStringField("server_name", f.serverName());
            g.writeNumberField("conns", f.conns());
            g.writeStringField("first_seen", FindingWriter.isoMicros(f.firstSeen()));
            g.writeStringField("last_seen", FindingWriter.isoMicros(f.lastSeen()));
            number(g, "period_s", f.periodSeconds());
            number(g, "jitter", f.jitter());
            number(g, "timing_score", f.timingScore());
            number(g, "periodicity_score", f.periodicityScore());
            number(g, "size_score", f.sizeScore());
            number(g, "persistence_score", f.persistenceScore());
            g.writeNumberField("prevalence", f.prevalence());
            g.writeStringField("explanation", f.explanation());
            g.writeStringField("label", f.label());
            g.writeStringField("detailed_label", f.detailedLabel());
            if (verdictOf != null) {
                g.writeStringField("verdict", verdictOf.apply(f));
            }
            g.writeObjectFieldStart("features");
            for (Map.Entry<String, Double> e : f.features().entrySet()) {
                number(g, e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeRaw('\n');
        }
        g.flush();
    }

    private static void number(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, Math.round(v * 1e6) / 1e6);
        }
    }
}
