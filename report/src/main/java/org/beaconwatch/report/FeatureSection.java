package org.beaconwatch.report;

import static org.beaconwatch.report.LabelSplit.NEG;
import static org.beaconwatch.report.LabelSplit.POS;
import static org.beaconwatch.report.LabelSplit.UNL;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.beaconwatch.report.ExploreResult.CategoryRow;
import org.beaconwatch.report.ExploreResult.ClassSummary;
import org.beaconwatch.report.ExploreResult.FeatureTest;
import org.beaconwatch.report.stats.EffectSizes;
import org.beaconwatch.report.stats.MultipleTesting;
import org.beaconwatch.report.stats.RobustStats;
import org.beaconwatch.report.stats.Tests;
import org.beaconwatch.table.Column;

/**
 * Section 5 of the labelled exploration: every feature against the label. Numeric features by
 * Mann–Whitney U with Cliff's δ (positive class against the other, see {@link ExploreResult#CLIFFS_DELTA})
 * and Kolmogorov–Smirnov; categorical ones by chi-square with Cramér's V. p-values are
 * Holm-corrected over all features. The channel view runs the same section on the channel table.
 */
final class FeatureSection {
    /** Categories listed per categorical feature. */
    static final int TOP_CATEGORIES = 8;

    private FeatureSection() {
    }

    /**
     * The tests, strongest effect first, and each numeric feature's values of the labelled rows
     * [positive, other] in row order (for the charts).
     */
    record Computed(List<FeatureTest> tests, Map<String, double[][]> values) {
    }

    static Computed compute(LabelSplit s) {
        List<FeatureTest> raw = new ArrayList<>();
        Map<String, double[][]> values = new LinkedHashMap<>();
        for (Column.Numeric c : s.numericFeatures()) {
            double[][] sp = s.splitByClass(c.values());
            ClassSummary ps = summary(s.positiveName(), sp[0]);
            ClassSummary ns = summary(s.negativeName(), sp[1]);
            Tests.Result mw = Tests.mannWhitney(sp[0], sp[1]);
            Tests.Result ks = Tests.kolmogorovSmirnov(sp[0], sp[1], s.options.seed());
            double d = EffectSizes.cliffsDelta(sp[0], sp[1]);
            raw.add(new FeatureTest(c.name(), "numeric", ps.n(), ns.n(), ps, ns, mw.statistic(), mw.p(), d, ks.statistic(),
                    ks.p(), Double.NaN, Double.NaN, Double.NaN, List.of(), mw.p(), Double.NaN,
                    ExploreResult.CLIFFS_DELTA, d, EffectSizes.cliffsMagnitude(d), ColumnStats.heavyTailed(c)));
            values.put(c.name(), sp);
        }
        int[] k = s.classCounts();
        for (Column.Categorical c : s.categoricalFeatures()) {
            String[] vals = new String[k[POS] + k[NEG]];
            boolean[] flag = new boolean[vals.length];
            int j = 0;
            for (int i = 0; i < c.size(); i++) {
                if (s.cls[i] != UNL) {
                    vals[j] = c.values()[i];
                    flag[j++] = s.cls[i] == POS;
                }
            }
            long[][] t = ColumnStats.contingency(vals, flag);
            Tests.Result chi = Tests.chiSquare(t);
            double v = EffectSizes.cramersV(t);
            raw.add(new FeatureTest(c.name(), "categorical", k[POS], k[NEG], null, null, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, chi.statistic(), chi.p(), v, topCategories(vals, flag), chi.p(),
                    Double.NaN, ExploreResult.CRAMERS_V, v, EffectSizes.cramersMagnitude(v), false));
        }
        double[] p = new double[raw.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = raw.get(i).p();
        }
        double[] adj = MultipleTesting.holm(p);
        List<FeatureTest> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            out.add(raw.get(i).withPAdjusted(adj[i]));
        }
        out.sort(byEffect());
        return new Computed(out, values);
    }

    /** Largest |effect| first (NaN last), then by name. */
    static Comparator<FeatureTest> byEffect() {
        return Comparator.comparingDouble((FeatureTest f) -> Double.isNaN(f.effect()) ? 1 : -Math.abs(f.effect()))
                .thenComparing(FeatureTest::feature);
    }

    private static List<CategoryRow> topCategories(String[] vals, boolean[] pos) {
        Map<String, long[]> counts = new HashMap<>();
        long np = 0;
        long nn = 0;
        for (int i = 0; i < vals.length; i++) {
            String key = vals[i] == null ? "(missing)" : vals[i];
            counts.computeIfAbsent(key, x -> new long[2])[pos[i] ? 0 : 1]++;
            if (pos[i]) {
                np++;
            } else {
                nn++;
            }
        }
        final long fp = Math.max(1, np);
        final long fn = Math.max(1, nn);
        // Top categories of each class, so that a category typical of the rarer class is shown too.
        List<String> keys = new ArrayList<>(counts.keySet());
        keys.sort(Comparator.naturalOrder());
        List<String> byPos = new ArrayList<>(keys);
        byPos.sort(Comparator.comparingLong((String k) -> -counts.get(k)[0]).thenComparing(Comparator.naturalOrder()));
        List<String> byNeg = new ArrayList<>(keys);
        byNeg.sort(Comparator.comparingLong((String k) -> -counts.get(k)[1]).thenComparing(Comparator.naturalOrder()));
        Set<String> chosen = new LinkedHashSet<>();
        for (int i = 0; chosen.size() < TOP_CATEGORIES && (i < byPos.size() || i < byNeg.size()); i++) {
            if (i < byPos.size() && counts.get(byPos.get(i))[0] > 0) {
                chosen.add(byPos.get(i));
            }
            if (chosen.size() < TOP_CATEGORIES && i < byNeg.size() && counts.get(byNeg.get(i))[1] > 0) {
                chosen.add(byNeg.get(i));
            }
        }
        List<CategoryRow> rows = new ArrayList<>();
        for (String k : chosen) {
            long[] c = counts.get(k);
            rows.add(new CategoryRow(k, c[0], c[1], (double) c[0] / fp, (double) c[1] / fn,
                    (double) c[0] / (c[0] + c[1])));
        }
        rows.sort(Comparator.comparingLong((CategoryRow r) -> -(r.positive() + r.negative())).thenComparing(CategoryRow::value));
        return rows;
    }

    private static ClassSummary summary(String name, double[] v) {
        double[] f = ColumnStats.finite(v);
        int missing = v.length - f.length;
        if (f.length == 0) {
            return new ClassSummary(name, 0, missing, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN);
        }
        Arrays.sort(f);
        double sum = 0;
        for (double x : f) {
            sum += x;
        }
        return new ClassSummary(name, f.length, missing, sum / f.length, RobustStats.quantile(f, 0.5),
                RobustStats.quantile(f, 0.25), RobustStats.quantile(f, 0.75), f[0], f[f.length - 1]);
    }
}
