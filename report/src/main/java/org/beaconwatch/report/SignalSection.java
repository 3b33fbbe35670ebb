package org.beaconwatch.report;

import java.util.ArrayList;
import java.util.List;
import org.beaconwatch.output.Numbers;
import org.beaconwatch.report.ExploreResult.CategoryRow;
import org.beaconwatch.report.ExploreResult.FeatureTest;
import org.beaconwatch.report.ExploreResult.Signal;

/**
 * Section 8 of the labelled exploration (and the channel view's table): the features ranked by
 * the size of their effect. A signal carries the very effect its feature test computed, sign
 * included, so the two sections can never disagree.
 */
final class SignalSection {
    /** Holm-adjusted p below which a signal is called significant. */
    static final double ALPHA = 0.05;

    private SignalSection() {
    }

    static List<Signal> compute(List<FeatureTest> features, String positiveName, String unit) {
        List<FeatureTest> sorted = new ArrayList<>(features);
        sorted.sort(FeatureSection.byEffect());
        List<Signal> out = new ArrayList<>();
        int rank = 0;
        for (FeatureTest f : sorted) {
            if (Double.isNaN(f.effect())) {
                continue;
            }
            out.add(new Signal(++rank, f.feature(), f.kind(), f.effectName(), f.effect(), f.magnitude(), f.pAdjusted(),
                    reading(f, positiveName, unit)));
        }
        return out;
    }

    private static String reading(FeatureTest f, String pos, String unit) {
        String sig = f.pAdjusted() < ALPHA ? "" : " (not significant after Holm correction)";
        if (f.kind().equals("numeric")) {
            double d = f.cliffsDelta();
            String dir = d > 0 ? "Higher" : d < 0 ? "Lower" : "No different";
            double prob = (d + 1) / 2;
            return dir + " in " + pos + " " + unit + "s (median " + Numbers.num(f.positive().median()) + " vs "
                    + Numbers.num(f.negative().median()) + "): a " + f.magnitude() + " effect; a random " + pos + " "
                    + unit + " has the larger value " + Numbers.pct(prob) + " of the time" + sig + ".";
        }
        CategoryRow best = null;
        for (CategoryRow r : f.topCategories()) {
            if (best == null || r.positiveShare() - r.negativeShare() > best.positiveShare() - best.negativeShare()) {
                best = r;
            }
        }
        if (best == null) {
            return "No categories.";
        }
        return "A " + f.magnitude() + " association; '" + best.value() + "' makes up " + Numbers.pct(best.positiveShare())
                + " of " + pos + " " + unit + "s but " + Numbers.pct(best.negativeShare()) + " of other " + unit + "s ("
                + Numbers.pct(best.positiveRate()) + " of its " + unit + "s are " + pos + ")" + sig + ".";
    }
}
