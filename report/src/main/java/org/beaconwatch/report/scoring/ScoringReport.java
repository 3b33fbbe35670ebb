package org.beaconwatch.report.scoring;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.beaconwatch.ml.eval.Evaluation;
import org.beaconwatch.ml.model.ModelProvenance;
import org.beaconwatch.ml.model.TestFigures;
import org.beaconwatch.output.AtomicOutput;
import org.beaconwatch.report.chart.Charts;

/**
 * The analyst page of {@code score --html}: the host triage table with each host's reasons, the
 * distribution of the risk score, what the model was trained on and its held-out test figures.
 * One self-contained page (inline CSS, charts as base64 PNG, no script, a Content-Security-Policy
 * that forbids everything else), rendered by Pebble with HTML autoescaping on: host names and
 * reasons come from logs and are attacker-controlled. It reuses the report module's chart code.
 */
public final class ScoringReport {
    /** Bins of the risk histogram. */
    static final int BINS = 20;

    private static final PebbleEngine ENGINE = new PebbleEngine.Builder()
            .loader(loader())
            .autoEscaping(true)
            .defaultEscapingStrategy("html")
            .strictVariables(false)
            .defaultLocale(Locale.ROOT)
            .build();

    private ScoringReport() {
    }

    /**
     * What the page shows.
     *
     * @param inputs     scored inputs
     * @param provenance the model's provenance
     * @param test       the model's test figures (may be null for older model files)
     * @param risk       risk per scored row
     * @param threshold  the model's alert threshold
     * @param hostColumn the column hosts come from (null: no host table)
     * @param triage     hosts in triage order
     * @param top        hosts shown
     */
    // arrays by design: columnar data handed over without copies; never compared or hashed by value
    @SuppressWarnings("ArrayRecordComponent")
    public record Input(List<String> inputs, ModelProvenance provenance, TestFigures test, double[] risk,
                        double threshold, String hostColumn, List<Evaluation.HostRisk> triage, int top) {
    }

    private static ClasspathLoader loader() {
        ClasspathLoader l = new ClasspathLoader(ScoringReport.class.getClassLoader());
        l.setPrefix("org/beaconwatch/report/scoring");
        return l;
    }

    /** Writes the page to {@code file} atomically (the previous file stays on failure). */
    public static void write(Input in, Path file) throws IOException {
        AtomicOutput.writeString(file, page(in));
    }

    /** The page. */
    public static String page(Input in) throws IOException {
        PebbleTemplate t = ENGINE.getTemplate("page.peb");
        StringWriter w = new StringWriter();
        t.evaluate(w, view(in), Locale.ROOT);
        return w.toString();
    }

    static Map<String, Object> view(Input in) {
        Map<String, Object> v = new HashMap<>();
        ModelProvenance p = in.provenance();
        long alerts = 0;
        for (double r : in.risk()) {
            if (r >= in.threshold()) {
                alerts++;
            }
        }
        v.put("inputs", String.join(", ", in.inputs()));
        List<String[]> summary = new ArrayList<>();
        summary.add(new String[] {"rows scored", count(in.risk().length)});
        summary.add(new String[] {"alerts (risk ≥ " + num(in.threshold()) + ")", count(alerts)});
        summary.add(new String[] {"hosts", in.hostColumn() == null ? "no host column" : count(in.triage().size())
                + " (column " + in.hostColumn() + ")"});
        v.put("summary", summary);
        List<String[]> hosts = new ArrayList<>();
        int rank = 1;
        for (Evaluation.HostRisk h : in.triage()) {
            if (rank > in.top()) {
                break;
            }
            hosts.add(new String[] {Integer.toString(rank++), h.host(), num(h.hostScore()), String.format(Locale.ROOT,
                    "%.2f", h.expected()), num(h.maxRisk()), count(h.alerts()) + " / " + count(h.rows()),
                String.join(", ", h.topReasons())});
        }
        v.put("hosts", hosts);
        v.put("distribution", distribution(in.risk()));
        List<String[]> model = new ArrayList<>();
        model.add(new String[] {"model", p.model() + " on " + p.featureSet() + " features (" + p.featureNames().size()
                + ")"});
        List<String> files = new ArrayList<>();
        if (p.inputs() != null) {
            for (var d : p.inputs()) {
                files.add(d.path() + " (SHA-256 " + d.sha256().substring(0, Math.min(12, d.sha256().length())) + "…)");
            }
        }
        model.add(new String[] {"trained on", String.join(", ", files)});
        model.add(new String[] {"training rows", count(p.trainRows())});
        model.add(new String[] {"label", p.label().column() + (p.label().positive() == null ? ""
                : " (positive: " + p.label().positive() + ")") + "; classes " + String.join(", ", p.classes())});
        model.add(new String[] {"split", p.split()});
        model.add(new String[] {"seed / folds", p.seed() + " / " + p.folds()});
        model.add(new String[] {"calibration", p.calibration() == null ? "none" : p.calibration()});
        model.add(new String[] {"tool version", p.toolVersion()});
        v.put("model", model);
        List<String[]> test = new ArrayList<>();
        TestFigures t = in.test();
        if (t != null) {
            test.add(new String[] {"evaluated", t.evaluated()});
            test.add(new String[] {"test rows (positive)", count(t.rows()) + " (" + count(t.positives()) + ")"});
            test.add(new String[] {"PR-AUC (chance)", num(t.prAuc()) + " (" + num(t.chancePrAuc()) + ")"});
            test.add(new String[] {"ROC-AUC", num(t.rocAuc())});
            test.add(new String[] {"precision / recall / F1 at the threshold", num(t.precision()) + " / "
                    + num(t.recall()) + " / " + num(t.f1())});
            test.add(new String[] {"Brier score", num(t.brier())});
            if (t.topFeatures() != null && !t.topFeatures().isEmpty()) {
                test.add(new String[] {"top features", String.join(", ", t.topFeatures())});
            }
        }
        v.put("test", test);
        return v;
    }

    /** Bar chart of rows per risk bin. */
    static String distribution(double[] risk) {
        long[] n = new long[BINS];
        for (double r : risk) {
            if (!Double.isNaN(r)) {
                n[(int) Math.min(BINS - 1, Math.max(0, Math.floor(r * BINS)))]++;
            }
        }
        List<String> names = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        for (int b = 0; b < BINS; b++) {
            names.add(String.format(Locale.ROOT, "%.2f", (double) b / BINS));
            values.add(n[b]);
        }
        return Charts.bars("Rows per risk bin (bin start)", "risk", names, values, false);
    }

    static String num(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
