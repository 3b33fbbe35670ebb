package org.beaconwatch.report.page;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.beaconwatch.output.AtomicOutput;
import org.beaconwatch.output.Provenance;

/**
 * The one page renderer of every HTML report (exploration, labelled and unlabelled; model
 * evaluation; scoring; detection). Each page's template extends {@code page/layout.peb}: one
 * skeleton with the strict Content-Security-Policy ({@code default-src 'none'}, images only as
 * data URIs, inline styles only: no script, no network), the shared styles, a header with the
 * {@link Provenance} and a footer listing it in full. Pebble runs with HTML autoescaping on,
 * because every label, host and server name comes from a log and is attacker-controlled, and
 * numbers go through {@link NumberFilters} ({@code num}, {@code count}, {@code p}, {@code pct}).
 */
public final class PageRenderer {
    /** Folder of the templates on the class path; template names are relative to it. */
    static final String TEMPLATES = "org/beaconwatch/report";

    private static final PebbleEngine ENGINE = new PebbleEngine.Builder()
            .loader(loader())
            .autoEscaping(true)
            .defaultEscapingStrategy("html")
            .strictVariables(false)
            .defaultLocale(Locale.ROOT)
            .extension(new NumberFilters())
            .build();

    private PageRenderer() {
    }

    private static ClasspathLoader loader() {
        ClasspathLoader l = new ClasspathLoader(PageRenderer.class.getClassLoader());
        l.setPrefix(TEMPLATES);
        return l;
    }

    /**
     * Renders {@code template} (e.g. "detection/detection.peb") with {@code data} and the provenance
     * (as {@code prov}).
     */
    public static String render(String template, Provenance provenance, Map<String, Object> data) throws IOException {
        PebbleTemplate t = ENGINE.getTemplate(template);
        Map<String, Object> ctx = new HashMap<>(data);
        ctx.put("prov", provenance);
        StringWriter w = new StringWriter(1 << 16);
        t.evaluate(w, ctx, Locale.ROOT);
        return w.toString();
    }

    /** Renders the page, then writes it atomically: a failure leaves the previous file in place. */
    public static void write(Path file, String template, Provenance provenance, Map<String, Object> data)
            throws IOException {
        String page = render(template, provenance, data);
        AtomicOutput.writeString(file, page);
    }
}
