package org.beaconwatch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.beaconwatch.ml.eval.Confusion;
import org.beaconwatch.ml.model.LeaveOneCaptureOut;
import org.beaconwatch.ml.model.ThresholdRule;
import org.beaconwatch.output.TerminalText;

/** Prints what {@code train --leave-one-capture-out} measured, as a table on stdout. */
final class LeaveOneCaptureOutTable {
    private LeaveOneCaptureOutTable() {
    }

    /** The leave-one-capture-out table: per held-out capture, each threshold rule; then each rule over all captures. */
    static void print(List<LeaveOneCaptureOut.CaptureResult> rs, ThresholdRule used, PrintStream p) {
        p.println("leave one capture out (model tuned and trained on the other captures; per rule, the threshold "
                + "chosen on the others -> precision/recall here, n/a where undefined, or the false alerts of a capture without positives):");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-44s %5s %5s %15s", "held-out capture",
                "rows", "pos", "PR-AUC (chance)"));
        for (ThresholdRule r : ThresholdRule.values()) {
            head.append(String.format(Locale.ROOT, " %19s", r.label() + (r == used ? "*" : "")));
        }
        p.println(head);
        for (var c : rs) {
            Path cp = Path.of(c.capture());
            String name = (cp.getParent() == null ? "" : cp.getParent().getFileName() + "/") + cp.getFileName();
            double prAuc = c.rule(used).prAuc();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-44s %5d %5d %15s",
                    TerminalText.clean(name.length() > 44 ? "~" + name.substring(name.length() - 43) : name), c.rows(),
                    c.positives(), Double.isNaN(prAuc) ? "n/a" : String.format(Locale.ROOT, "%.3f (%.3f)", prAuc,
                            c.chance())));
            for (ThresholdRule r : ThresholdRule.values()) {
                var x = c.rule(r);
                line.append(String.format(Locale.ROOT, " %19s", atThreshold(x.threshold(), x.atThreshold())));
            }
            p.println(line);
        }
        p.println("  * the rule the model uses. Over all held-out captures (mean F1 over captures with positives; "
                + "alerts summed):");
        for (var s : LeaveOneCaptureOut.summary(rs)) {
            p.printf(Locale.ROOT, "  %-19s mean F1 %s over %d captures; %,d true alerts, %,d false alerts, %,d missed%n",
                    s.rule().label(), EvaluationOutput.f3(s.meanF1()), s.captures(), s.tp(), s.fp(), s.fn());
        }
    }

    private static String atThreshold(double thr, Confusion m) {
        if (m.tp() + m.fn() == 0) { // a capture without positives: what matters is how many false alerts
            return String.format(Locale.ROOT, "%.2f: %,d false", thr, m.fp());
        }
        return String.format(Locale.ROOT, "%.2f: %s/%s", thr, m.tp() + m.fp() == 0 ? "n/a" : EvaluationOutput.f3(m.precision()),
                m.tp() + m.fn() == 0 ? "n/a" : EvaluationOutput.f3(m.recall()));
    }
}
