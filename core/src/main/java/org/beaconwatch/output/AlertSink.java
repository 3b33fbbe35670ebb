package org.beaconwatch.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import org.beaconwatch.score.Finding;

/**
 * A destination for findings one at a time, as {@code watch} raises them and as {@code detect}
 * sends them to a SIEM: a JSON lines stream ({@link #jsonLines}) or syslog ({@link SyslogOutput}).
 * {@link #emit} never waits for a network receiver.
 */
public interface AlertSink extends Closeable {

    /** Emits one finding; {@code alert} is null for a plain detect finding. */
    void emit(Finding finding, AlertInfo alert) throws IOException;

    /** Pushes buffered lines to the destination. */
    void flush() throws IOException;

    /** One JSON object per line on {@code out} (flushed on {@link #flush()}, never closed). */
    static AlertSink jsonLines(OutputStream out, boolean ecs) {
        return new AlertSink() {
            @Override
            public void emit(Finding finding, AlertInfo alert) throws IOException {
                out.write(line(finding, alert, ecs));
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }

    /** One JSON object and a line break, UTF-8: detect's flat object or the ECS-shaped one. */
    static byte[] line(Finding finding, AlertInfo alert, boolean ecs) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(2048);
        try (JsonGenerator g = Json.FACTORY.createGenerator(buf, JsonEncoding.UTF8)) {
            if (ecs) {
                FindingJson.ecs(g, finding, alert);
            } else {
                FindingJson.plain(g, finding, alert);
            }
        }
        buf.write('\n');
        return buf.toByteArray();
    }

    /** The shared JSON factory. */
    final class Json {
        static final JsonFactory FACTORY = JsonFactory.builder().build();

        private Json() {
        }
    }
}
