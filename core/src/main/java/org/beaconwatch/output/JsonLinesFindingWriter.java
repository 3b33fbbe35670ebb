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
    /** Bytes a line takes, about (1.5 kB with the features): the first size of a chunk's buffer. */
    private static final int LINE_BYTES = 1600;
    /** Lines formatted as one chunk ({@link OrderedChunks}): about 0.8 MB. */
    private static final int CHUNK_LINES = 512;
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

    /** Threads formatting objects ({@link OrderedChunks}). */
    private final int threads;

    JsonLinesFindingWriter(boolean ecs, java.util.function.Function<Finding, String> verdictOf,
                           java.util.function.ToDoubleFunction<Finding> modelRiskOf) {
        this(ecs, verdictOf, modelRiskOf, Runtime.getRuntime().availableProcessors());
    }

    private JsonLinesFindingWriter(boolean ecs, java.util.function.Function<Finding, String> verdictOf,
                                   java.util.function.ToDoubleFunction<Finding> modelRiskOf, int threads) {
        this.ecs = ecs;
        this.verdictOf = verdictOf;
        this.modelRiskOf = modelRiskOf;
        this.threads = threads;
    }

    @Override
    public FindingWriter withThreads(int n) {
        return new JsonLinesFindingWriter(ecs, verdictOf, modelRiskOf, n);
    }

    @Override
    public void write(DetectionResult result, OutputStream out) throws IOException {
        write(result.findings(), out);
    }

    @Override
    public void write(List<Finding> findings, OutputStream out) throws IOException {
        OrderedChunks.write(findings, CHUNK_LINES, CHUNK_LINES * LINE_BYTES, this::lines, threads, out);
        out.flush();
    }

    /** Appends one object per line for a chunk of findings. */
    private void lines(Finding[] chunk, RowBytes b) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(b.asStream(), JsonEncoding.UTF8)) {
            for (Finding f : chunk) {
                if (ecs) {
                    FindingJson.ecs(g, f, null, modelRiskOf);
                } else {
                    FindingJson.plain(g, f, null, verdictOf, modelRiskOf);
                }
                g.writeRaw('\n');
            }
        }
    }
}
