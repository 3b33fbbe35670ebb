package org.beaconwatch.output;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Map;
import org.beaconwatch.score.Finding;

/**
 * The JSON objects of one finding: detect's JSON lines object and the Elastic Common Schema
 * (ECS) shaped object, both optionally with a {@link AlertInfo}. Shared by the file writers and
 * the syslog output so every output carries the same fields.
 */
final class FindingJson {
    /** Module name in ECS {@code event.module} and syslog APP-NAME. */
    static final String PRODUCT = "beaconwatch";

    private FindingJson() {
    }

    /** detect's JSON lines object, plus {@code alert_id}, {@code first_alerted}, {@code reason} when given. */
    static void plain(JsonGenerator g, Finding f, AlertInfo alert) throws IOException {
        plain(g, f, alert, null);
    }

    /**
     * As {@link #plain(JsonGenerator, Finding, AlertInfo)}, with a {@code verdict} field after
     * {@code detailed_label} when {@code verdictOf} is given (null value for a finding without one).
     */
    static void plain(JsonGenerator g, Finding f, AlertInfo alert,
                      java.util.function.Function<Finding, String> verdictOf) throws IOException {
        plain(g, f, alert, verdictOf, null);
    }

    /**
     * As {@link #plain(JsonGenerator, Finding, AlertInfo, java.util.function.Function)}, with a
     * {@code model_risk} field after {@code verdict} when {@code modelRiskOf} is given (null value for
     * a finding the model did not score).
     */
    static void plain(JsonGenerator g, Finding f, AlertInfo alert, java.util.function.Function<Finding, String> verdictOf,
                      java.util.function.ToDoubleFunction<Finding> modelRiskOf) throws IOException {
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
        g.writeStringField("explanation", Explanations.of(f));
        g.writeStringField("label", f.label());
        g.writeStringField("detailed_label", f.detailedLabel());
        if (verdictOf != null) {
            g.writeStringField("verdict", verdictOf.apply(f));
        }
        modelAlertAndFeatures(g, f, alert, modelRiskOf);
        g.writeEndObject();
    }

    /**
     * Elastic Common Schema 8.x shaped object: {@code @timestamp} (last connection seen),
     * {@code event.*} (kind alert or event, category network/intrusion_detection, severity 0-4,
     * risk_score 0-100), {@code source.ip}, {@code destination.ip/port/domain},
     * {@code network.transport}, {@code rule.name}, {@code message}; every other figure under the
     * custom {@code beaconwatch} object.
     */
    static void ecs(JsonGenerator g, Finding f, AlertInfo alert) throws IOException {
        ecs(g, f, alert, null);
    }

    /** As {@link #ecs(JsonGenerator, Finding, AlertInfo)}, with {@code beaconwatch.model_risk} when a model scored it. */
    static void ecs(JsonGenerator g, Finding f, AlertInfo alert, java.util.function.ToDoubleFunction<Finding> modelRiskOf)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("@timestamp", FindingWriter.isoMicros(f.lastSeen()));
        g.writeStringField("message", Explanations.of(f));
        g.writeObjectFieldStart("ecs");
        g.writeStringField("version", "8.11.0");
        g.writeEndObject();
        g.writeObjectFieldStart("event");
        g.writeStringField("kind", f.alert() ? "alert" : "event");
        g.writeArrayFieldStart("category");
        g.writeString("network");
        g.writeString("intrusion_detection");
        g.writeEndArray();
        g.writeArrayFieldStart("type");
        g.writeString("connection");
        g.writeString("indicator");
        g.writeEndArray();
        g.writeStringField("module", PRODUCT);
        g.writeStringField("dataset", PRODUCT + "." + f.type().label());
        g.writeNumberField("severity", f.severity().level());
        number(g, "risk_score", f.score() * 100);
        g.writeStringField("start", FindingWriter.isoMicros(f.firstSeen()));
        g.writeStringField("end", FindingWriter.isoMicros(f.lastSeen()));
        if (alert != null) {
            g.writeStringField("id", alert.alertId());
            g.writeStringField("reason", alert.reason().label());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("rule");
        g.writeStringField("name", f.type().label());
        g.writeEndObject();
        g.writeObjectFieldStart("source");
        g.writeStringField("ip", f.src());
        g.writeEndObject();
        g.writeObjectFieldStart("destination");
        g.writeStringField("ip", f.dst());
        if (f.dstPort() >= 0) {
            g.writeNumberField("port", f.dstPort());
        }
        if (f.serverName() != null) {
            g.writeStringField("domain", f.serverName());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("network");
        g.writeStringField("transport", f.proto());
        g.writeEndObject();
        g.writeObjectFieldStart(PRODUCT);
        g.writeNumberField("rank", f.rank());
        number(g, "score", f.score());
        g.writeStringField("severity", f.severity().label());
        g.writeBooleanField("alert", f.alert());
        g.writeNumberField("conns", f.conns());
        number(g, "period_s", f.periodSeconds());
        number(g, "jitter", f.jitter());
        number(g, "timing_score", f.timingScore());
        number(g, "periodicity_score", f.periodicityScore());
        number(g, "size_score", f.sizeScore());
        number(g, "persistence_score", f.persistenceScore());
        g.writeNumberField("prevalence", f.prevalence());
        g.writeStringField("label", f.label());
        g.writeStringField("detailed_label", f.detailedLabel());
        modelAlertAndFeatures(g, f, alert, modelRiskOf);
        g.writeEndObject();
        g.writeEndObject();
    }

    /** The fields both shapes end with: the model's risk, the alert fields, every feature. */
    private static void modelAlertAndFeatures(JsonGenerator g, Finding f, AlertInfo alert,
                                              java.util.function.ToDoubleFunction<Finding> modelRiskOf)
            throws IOException {
        if (modelRiskOf != null) {
            number(g, "model_risk", modelRiskOf.applyAsDouble(f));
        }
        if (alert != null) {
            g.writeStringField("alert_id", alert.alertId());
            g.writeStringField("first_alerted", FindingWriter.isoMicros(alert.firstAlerted()));
            g.writeStringField("reason", alert.reason().label());
        }
        g.writeObjectFieldStart("features");
        for (Map.Entry<String, Double> e : f.features().entrySet()) {
            number(g, e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    static void number(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, Math.round(v * 1e6) / 1e6);
        }
    }
}
