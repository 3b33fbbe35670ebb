package org.beaconwatch.ml.eval;

import java.util.List;

/** Test access to package-private evaluator parts. */
public final class EvaluatorAccess {
    private EvaluatorAccess() {
    }

    public static Evaluation.ClassAverages averages(List<Evaluation.ClassFigures> perClass, long[][] cm) {
        return Evaluator.averages(perClass, cm);
    }
}
