package org.beaconwatch.report.explore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.beaconwatch.output.AtomicOutput;
import org.beaconwatch.report.page.PageRenderer;

/**
 * Presents an {@link UnlabelledResult}: {@code report.html} (through the shared {@link PageRenderer}:
 * one self-contained page, inline SVG, no script, strict Content-Security-Policy) and {@code summary.json}.
 */
public final class UnlabelledReport {
    private UnlabelledReport() {
    }

    /** A numeric column with its chart. */
    public record NumericView(Distributions.Numeric d, String svg) {
    }

    /** A grouping with one box-plot chart per numeric column. */
    public record GroupView(Groups.Grouping g, List<String> svgs) {
    }

    /** What the template reads. */
    public record View(UnlabelledResult r, List<NumericView> numeric, List<GroupView> groups, String heatmap,
                       String hourly, String bytesHourly, String hourOfDay) {
    }

    static View view(UnlabelledResult r) {
        List<NumericView> nv = new ArrayList<>();
        for (Distributions.Numeric d : r.numeric()) {
            nv.add(new NumericView(d, ExploreCharts.distribution(d)));
        }
        List<GroupView> gv = new ArrayList<>();
        for (Groups.Grouping g : r.groupings()) {
            List<String> svgs = new ArrayList<>();
            for (int i = 0; i < g.columns().size(); i++) {
                svgs.add(ExploreCharts.groupBoxes(g, i));
            }
            gv.add(new GroupView(g, svgs));
        }
        String heat = r.associations().numericNames().size() < 2 ? null : ExploreCharts.heatmap(r.associations());
        String hourly = null, bytes = null, hod = null;
        Activity.Timeline a = r.activity();
        if (a != null) {
            String unit = a.binHours() == 24 ? "day" : "hour";
            Instant start = Instant.parse(a.startIso());
            String last = start.plusSeconds(3600L * a.binHours() * (a.connections().length - 1)).toString();
            hourly = ExploreCharts.bars(a.connections(), "connections per " + unit, a.startIso(), last);
            bytes = ExploreCharts.bars(a.bytes(), "bytes per " + unit, a.startIso(), last);
            hod = ExploreCharts.bars(a.byHourOfDay(), "connections by hour of day", "00:00 UTC", "23:00");
        }
        return new View(r, nv, gv, heat, hourly, bytes, hod);
    }

    /** Writes report.html and summary.json into {@code dir}; returns the HTML path. */
    public static Path write(UnlabelledResult r, Path dir) throws IOException {
        AtomicOutput.prepareFolder(dir);
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r) + "\n";
        String page = html(r);
        AtomicOutput.writeString(dir.resolve("summary.json"), json);
        Path html = dir.resolve("report.html");
        AtomicOutput.writeString(html, page);
        return html;
    }

    /** The page. */
    public static String html(UnlabelledResult r) throws IOException {
        return PageRenderer.render("explore/unlabelled.peb", r.provenance(), Map.of("v", view(r)));
    }
}
