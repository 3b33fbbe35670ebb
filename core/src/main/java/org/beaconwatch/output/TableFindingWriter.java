package org.beaconwatch.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.beaconwatch.score.DetectionResult;
import org.beaconwatch.score.Finding;
import org.beaconwatch.score.FindingType;

/**
 * Terminal table: the top hosts (host triage) first, then per finding a line "rank score severity type channel" (at most 100 columns)
 * and the explanation, indented and wrapped at 100 columns, then a summary. Control characters from the log are replaced.
 */
final class TableFindingWriter implements FindingWriter {
    static final int WIDTH = 100;
    /** Hosts shown above the channels. */
    static final int HOSTS_SHOWN = 5;
    private final int topN;
    private final java.util.function.Function<Finding, String> verdictOf;
    private final int suppressedByVerdict;

    TableFindingWriter(int topN) {
        this(topN, null, 0);
    }

    /** A trained model's risk of a finding (NaN: none); a MODEL column only when this is set. */
    private final java.util.function.ToDoubleFunction<Finding> modelRiskOf;

    TableFindingWriter(int topN, java.util.function.Function<Finding, String> verdictOf, int suppressedByVerdict) {
        this(topN, verdictOf, suppressedByVerdict, null);
    }

    TableFindingWriter(int topN, java.util.function.Function<Finding, String> verdictOf, int suppressedByVerdict,
                       java.util.function.ToDoubleFunction<Finding> modelRiskOf) {
        this.topN = Math.max(1, topN);
        this.verdictOf = verdictOf;
        this.suppressedByVerdict = suppressedByVerdict;
        this.modelRiskOf = modelRiskOf;
    }

    @Override
    public void write(DetectionResult result, OutputStream out) throws IOException {
        Writer w = writer(out);
        HostWriter.table(result.hosts(), HOSTS_SHOWN, w);
        rows(result.findings(), result.scored(), w);
        w.write(DetectionSummary.sentence(result));
        if (verdictOf != null) {
            w.write(", " + DetectionSummary.count(suppressedByVerdict, null, null) + " suppressed by verdict");
        }
        w.write('\n');
        w.flush();
    }

    @Override
    public void write(List<Finding> findings, OutputStream out) throws IOException {
        Writer w = writer(out);
        rows(findings, findings.size(), w);
        w.flush();
    }

    private static Writer writer(OutputStream out) {
        return new OutputStreamWriter(out, StandardCharsets.UTF_8);
    }

    /** The header and the first topN findings; {@code total} findings were scored (the rest are counted). */
    private void rows(List<Finding> findings, int total, Writer w) throws IOException {
        w.write(String.format(Locale.ROOT, "%4s %5s %s%-8s %-5s %-8s %s%n", "RANK", "SCORE",
                modelRiskOf == null ? "" : "MODEL ", "SEVERITY", "ALERT", "TYPE", "CHANNEL"));
        int n = Math.min(topN, findings.size());
        for (int i = 0; i < n; i++) {
            Finding f = findings.get(i);
            String model = "";
            if (modelRiskOf != null) {
                double m = modelRiskOf.applyAsDouble(f);
                model = Double.isNaN(m) ? "    - " : String.format(Locale.ROOT, "%5.2f ", m);
            }
            String head = String.format(Locale.ROOT, "%4d %5.2f %s%-8s %-5s %-8s ", f.rank(), f.score(), model,
                    f.severity().label(), f.alert() ? "yes" : "no", shortType(f));
            w.write(fit(head + clean(f.channel()), WIDTH));
            w.write('\n');
            for (String line : wrap(clean(Explanations.of(f)), WIDTH - 7)) {
                w.write("       ");
                w.write(line);
                w.write('\n');
            }
            String v = verdictOf == null ? null : verdictOf.apply(f);
            if (v != null) {
                w.write("       verdict: " + clean(v) + "\n");
            }
        }
        if (total > n) {
            w.write(String.format(Locale.ROOT, "... %,d more (use --format csv or jsonl for all)%n", total - n));
        }
    }

    private static String shortType(Finding f) {
        return f.type() == FindingType.LONG_CONNECTION ? "longconn" : f.type().label();
    }

    static String clean(String s) {
        return TerminalText.clean(s);
    }

    /** Splits text at spaces into lines of at most {@code width} characters. */
    static List<String> wrap(String s, int width) {
        List<String> lines = new java.util.ArrayList<>();
        String rest = s;
        while (rest.length() > width) {
            int cut = rest.lastIndexOf(' ', width);
            if (cut <= 0) {
                cut = width;
            }
            lines.add(rest.substring(0, cut));
            rest = rest.substring(cut).trim();
        }
        lines.add(rest);
        return lines;
    }

    static String fit(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 3) + "...";
    }
}
