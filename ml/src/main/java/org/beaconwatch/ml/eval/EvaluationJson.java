package org.beaconwatch.ml.eval;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.beaconwatch.output.AtomicOutput;

/** Writes and reads evaluations as JSON (NaN written as the string "NaN"). */
public final class EvaluationJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    private EvaluationJson() {
    }

    /** The evaluation as indented JSON. */
    public static String toJson(Object evaluation) {
        try {
            return MAPPER.writeValueAsString(evaluation);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the evaluation (or any record of this package) to a file. */
    public static void write(Object evaluation, Path file) throws IOException {
        AtomicOutput.writeString(file, toJson(evaluation) + "\n");
    }

    /** Reads an evaluation back. */
    public static Evaluation read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), Evaluation.class);
    }
}
