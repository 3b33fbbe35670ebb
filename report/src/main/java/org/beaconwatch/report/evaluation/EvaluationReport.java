package org.beaconwatch.report.evaluation;

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
import org.beaconwatch.output.AtomicOutput;

/**
 * Renders an {@link Evaluation} as HTML: a self-contained page (inline CSS, charts as base64 PNG,
 * no script, no network) or the section alone for embedding in another report. Pebble runs with
 * HTML autoescaping on: class names, host names and reasons come from logs and are
 * attacker-controlled.
 */
public final class EvaluationReport {
    private static final PebbleEngine ENGINE = new PebbleEngine.Builder()
            .loader(loader())
            .autoEscaping(true)
            .defaultEscapingStrategy("html")
            .strictVariables(false)
            .defaultLocale(Locale.ROOT)
            .build();

    private EvaluationReport() {
    }

    private static ClasspathLoader loader() {
        ClasspathLoader l = new ClasspathLoader(EvaluationReport.class.getClassLoader());
        l.setPrefix("org/beaconwatch/report/evaluation");
        return l;
    }

    /** Writes the whole page to {@code file} atomically (the previous file stays on failure). */
    public static void write(Evaluation e, Path file) throws IOException {
        AtomicOutput.writeString(file, page(e));
    }

    /** The whole page. */
    public static String page(Evaluation e) throws IOException {
        return render("page.peb", e);
    }

    /** The evaluation section alone (a {@code <section>} element with its own scoped styles). */
    public static String section(Evaluation e) throws IOException {
        return render("section.peb", e);
    }

    private static String render(String template, Evaluation e) throws IOException {
        PebbleTemplate t = ENGINE.getTemplate(template);
        StringWriter w = new StringWriter();
        t.evaluate(w, view(e), Locale.ROOT);
        return w.toString();
    }

    /** Everything the template prints, already formatted with Locale.ROOT. */
    static Map<String, Object> view(Evaluation e) {
        Map<String, Object> v = new HashMap<>();
        v.put("name", e.name());
        v.put("trainingData", e.testIsTrainingData() ? String.join(", ", e.trainingInputsEvaluated()) : null);
        List<String> excluded = new ArrayList<>();
        if (e.excludedRows() != null) {
            for (var x : e.excludedRows().entrySet()) {
                excluded.add(Fmt.count(x.getValue()) + " rows: " + x.getKey());
            }
        }
        v.put("excluded", excluded);
        v.put("model", e.model());
        List<String[]> head = new ArrayList<>();
        head.add(new String[] {"rows evaluated", Fmt.count(e.rows())});
        head.add(new String[] {"positives", Fmt.count(e.positives()) + " (" + Fmt.pct(e.chancePrAuc()) + ")"});
        head.add(new String[] {"PR-AUC (average precision)", Fmt.num(e.prAuc()) + "  (chance " + Fmt.num(e.chancePrAuc())
                + ")"});
        head.add(new String[] {"ROC-AUC", Fmt.num(e.rocAuc())});
        head.add(new String[] {"alert threshold (chosen on validation folds)", Fmt.num(e.threshold())});
        head.add(new String[] {"precision / recall / F1 at threshold", Fmt.num(e.precision()) + " / "
                + Fmt.num(e.recall()) + " / " + Fmt.num(e.f1())});
        head.add(new String[] {"Brier score (probability)", Fmt.num(e.brier())});
        if (e.crossValidation() != null) {
            Evaluation.CrossValidation cv = e.crossValidation();
            head.add(new String[] {"cross-validation PR-AUC (" + cv.kind() + " folds)", Fmt.num(cv.meanPrAuc()) + " ± "
                    + Fmt.num(cv.sdPrAuc()) + " over " + cv.foldPrAuc().size() + " folds; pooled "
                    + Fmt.num(cv.pooledPrAuc())});
        }
        v.put("headline", head);
        List<String[]> scores = new ArrayList<>();
        for (var s : e.prAucByScore().entrySet()) {
            scores.add(new String[] {s.getKey(), Fmt.num(s.getValue())});
        }
        v.put("scores", scores);
        v.put("confusion", new String[] {Fmt.count(e.confusion().tp()), Fmt.count(e.confusion().fn()),
            Fmt.count(e.confusion().fp()), Fmt.count(e.confusion().tn())});
        v.put("prChart", EvaluationCharts.pr(e.prCurve(), e.chancePrAuc(), e.prAuc()));
        v.put("rocChart", EvaluationCharts.roc(e.rocCurve(), e.rocAuc()));
        v.put("reliabilityChart", e.reliability().isEmpty() ? null : EvaluationCharts.reliability(e.reliability()));
        List<String[]> rel = new ArrayList<>();
        for (var b : e.reliability()) {
            rel.add(new String[] {Fmt.num(b.lo()) + "–" + Fmt.num(b.hi()), Fmt.count(b.count()), Fmt.num(b.meanPredicted()),
                Fmt.num(b.observedRate())});
        }
        v.put("reliability", rel);
        List<String[]> classes = new ArrayList<>();
        for (var c : e.perClass()) {
            classes.add(new String[] {c.name(), Fmt.count(c.support()), Fmt.num(c.precision()), Fmt.num(c.recall()),
                Fmt.num(c.f1()), Fmt.num(c.prAuc())});
        }
        if (e.classAverages() != null) {
            var a = e.classAverages();
            classes.add(new String[] {"macro average", "", Fmt.num(a.macroPrecision()), Fmt.num(a.macroRecall()),
                Fmt.num(a.macroF1()), Fmt.num(a.macroPrAuc())});
            classes.add(new String[] {"weighted average", "", Fmt.num(a.weightedPrecision()),
                Fmt.num(a.weightedRecall()), Fmt.num(a.weightedF1()), Fmt.num(a.weightedPrAuc())});
            classes.add(new String[] {"accuracy", "", "", "", "", Fmt.num(a.accuracy())});
        }
        v.put("perClass", classes);
        List<String[]> imp = new ArrayList<>();
        if (e.importance() != null) {
            for (var f : e.importance()) {
                imp.add(new String[] {f.feature(), Double.isNaN(f.permutationMean()) ? "n/a"
                        : Fmt.num(f.permutationMean()) + " ± " + Fmt.num(f.permutationSd()), Fmt.num(f.gain())});
            }
        }
        v.put("importance", imp);
        v.put("importanceRepeats", e.importance() == null || e.importance().isEmpty() ? 0
                : e.importance().get(0).repeats());
        v.put("classNames", e.classes());
        List<List<String>> cm = new ArrayList<>();
        for (int i = 0; i < e.classConfusion().length; i++) {
            List<String> row = new ArrayList<>();
            row.add(e.classes().get(i));
            for (long x : e.classConfusion()[i]) {
                row.add(Fmt.count(x));
            }
            cm.add(row);
        }
        v.put("classConfusion", cm);
        List<String[]> triage = new ArrayList<>();
        int rank = 1;
        for (var h : e.triage()) {
            triage.add(new String[] {Integer.toString(rank++), h.host(), Fmt.num(h.hostScore()) + " (max "
                + Fmt.num(h.maxRisk()) + ")", Fmt.count(h.alerts()),
                Fmt.count(h.rows()), Fmt.count(h.knownPositives()), String.join(", ", h.topReasons())});
        }
        v.put("triage", triage);
        return v;
    }
}
