package org.beaconwatch.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.beaconwatch.output.AtomicOutput;
import org.beaconwatch.report.page.PageRenderer;

/**
 * Presents an {@link ExploreResult}: {@code summary.json} (every figure, via Jackson) and
 * {@code report.html}, drawn by {@link LabelledCharts} and rendered by the shared
 * {@link PageRenderer} (one self-contained page: charts as base64 PNG, no script, no network,
 * HTML autoescaping on, because every label, category and host name comes from a log).
 */
public final class ReportWriter {
    /** Name of the HTML report in the output directory. */
    public static final String HTML = "report.html";
    /** Name of the JSON summary in the output directory. */
    public static final String JSON = "summary.json";

    private ReportWriter() {
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
        return PageRenderer.render("explore/labelled.peb", result.provenance(),
                Map.of("r", result, "charts", LabelledCharts.draw(result),
                        "deltaDefinition", ExploreResult.CLIFFS_DELTA_DEFINITION));
    }
}
