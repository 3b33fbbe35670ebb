package org.beaconwatch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.beaconwatch.ml.eval.Evaluation;
import org.beaconwatch.ml.eval.EvaluationJson;
import org.beaconwatch.output.Numbers;
import org.beaconwatch.output.Provenance;
import org.beaconwatch.output.TerminalText;
import org.beaconwatch.report.evaluation.EvaluationReport;

/**
 * How {@code train} and {@code evaluate} show an evaluation: its figures on stdout (PR-AUC first),
 * warnings on stderr, and the JSON and HTML files where asked.
 */
final class EvaluationOutput {
    private EvaluationOutput() {
    }

    /** A test part with one class says nothing about ranking: tell the user. */
    static void warnSingleClass(Evaluation e) {
        if (e.positives() == 0 || e.positives() == e.rows()) {
            System.err.println("warning: the evaluated rows hold a single class (" + e.positives() + " of " + e.rows()
                    + " positive), so PR-AUC, ROC-AUC and the threshold figures say nothing; choose another split "
                    + "(e.g. --split file or time when one host holds all benign traffic)");
        }
    }

    /** Writes the evaluation JSON and page where asked; {@code provenance} is printed on the page. */
    static void write(Evaluation e, Path json, Path html, Provenance provenance) throws IOException {
        if (json != null) {
            EvaluationJson.write(e, json);
            System.err.println("wrote " + json);
        }
        if (html != null) {
            EvaluationReport.write(e, provenance, html);
            System.err.println("wrote " + html);
        }
    }

    /** A figure through the one formatter; n/a for an undefined figure (a class without support). */
    static String f3(double v) {
        return Numbers.num(v);
    }

    /** One line saying that an evaluation ran on the model's own training data. */
    static String trainingDataWarning(Evaluation e) {
        return "the model was trained on " + String.join(", ", e.trainingInputsEvaluated())
                + " (same SHA-256); these figures measure memory, not performance on new data";
    }

    /** The figures an analyst reads first, PR-AUC first. */
    static void print(Evaluation e, PrintStream p) {
        if (e.testIsTrainingData()) {
            p.println("NOT A TEST: " + TerminalText.clean(trainingDataWarning(e)));
        }
        p.println("evaluated:  " + TerminalText.clean(e.name()));
        if (e.excludedRows() != null) {
            for (var x : e.excludedRows().entrySet()) {
                p.println("excluded:   " + Numbers.count(x.getValue()) + " rows: " + TerminalText.clean(x.getKey()));
            }
        }
        p.println("PR-AUC:     " + Numbers.num(e.prAuc()) + " (chance " + Numbers.num(e.chancePrAuc()) + "; "
                + Numbers.count(e.positives()) + " of " + Numbers.count(e.rows()) + " rows positive)");
        for (var s : e.prAucByScore().entrySet()) {
            if (!s.getKey().equals("risk")) {
                p.printf(Locale.ROOT, "  %-26s PR-AUC %s%n", TerminalText.clean(s.getKey()) + ":", Numbers.num(s.getValue()));
            }
        }
        p.println("ROC-AUC:    " + Numbers.num(e.rocAuc()));
        p.println("threshold:  " + Numbers.num(e.threshold()) + " (chosen on validation folds) -> precision "
                + Numbers.num(e.precision()) + ", recall " + Numbers.num(e.recall()) + ", F1 " + Numbers.num(e.f1()));
        p.println("confusion:  TP " + Numbers.count(e.confusion().tp()) + "  FP " + Numbers.count(e.confusion().fp())
                + "  TN " + Numbers.count(e.confusion().tn()) + "  FN " + Numbers.count(e.confusion().fn()));
        if (!Double.isNaN(e.brier())) {
            p.println("brier:      " + Numbers.num(e.brier()));
        }
        if (e.crossValidation() != null) {
            p.println("cv PR-AUC:  " + Numbers.num(e.crossValidation().meanPrAuc()) + " +- "
                    + Numbers.num(e.crossValidation().sdPrAuc()) + " (" + e.crossValidation().foldPrAuc().size() + " "
                    + e.crossValidation().kind() + " folds on the training part)");
        }
        for (var c : e.perClass()) {
            p.printf(Locale.ROOT, "  class %-12s support %7s  PR-AUC %s  precision %s  recall %s  F1 %s%n",
                    TerminalText.clean(c.name()), Numbers.count(c.support()), f3(c.prAuc()), f3(c.precision()), f3(c.recall()),
                    f3(c.f1()));
        }
        if (e.classAverages() != null) {
            var a = e.classAverages();
            p.printf(Locale.ROOT, "  %-18s %15s  PR-AUC %s  precision %s  recall %s  F1 %s%n", "macro average", "",
                    f3(a.macroPrAuc()), f3(a.macroPrecision()), f3(a.macroRecall()), f3(a.macroF1()));
            p.printf(Locale.ROOT, "  %-18s %15s  PR-AUC %s  precision %s  recall %s  F1 %s%n", "weighted average", "",
                    f3(a.weightedPrAuc()), f3(a.weightedPrecision()), f3(a.weightedRecall()), f3(a.weightedF1()));
            p.printf(Locale.ROOT, "  accuracy %s%n", f3(a.accuracy()));
            p.println("  confusion (rows true, columns predicted): " + TerminalText.clean(String.join(" | ", e.classes())));
            int w = 6;
            for (String c : e.classes()) {
                w = Math.max(w, Math.min(30, TerminalText.clean(c).length()));
            }
            for (int i = 0; i < e.classConfusion().length; i++) {
                StringBuilder sb = new StringBuilder();
                for (long v : e.classConfusion()[i]) {
                    sb.append(String.format(Locale.ROOT, " %7d", v));
                }
                p.printf(Locale.ROOT, "  %-" + w + "s%s%n", TerminalText.clean(e.classes().get(i)), sb);
            }
        }
        if (!e.triage().isEmpty()) {
            p.println("top hosts (by expected malicious rows + highest risk):");
            int n = 0;
            for (var h : e.triage()) {
                if (n++ == 10) {
                    break;
                }
                p.printf(Locale.ROOT, "  %-20s score %7.3f (max %.3f)  alerts %,d/%,d  labelled positive %,d  %s%n",
                        TerminalText.clean(h.host()), h.hostScore(), h.maxRisk(), h.alerts(), h.rows(), h.knownPositives(),
                        TerminalText.clean(String.join(", ", h.topReasons())));
            }
        }
    }
}
