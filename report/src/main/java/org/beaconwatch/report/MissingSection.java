package org.beaconwatch.report;

import static org.beaconwatch.report.LabelSplit.NEG;
import static org.beaconwatch.report.LabelSplit.POS;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.beaconwatch.output.Numbers;
import org.beaconwatch.report.ExploreResult.Association;
import org.beaconwatch.report.ExploreResult.MissingColumn;
import org.beaconwatch.report.ExploreResult.MissingValues;
import org.beaconwatch.report.stats.EffectSizes;
import org.beaconwatch.report.stats.MultipleTesting;
import org.beaconwatch.report.stats.RobustStats;
import org.beaconwatch.report.stats.Tests;
import org.beaconwatch.table.Column;

/**
 * Section 2 of the labelled exploration: which cells are empty, whether missingness depends on
 * the label (chi-square, Holm-corrected, Cramér's V) and on other columns.
 */
final class MissingSection {
    /** Significance level after Holm correction. */
    static final double ALPHA = 0.05;
    /** Other columns listed per column with missing values. */
    static final int RELATED = 3;

    private MissingSection() {
    }

    /** One column's test: its missing cells per class, the chi-square test and Cramér's V. */
    private static final class Tested {
        private final Column column;
        private final int[] missingByClass;
        private final Tests.Result chi;
        private final double cramersV;

        Tested(Column column, int[] missingByClass, Tests.Result chi, double cramersV) {
            this.column = column;
            this.missingByClass = missingByClass;
            this.chi = chi;
            this.cramersV = cramersV;
        }

        Column column() {
            return column;
        }

        int[] missingByClass() {
            return missingByClass;
        }

        Tests.Result chi() {
            return chi;
        }

        double cramersV() {
            return cramersV;
        }
    }

    static MissingValues compute(LabelSplit s) {
        int n = s.table.rows();
        List<Column> withMissing = new ArrayList<>();
        for (Column c : s.table.columns()) {
            int m = c.missingCount();
            // Other label columns (e.g. a detailed label unset for benign rows) are the label itself, not data.
            if (m > 0 && !c.name().equals(s.labelName) && c.role() != Column.Role.LABEL) {
                withMissing.add(c);
            }
        }
        int[] k = s.classCounts();
        double[] ps = new double[withMissing.size()];
        List<Tested> partial = new ArrayList<>();
        for (int idx = 0; idx < withMissing.size(); idx++) {
            Column c = withMissing.get(idx);
            int[] missBy = new int[3];
            for (int i = 0; i < n; i++) {
                if (c.isMissing(i)) {
                    missBy[s.cls[i]]++;
                }
            }
            long[][] t = {
                {missBy[POS], k[POS] - missBy[POS]},
                {missBy[NEG], k[NEG] - missBy[NEG]}};
            Tests.Result chi = Tests.chiSquare(t);
            ps[idx] = chi.p();
            partial.add(new Tested(c, missBy, chi, EffectSizes.cramersV(t)));
        }
        double[] adj = MultipleTesting.holm(ps);
        List<MissingColumn> out = new ArrayList<>();
        int dependent = 0;
        String pos = s.positiveName();
        String neg = s.negativeName();
        for (int idx = 0; idx < partial.size(); idx++) {
            Tested p = partial.get(idx);
            Column c = p.column();
            Tests.Result chi = p.chi();
            double v = p.cramersV();
            Map<String, Integer> byClass = new LinkedHashMap<>();
            Map<String, Double> rateBy = new LinkedHashMap<>();
            for (int g = 0; g < 3; g++) {
                if (k[g] > 0) {
                    byClass.put(s.classNames[g], p.missingByClass()[g]);
                    rateBy.put(s.classNames[g], (double) p.missingByClass()[g] / k[g]);
                }
            }
            int m = c.missingCount();
            boolean dep = adj[idx] < ALPHA;
            if (dep) {
                dependent++;
            }
            String test = "chi-square " + Numbers.num(chi.statistic()) + ", Holm-adjusted p = " + Numbers.p(adj[idx])
                    + ", Cramer's V = " + Numbers.num(v);
            String reading = c.name() + " is missing in " + Numbers.count(m) + " rows (" + Numbers.pct((double) m / n)
                    + "): " + Numbers.pct(rateBy.getOrDefault(pos, Double.NaN)) + " of " + pos + " rows and "
                    + Numbers.pct(rateBy.getOrDefault(neg, Double.NaN)) + " of " + neg + " rows. "
                    + (Double.isNaN(chi.p()) ? "The chi-square test could not be run (one class is empty)."
                            : dep ? "Missingness depends on the label (" + test + ", " + EffectSizes.cramersMagnitude(v)
                                    + ")."
                            : "No evidence that missingness depends on the label (" + test
                                    + "): it looks missing at random with respect to the label.");
            out.add(new MissingColumn(c.name(), m, (double) m / n, byClass, rateBy, chi.statistic(), chi.p(), adj[idx],
                    v, reading, related(s, c)));
        }
        String what = "Which cells are empty and whether that depends on the label: ";
        String sentence;
        if (withMissing.isEmpty()) {
            sentence = what + "no column has missing values, so nothing is imputed.";
        } else if (withMissing.size() == 1) {
            sentence = what + "only " + withMissing.get(0).name() + " has missing values ("
                    + Numbers.count(withMissing.get(0).missingCount()) + " rows), and its missingness "
                    + (dependent == 1 ? "depends on the label (Holm-adjusted chi-square p < 0.05), so the gap itself "
                            + "carries signal"
                            : "does not depend on the label (chi-square test), so the gaps can be treated as missing "
                            + "at random") + ".";
        } else {
            sentence = what + Numbers.count(withMissing.size()) + " columns have missing values, and for "
                    + Numbers.count(dependent) + " of them missingness depends on the label (Holm-adjusted chi-square "
                    + "p < 0.05), so missingness itself can carry signal.";
        }
        String handling = "Statistical tests and charts leave missing values out (pairwise deletion), so each feature "
                + "is judged on the rows where it is known and nothing is invented. The Isolation Forest needs every "
                + "cell, so it fills a missing numeric value with the column median learned at fit time: the median "
                + "is robust to the outliers it is looking for and puts the row at the centre of that axis, so a gap "
                + "alone never makes a row look anomalous. Rows without a label are counted but left out of every "
                + "test against the label. Where missingness depends on the label, a model should get an explicit "
                + "'is missing' indicator rather than a silently imputed value.";
        return new MissingValues(sentence, out, handling);
    }

