package org.beaconwatch.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.beaconwatch.score.DetectionResult;
import org.beaconwatch.score.Finding;

/** JSON lines writer for findings (jackson-core streaming), flat or Elastic Common Schema shaped. */
final class JsonLinesFindingWriter implements FindingWriter {
    /** No separator between root values: each object starts its own line, with no leading space. */
    private static final JsonFactory FACTORY = new com.fasterxml.jackson.core.JsonFactoryBuilder()
            .rootValueSeparator((String) null).build();
    private final boolean ecs;
    /** Verdict of a finding (null: none); a verdict field is written only when this is set. */
    private final java.util.function.Function<Finding, String> verdictOf;

    /** @param ecs Elastic Common Schema shaped objects instead of detect's flat ones */
    JsonLinesFindingWriter(boolean ecs) {
        this(ecs, null);
    }

    /** A trained model's risk of a finding (NaN: none); a model_risk field only when this is set. */
    private final java.util.function.ToDoubleFunction<Finding> modelRiskOf;

    JsonLinesFindingWriter(boolean ecs, java.util.function.Function<Finding, String> verdictOf) {
        this(ecs, verdictOf, null);
    }

    JsonLinesFindingWriter(boolean ecs, java.util.function.Function<Finding, String> verdictOf,
                           java.util.function.ToDoubleFunction<Finding> modelRiskOf) {
        this.ecs = ecs;
        this.verdictOf = verdictOf;
        this.modelRiskOf = modelRiskOf;
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
            if (ecs) {
                FindingJson.ecs(g, f, null, modelRiskOf);
            } else {
                FindingJson.plain(g, f, null, verdictOf, modelRiskOf);
            }
            g.writeRaw('\n');
        }
        g.flush();
    }

}
