package org.beaconwatch.report;

import static org.beaconwatch.report.LabelSplit.NEG;
import static org.beaconwatch.report.LabelSplit.POS;
import static org.beaconwatch.report.LabelSplit.UNL;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.beaconwatch.output.Numbers;
import org.beaconwatch.report.ExploreResult.LabelDistribution;
import org.beaconwatch.table.LabelClasses;

/** Section 3 of the labelled exploration: how the label is distributed and what the imbalance means. */
final class LabelSection {
    /** Label values listed. */
    static final int TOP_VALUES = 30;

    private LabelSection() {
    }

    static LabelDistribution compute(LabelSplit s) {
        Map<String, Long> values = new HashMap<>();
        Map<String, Long> classes = new TreeMap<>();
        for (String v : s.labelText) {
            String key = v == null ? "(missing)" : v;
            values.merge(key, 1L, Long::sum);
            String c = LabelClasses.ctuClass(v);
            classes.merge(c == null ? "(missing)" : c, 1L, Long::sum);
        }
        List<Map.Entry<String, Long>> es = new ArrayList<>(values.entrySet());
        es.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Long> top = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(TOP_VALUES, es.size()); i++) {
            top.put(es.get(i).getKey(), es.get(i).getValue());
        }
        int[] k = s.classCounts();
        String pos = s.positiveName();
        long labelled = (long) k[POS] + k[NEG];
        double rate = labelled == 0 ? Double.NaN : (double) k[POS] / labelled;
        double ratio = Math.min(k[POS], k[NEG]) == 0 ? Double.NaN
                : (double) Math.max(k[POS], k[NEG]) / Math.min(k[POS], k[NEG]);
        double baseline = labelled == 0 ? Double.NaN : (double) Math.max(k[POS], k[NEG]) / labelled;
        String reading = "A model that always answers '" + (k[POS] >= k[NEG] ? pos : s.negativeName()) + "' is right "
                + Numbers.pct(baseline) + " of the time without finding anything, so accuracy says little here. Judge "
                + "models by precision (how many alerts are real), recall (how many " + pos + " rows are found) and "
                + "the area under the precision-recall curve, whose chance level is the positive rate, "
                + Numbers.pct(rate) + ", not 0.5. Keep the class ratio in every split (stratify), and expect the "
                + "real-world positive rate to be far lower than in a labelled sample.";
        String unlabelled = k[UNL] > 0 ? ", plus " + Numbers.count(k[UNL]) + " unlabelled rows left out of the tests" : "";
        String sentence;
        if (k[POS] == 0 || k[NEG] == 0) {
            // One class only: there is no imbalance to judge and no test of a feature against the label.
            String only = k[POS] == 0 ? "not " + pos : pos;
            sentence = "How the label is distributed: every labelled row (" + Numbers.count(labelled) + ") is " + only
                    + unlabelled + "; with one class there is nothing to compare, so no imbalance conclusion is drawn "
                    + "and no feature can be tested against the label. Add rows of the other class (or choose another "
                    + "--positive) to model it.";
            reading = "With a single class, accuracy, precision and recall are undefined; this sample cannot train "
                    + "or evaluate a classifier.";
        } else {
            sentence = "How the label is distributed: " + Numbers.count(k[POS]) + " " + pos + " and "
                    + Numbers.count(k[NEG]) + " other rows (" + Numbers.pct(rate) + " positive, imbalance "
                    + Numbers.num(ratio) + ":1)" + unlabelled + "; conclude that accuracy alone would mislead and "
                    + "precision/recall and PR-AUC must be used.";
        }
        return new LabelDistribution(sentence, s.labelName, pos, s.negativeName(), top, classes, k[POS], k[NEG], k[UNL],
                rate, ratio, baseline, reading);
    }
}