    /** How other feature columns differ between rows where c is missing and where it is present. */
    private static List<Association> related(LabelSplit s, Column c) {
        int n = s.table.rows();
        boolean[] miss = new boolean[n];
        for (int i = 0; i < n; i++) {
            miss[i] = c.isMissing(i);
        }
        List<Association> out = new ArrayList<>();
        for (Column o : s.table.columns()) {
            if (o == c || !s.isFeature(o)) {
                continue;
            }
            if (o instanceof Column.Numeric num) {
                double[][] split = ColumnStats.splitBy(num.values(), miss);
                double d = EffectSizes.cliffsDelta(split[0], split[1]);
                Tests.Result mw = Tests.mannWhitney(split[0], split[1]);
                if (!Double.isNaN(d)) {
                    out.add(new Association(o.name(), "Mann-Whitney U", ExploreResult.CLIFFS_DELTA, d, mw.p(),
                            "median " + Numbers.num(RobustStats.quantile(split[0], 0.5)) + " where " + c.name()
                                    + " is missing vs " + Numbers.num(RobustStats.quantile(split[1], 0.5))
                                    + " where present"));
                }
            } else {
                Column.Categorical cat = (Column.Categorical) o;
                long[][] t = ColumnStats.contingency(cat.values(), miss);
                double v = EffectSizes.cramersV(t);
                Tests.Result chi = Tests.chiSquare(t);
                if (!Double.isNaN(v)) {
                    out.add(new Association(o.name(), "chi-square", ExploreResult.CRAMERS_V, v, chi.p(), ""));
                }
            }
        }
        out.sort(Comparator.comparingDouble((Association a) -> -Math.abs(a.effect())).thenComparing(Association::column));
        return out.size() > RELATED ? List.copyOf(out.subList(0, RELATED)) : out;
    }
}
