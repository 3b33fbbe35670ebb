package org.beaconwatch.report.detection;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.beaconwatch.output.AtomicOutput;
import org.beaconwatch.report.ExploreResult.InputFile;
import org.beaconwatch.report.Fmt;
import org.beaconwatch.score.DetectionResult;
import org.beaconwatch.score.Finding;
import org.beaconwatch.score.FindingDetails;
import org.beaconwatch.score.FindingType;
import org.beaconwatch.score.Severity;
import org.beaconwatch.verdict.Verdict;
import org.beaconwatch.verdict.VerdictFile;

/**
 * The detection report: one self-contained HTML page (no script, no network, a strict
 * Content-Security-Policy) with the run's summary, a host triage table and one card per alerting
 * finding and per top-ranked other finding. {@link #build} turns a detection result and the kept
 * {@link FindingDetails} into a {@link DetectionPage}; {@link #html} renders it with Pebble, HTML
 * autoescaping on, because every address, server name and label comes from a log.
 */
public final class DetectionReport {
    private static final PebbleEngine ENGINE = new PebbleEngine.Builder()
            .loader(loader())
            .autoEscaping(true)
            .defaultEscapingStrategy("html")
            .strictVariables(false)
            .defaultLocale(Locale.ROOT)
            .extension(new NumFilter())
            .build();

    private DetectionReport() {
    }

    private static ClasspathLoader loader() {
        ClasspathLoader l = new ClasspathLoader(DetectionReport.class.getClassLoader());
        l.setPrefix("org/beaconwatch/report/detection");
        return l;
    }

    /**
     * What a report is made from.
     *
     * @param result              the detection result (benign-verdict findings already removed)
     * @param details             kept connections of the shown findings
     * @param triage              host ranking, or null for the roll-up of channel findings
     * @param inputs              input files with digests
     * @param tool                tool name and version
     * @param options             options as given
     * @param suppressedByVerdict findings removed by a benign verdict
     * @param verdictOf           the analyst's verdict of a finding, or null
     */
    public record Inputs(DetectionResult result, FindingDetails details, HostTriage triage, List<InputFile> inputs,
                         String tool, String options, int suppressedByVerdict, Function<Finding, Verdict> verdictOf) {
    }

    /** Computes the page's figures and draws its charts. */
    public static DetectionPage build(Inputs in) {
        DetectionResult r = in.result();
        List<Finding> findings = r.findings();
        long spanStart = Long.MAX_VALUE, spanEnd = Long.MIN_VALUE;
        for (Finding f : findings) {
            spanStart = Math.min(spanStart, f.firstSeen());
            spanEnd = Math.max(spanEnd, f.lastSeen());
        }
        if (findings.isEmpty()) {
            spanStart = 0;
            spanEnd = 0;
        }
        Map<Severity, long[]> sev = new EnumMap<>(Severity.class);
        Map<FindingType, long[]> types = new EnumMap<>(FindingType.class);
        for (Severity s : Severity.values()) {
            sev.put(s, new long[2]);
        }
        for (FindingType t : FindingType.values()) {
            types.put(t, new long[2]);
        }
        int alerts = 0;
        for (Finding f : findings) {
            sev.get(f.severity())[0]++;
            types.get(f.type())[0]++;
            if (f.alert()) {
                alerts++;
                sev.get(f.severity())[1]++;
                types.get(f.type())[1]++;
            }
        }
        List<DetectionPage.Count> sevRows = new ArrayList<>();
        List<Severity> mostUrgentFirst = new ArrayList<>(List.of(Severity.values()));
        java.util.Collections.reverse(mostUrgentFirst);
        for (Severity s : mostUrgentFirst) {
            sevRows.add(new DetectionPage.Count(s.label(), sev.get(s)[0], sev.get(s)[1]));
        }
        List<DetectionPage.Count> typeRows = new ArrayList<>();
        for (FindingType t : FindingType.values()) {
            typeRows.add(new DetectionPage.Count(typeName(t), types.get(t)[0], types.get(t)[1]));
        }
        Function<Finding, Verdict> verdictOf = in.verdictOf() == null ? f -> null : in.verdictOf();
        List<DetectionPage.Card> cards = new ArrayList<>();
        Map<Integer, String> anchors = new HashMap<>();
        for (Finding f : findings) {
            FindingDetails.Detail d = in.details() == null ? null : in.details().of(f);
            if (d == null) {
                continue;
            }
            DetectionPage.Card c = card(f, d, spanStart, spanEnd, verdictOf.apply(f), r.options().maxBins());
            cards.add(c);
            anchors.put(f.rank(), c.anchor());
        }
        HostTriage triage = in.triage() != null ? in.triage() : new ChannelRollup(findings);
        List<DetectionPage.HostRow> hosts = new ArrayList<>();
        int idx = 0;
        for (HostTriage.Host h : triage.hosts()) {
            List<DetectionPage.Link> links = new ArrayList<>();
            for (int rank : h.ranks()) {
                links.add(new DetectionPage.Link(rank, anchors.get(rank)));
            }
            hosts.add(new DetectionPage.HostRow(++idx, h.host(), String.format(Locale.ROOT, "%.2f", h.score()),
                    h.severity(), h.alerts(), h.findings(), links, h.reason()));
        }
        int others = cards.size() - alerts;
        String shownNote = "A card for each of the " + Fmt.num(alerts) + " alerting findings and the "
                + Fmt.num(Math.max(0, others)) + " highest-ranked others.";
        DetectionPage.Summary summary = new DetectionPage.Summary(in.inputs(), iso(spanStart), iso(spanEnd),
                findings.isEmpty() ? "n/a" : SvgCharts.duration((spanEnd - spanStart) / 1e6), r.flowsRead(),
                r.flowsUsed(), r.channels(), findings.size(), alerts, in.suppressedByVerdict(), sevRows, typeRows,
                in.options(), cards.size(), shownNote);
        return new DetectionPage(in.tool(), summary, triage.method(), hosts, cards);
    }

