package org.beaconwatch.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.beaconwatch.output.AtomicOutput;

/**
 * Writes an {@link ExploreResult} as {@code summary.json} (every figure, via Jackson) and
 * {@code report.html} (one self-contained page: CSS inline, charts as base64 PNG, no script, no
 * network). The page is rendered by Pebble with HTML autoescaping on, because every label,
 * category and host name comes from a log and is attacker-controlled.
 */
public final class ReportWriter {
    /** Name of the HTML report in the output directory. */
    public static final String HTML = "report.html";
    /** Name of the JSON summary in the output directory. */
    public static final String JSON = "summary.json";

    private static final PebbleEngine ENGINE = new PebbleEngine.Builder()
            .loader(classpathLoader())
            .autoEscaping(true)
            .defaultEscapingStrategy("html")
            .strictVariables(false)
            .defaultLocale(Locale.ROOT)
            .extension(new NumberFilters())
            .build();

    private ReportWriter() {
    }

    private static ClasspathLoader classpathLoader() {
        ClasspathLoader l = new ClasspathLoader(ReportWriter.class.getClassLoader());
        l.setPrefix("org/beaconwatch/report");
        return l;
    }

    /**
     * Writes both files into {@code dir} (created if needed); returns the HTML path. Each file is
     * rendered first and then written atomically, so a failure leaves the previous report in place.
     */
    public static Path write(ExploreResult result, Path dir) throws IOException {
        AtomicOutput.prepareFolder(dir);
        String json = json(result);
        String page = html(result);
        AtomicOutput.writeString(dir.resolve(JSON), json);
        Path html = dir.resolve(HTML);
        AtomicOutput.writeString(html, page);
        return html;
    }

    /** The JSON summary (pretty-printed, stable field order). */
    public static String json(ExploreResult result) throws IOException {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        return m.writeValueAsString(result) + "\n";
    }

    /** The HTML page. */
    public static String html(ExploreResult result) throws IOException {
        PebbleTemplate t = ENGINE.getTemplate("report.peb");
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("r", result);
        ctx.put("charts", result.charts());
        Writer w = new StringWriter();
        t.evaluate(w, ctx, Locale.ROOT);
        return w.toString();
    }
}
