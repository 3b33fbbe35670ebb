package org.beaconwatch.report.evaluation;

import org.beaconwatch.output.Numbers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.beaconwatch.ml.eval.Evaluation;
import org.beaconwatch.output.Provenance;
import org.beaconwatch.report.page.PageRenderer;

/**
 * Renders an {@link Evaluation} as HTML through the shared {@link PageRenderer}: a self-contained
 * page (charts as base64 PNG, no script, no network, strict Content-Security-Policy) or the section
 * alone for embedding in another report. Class names, host names and reasons come from logs and are
 * escaped. Figures go through {@link Numbers}, the formatter every page shares.
 */
public final class EvaluationReport {
    private EvaluationReport() {
    }

    /** Writes the whole page to {@code file} atomically (the previous file stays on failure). */
    public static void write(Evaluation e, Provenance provenance, Path file) throws IOException {
        PageRenderer.write(file, "evaluation/page.peb", provenance, view(e));
    }

    /** As {@link #write(Evaluation, Provenance, Path)}, with provenance of this build and no recorded inputs. */
    public static void write(Evaluation e, Path file) throws IOException {
        write(e, Provenance.of("evaluate", "", List.of()), file);
    }

    /** The whole page. */
    public static String page(Evaluation e, Provenance provenance) throws IOException {
        return PageRenderer.render("evaluation/page.peb", provenance, view(e));
    }

    /** The evaluation section alone (a {@code <section>} element with its own scoped styles), for embedding. */
    public static String section(Evaluation e) throws IOException {
        return PageRenderer.render("evaluation/section.peb", Provenance.of("evaluate", "", List.of()), view(e));
    }

    /** Everything the template prints, already formatted with Locale.ROOT. */
    static Map<String, Object> view(Evaluation e) {
        Map<String, Object> v = new HashMap<>();
        v.put("name", e.name());
        v.put("trainingData", e.testIsTrainingData() ? String.join(", ", e.trainingInputsEvaluated()) : null);
        List<String> excluded = new ArrayList<>();
        if (e.excludedRows() != null) {
            for (var x : e.excludedRows().entrySet()) {
                excluded.add(Numbers.count(x.getValue()) + " rows: " + x.getKey());
            }
        }
        v.put("excluded", excluded);
        v.put("model", e.model());
        List<String[]> head = new ArrayList<>();
        head.add(new String[] {"rows evaluated", Numbers.count(e.rows())});
        head.add(new String[] {"positives", Numbers.count(e.positives()) + " (" + Numbers.pct(e.chancePrAuc()) + ")"});
        head.add(new String[] {"PR-AUC (average precision)", Numbers.num(e.prAuc()) + "  (chance " + Numbers.num(e.chancePrAuc())
                + ")"});
        head.add(new String[] {"ROC-AUC", Numbers.num(e.rocAuc())});
        head.add(new String[] {"alert threshold (chosen on validation folds)", Numbers.num(e.threshold())});
        head.add(new String[] {"precision / recall / F1 at threshold", Numbers.num(e.precision()) + " / "
                + Numbers.num(e.recall()) + " / " + Numbers.num(e.f1())});
        head.add(new String[] {"Brier score (probability)", Numbers.num(e.brier())});
        if (e.crossValidation() != null) {
            Evaluation.CrossValidation cv = e.crossValidation();
            head.add(new String[] {"cross-validation PR-AUC (" + cv.kind() + " folds)", Numbers.num(cv.meanPrAuc()) + " ± "
                    + Numbers.num(cv.sdPrAuc()) + " over " + cv.foldPrAuc().size() + " folds; pooled "
                    + Numbers.num(cv.pooledPrAuc())});
        }
        v.put("headline", head);
        List<String[]> scores = new ArrayList<>();
        for (var s : e.prAucByScore().entrySet()) {
            scores.add(new String[] {s.getKey(), Numbers.num(s.getValue())});
        }
        v.put("scores", scores);
        v.put("confusion", new String[] {Numbers.count(e.confusion().tp()), Numbers.count(e.confusion().fn()),
            Numbers.count(e.confusion().fp()), Numbers.count(e.confusion().tn())});
        v.put("prChart", EvaluationCharts.pr(e.prCurve(), e.chancePrAuc(), e.prAuc()));
        v.put("rocChart", EvaluationCharts.roc(e.rocCurve(), e.rocAuc()));
        v.put("reliabilityChart", e.reliability().isEmpty() ? null : EvaluationCharts.reliability(e.reliability()));
        List<String[]> rel = new ArrayList<>();
        for (var b : e.reliability()) {
            rel.add(new String[] {Numbers.num(b.lo()) + "–" + Numbers.num(b.hi()), Numbers.count(b.count()), Numbers.num(b.meanPredicted()),
                Numbers.num(b.observedRate())});
        }
        v.put("reliability", rel);
        List<String[]> classes = new ArrayList<>();
        for (var c : e.perClass()) {
            classes.add(new String[] {c.name(), Numbers.count(c.support()), Numbers.num(c.precision()), Numbers.num(c.recall()),
                Numbers.num(c.f1()), Numbers.num(c.prAuc())});
        }
        if (e.classAverages() != null) {
            var a = e.classAverages();
            classes.add(new String[] {"macro average", "", Numbers.num(a.macroPrecision()), Numbers.num(a.macroRecall()),
                Numbers.num(a.macroF1()), Numbers.num(a.macroPrAuc())});
            classes.add(new String[] {"weighted average", "", Numbers.num(a.weightedPrecision()),
                Numbers.num(a.weightedRecall()), Numbers.num(a.weightedF1()), Numbers.num(a.weightedPrAuc())});
            classes.add(new String[] {"accuracy", "", "", "", "", Numbers.num(a.accuracy())});
        }
        v.put("perClass", classes);
        List<String[]> imp = new ArrayList<>();
        if (e.importance() != null) {
            for (var f : e.importance()) {
                imp.add(new String[] {f.feature(), Double.isNaN(f.permutationMean()) ? "n/a"
                        : Numbers.num(f.permutationMean()) + " ± " + Numbers.num(f.permutationSd()), Numbers.num(f.gain())});
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
                row.add(Numbers.count(x));
            }
            cm.add(row);
        }
        v.put("classConfusion", cm);
        List<String[]> triage = new ArrayList<>();
        int rank = 1;
        for (var h : e.triage()) {
            triage.add(new String[] {Integer.toString(rank++), h.host(), Numbers.num(h.hostScore()) + " (max "
                + Numbers.num(h.maxRisk()) + ")", Numbers.count(h.alerts()),
                Numbers.count(h.rows()), Numbers.count(h.knownPositives()), String.join(", ", h.topReasons())});
        }
        v.put("triage", triage);
        return v;
    }
}