    static DetectionPage.Card card(Finding f, FindingDetails.Detail d, long spanStart, long spanEnd, Verdict v,
                                   int maxBins) {
        String subScores = SvgCharts.subScores(
                new String[] {"timing", "periodicity", "size", "persistence", "rarity"},
                new double[] {f.timingScore(), f.periodicityScore(), f.sizeScore(), f.persistenceScore(),
                    f.prevalenceScore()});
        String timeline = SvgCharts.timeline(ChannelCharts.timeline(d.series(), spanStart, spanEnd));
        String intervals = SvgCharts.intervals(ChannelCharts.intervals(d.series(), f.periodSeconds()));
        ChannelCharts.Spectrum sp = ChannelCharts.spectrum(d.series(), f.periodSeconds(), maxBins);
        String periodogram = SvgCharts.spectrum(sp);
        String spNote;
        if (sp.power().length == 0) {
            spNote = "Too few connections for a periodogram.";
        } else if (sp.peakSeconds() > 0) {
            spNote = String.format(Locale.ROOT, "Strongest peak at %s; false-alarm probability 10^%.1f "
                    + "(periodicity credit starts at 10^-2 and is full at 10^-8); autocorrelation at that lag %.2f "
                    + "(below 0.3 the credit is reduced, down to half).", SvgCharts.duration(sp.peakSeconds()),
                    sp.log10Fap(), sp.acf());
        } else {
            spNote = "No peak stands out from the noise.";
        }
        ChannelCharts.Bytes b = ChannelCharts.bytes(d.series());
        String bytes = SvgCharts.bytes(b, spanStart, spanEnd);
        String counted = b.total() == f.conns() ? "" : " (" + Fmt.num(b.total()) + " of " + Fmt.num(f.conns())
                + " connections have a byte count)";
        String bytesNote = (b.total() == b.bytes().length ? Fmt.num(b.total()) + " connections drawn"
                : Fmt.num(b.bytes().length) + " of " + Fmt.num(b.total())
                        + " connections drawn (smallest and largest of each stretch)") + counted;
        String destination = f.serverName() != null ? f.serverName()
                : (f.dstPort() >= 0 ? Finding.addressPort(f.dst(), f.dstPort()) : f.dst()) + "/" + f.proto();
        String allow = f.serverName() != null ? f.serverName() : f.dst();
        String lines = verdictLine(f, "benign") + "\n" + verdictLine(f, "malicious");
        String label = f.label() == null ? null
                : f.detailedLabel() == null ? f.label() : f.label() + " / " + f.detailedLabel();
        return new DetectionPage.Card("f-" + f.rank(), f.rank(), String.format(Locale.ROOT, "%.2f", f.score()),
                f.severity().label(), f.alert(), typeName(f.type()), f.channel(), f.src(), destination, f.conns(),
                iso(f.firstSeen()), iso(f.lastSeen()), f.explanation(), label, subScores, timeline, intervals,
                periodogram, spNote, bytes, bytesNote, d.otherSources(), d.otherSourceCount(), allow,
                v == null ? null : v.kind().label(),
                v == null ? null : (v.note().isEmpty() ? "" : v.note()) + (v.analyst().isEmpty() ? "" : " (" + v.analyst()
                        + (v.date().isEmpty() ? "" : ", " + v.date()) + ")"),
                lines);
    }

    /** A verdict-file line for this finding's channel (header {@link VerdictFile#HEADER}). */
    static String verdictLine(Finding f, String verdict) {
        List<String> cells = new ArrayList<>();
        cells.add(f.src());
        if (f.serverName() != null) {
            cells.add("");
            cells.add("");
            cells.add(f.serverName());
        } else {
            cells.add(f.dst());
            cells.add(f.dstPort() >= 0 ? Integer.toString(f.dstPort()) : "");
            cells.add("");
        }
        cells.add(verdict);
        cells.add("");
        cells.add("");
        cells.add("");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String c = cells.get(i);
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                sb.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static String typeName(FindingType t) {
        return t.name().toLowerCase(Locale.ROOT);
    }

    static String iso(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L)).toString();
    }

    /** Pebble filter {@code num}: counts with thousands separators, through the product's one formatter. */
    private static final class NumFilter extends io.pebbletemplates.pebble.extension.AbstractExtension {
        @Override
        public Map<String, io.pebbletemplates.pebble.extension.Filter> getFilters() {
            return Map.of("num", new io.pebbletemplates.pebble.extension.Filter() {
                @Override
                public List<String> getArgumentNames() {
                    return List.of();
                }

                @Override
                public Object apply(Object input, Map<String, Object> args, PebbleTemplate self,
                                    io.pebbletemplates.pebble.template.EvaluationContext context, int line) {
                    return input instanceof Number n ? Fmt.num(n.doubleValue()) : input == null ? "" : input;
                }
            });
        }
    }

    /** The HTML page. */
    public static String html(DetectionPage page) throws IOException {
        PebbleTemplate t = ENGINE.getTemplate("detection.peb");
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("p", page);
        StringWriter w = new StringWriter(1 << 16);
        t.evaluate(w, ctx, Locale.ROOT);
        return w.toString();
    }

    /** Renders the page and writes it atomically to {@code file}. */
    public static void write(DetectionPage page, Path file) throws IOException {
        String html = html(page);
        AtomicOutput.writeString(file, html);
    }
}
