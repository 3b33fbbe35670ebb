package org.beaconwatch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.beaconwatch.ml.model.ModelKind;
import org.beaconwatch.ml.model.TrainingResult;
import org.beaconwatch.output.TerminalText;

/**
 * What {@code train} prints on stdout about the model it wrote: the file and feature set, the rows
 * and split, what the model learned, the test figures and the top features.
 */
final class TrainingSummary {
    private TrainingSummary() {
    }

    /** Prints the summary of {@code r}, a model of {@code kind} written to {@code out}. */
    static void print(TrainingResult r, ModelKind kind, Path out, PrintStream p) {
        p.println("model:      " + out + " (" + kind.label() + ", " + r.model().featureNames().size() + " features: "
                + r.model().provenance().featureSet() + ")");
        p.printf(Locale.ROOT, "rows:       %,d labelled (%,d train, %,d test), %,d without a usable label%n",
                r.labelsUsed(), r.split().train().length, r.split().test().length, r.dropped());
        p.println("split:      " + TerminalText.clean(r.split().description()));
        for (var l : r.model().provenance().learned().entrySet()) {
            p.println("learned:    " + TerminalText.clean(l.getKey() + " = " + rounded(l.getValue())));
        }
        EvaluationOutput.print(r.test(), p);
        if (r.model().testFigures() != null && !r.model().testFigures().topFeatures().isEmpty()) {
            p.println("top features (shuffled on the test part, mean +- sd of "
                    + r.test().importance().get(0).repeats() + " shuffles; booster gain share): "
                    + TerminalText.clean(String.join(", ", r.model().testFigures().topFeatures())));
        }
    }

    private static String rounded(Object v) {
        if (v instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object o : list) {
                parts.add(o instanceof Double d ? String.format(Locale.ROOT, "%.1f", d) : String.valueOf(o));
            }
            return String.join(", ", parts);
        }
        return String.valueOf(v);
    }
}
