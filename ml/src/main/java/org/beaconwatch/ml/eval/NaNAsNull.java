package org.beaconwatch.ml.eval;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/** Writes an undefined figure (NaN, e.g. precision of a class with no support) as JSON null. */
final class NaNAsNull extends StdSerializer<Double> {
    private static final long serialVersionUID = 1L;

    NaNAsNull() {
        super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        if (value == null || value.isNaN()) {
            gen.writeNull();
        } else {
            gen.writeNumber(value);
        }
    }
}
