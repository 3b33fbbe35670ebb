package org.beaconwatch.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.beaconwatch.output.Numbers;
import org.beaconwatch.report.ExploreResult.Interactions;
import org.beaconwatch.report.ExploreResult.Pair;
import org.beaconwatch.report.stats.RankCorrelation;
import org.beaconwatch.table.Column;

/** Section 6 of the labelled exploration: Spearman correlation of every pair of varying numeric features. */
final class InteractionSection {
    /** Strongest pairs listed (and plotted). */
    static final int STRONGEST = 3;
    /** |rho| at which two features are called redundant. */
    static final double REDUNDANT = 0.8;

    private InteractionSection() {
    }

    static Interactions compute(LabelSplit s) {
        List<Column.Numeric> nums = new ArrayList<>();
        for (Column.Numeric c : s.numericFeatures()) {
            if (ColumnStats.distinct(c) > 1) {
                nums.add(c);
            }
        }
        int d = nums.size();
        List<String> names = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (Column.Numeric c : nums) {
            names.add(c.name());
            values.add(c.values());
        }
        double[][] rho = RankCorrelation.spearmanMatrix(values);
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double r = rho[i][j];
                int n = 0;
                for (int t = 0; t < s.table.rows(); t++) {
                    if (!nums.get(i).isMissing(t) && !nums.get(j).isMissing(t)) {
                        n++;
                    }
                }
                if (!Double.isNaN(r)) {
                    pairs.add(new Pair(names.get(i), names.get(j), r, n));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble((Pair p) -> -Math.abs(p.rho())).thenComparing(Pair::a).thenComparing(Pair::b));
        List<Pair> strongest = List.copyOf(pairs.subList(0, Math.min(STRONGEST, pairs.size())));
        String sentence = strongest.isEmpty()
                ? "How numeric features move together: fewer than two varying numeric features, so there is nothing to "
                        + "correlate."
                : "How numeric features move together: the strongest pair is " + strongest.get(0).a() + " and "
                        + strongest.get(0).b() + " (Spearman rho = " + Numbers.num(strongest.get(0).rho()) + "), so "
                        + (Math.abs(strongest.get(0).rho()) >= REDUNDANT
                                ? "they carry largely the same information and one of them may be dropped or combined"
                                : "no two features are redundant; each adds its own information") + ".";
        return new Interactions(sentence, names, List.of(rho), strongest);
    }
}
