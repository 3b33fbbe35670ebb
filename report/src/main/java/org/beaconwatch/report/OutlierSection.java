package org.beaconwatch.report;

import static org.beaconwatch.report.LabelSplit.NEG;
import static org.beaconwatch.report.LabelSplit.POS;
import static org.beaconwatch.report.LabelSplit.UNL;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.beaconwatch.ml.anomaly.IsolationForest;
import org.beaconwatch.output.Numbers;
import org.beaconwatch.report.ExploreResult.Commonality;
import org.beaconwatch.report.ExploreResult.Count;
import org.beaconwatch.report.ExploreResult.FeatureShift;
import org.beaconwatch.report.ExploreResult.Forest;
import org.beaconwatch.report.ExploreResult.NumericOutliers;
import org.beaconwatch.report.ExploreResult.OutlierRecord;
import org.beaconwatch.report.ExploreResult.Outliers;
import org.beaconwatch.report.stats.EffectSizes;
import org.beaconwatch.report.stats.RankCorrelation;
import org.beaconwatch.report.stats.RobustStats;
import org.beaconwatch.table.Column;

/**
 * Section 4 of the labelled exploration: Tukey and robust-z outliers per numeric feature, a seeded
 * Isolation Forest over all of them (the top {@link #FLAGGED_SHARE} of rows flagged), the most
 * extreme records and what the flagged rows have in common.
 */
final class OutlierSection {
    /** Share of rows the Isolation Forest flags. */
    static final double FLAGGED_SHARE = 0.01;
    /** Flagged rows are "enriched" in the positive class above this multiple of its overall share. */
    static final double ENRICHED = 1.5;
    /** Hosts and feature shifts listed for the flagged rows. */
    static final int TOP_HOSTS = 5;
    static final int TOP_SHIFTS = 6;

    private OutlierSection() {
    }

    /** The section and the forest's scores of the labelled rows [positive, other] (or null), for its chart. */
    static final class Computed {
        private final Outliers outliers;
        private final double[][] scoresByClass;

        Computed(Outliers outliers, double[][] scoresByClass) {
            this.outliers = outliers;
            this.scoresByClass = scoresByClass;
        }

        Outliers outliers() {
            return outliers;
        }

        double[][] scoresByClass() {
            return scoresByClass;
        }
    }

    static Computed compute(LabelSplit s) {
        List<Column.Numeric> nums = s.numericFeatures();
        List<NumericOutliers> per = new ArrayList<>();
        Map<String, RobustStats.Summary> summaries = new HashMap<>();
        for (Column.Numeric c : nums) {
            RobustStats.Summary sum = RobustStats.summarize(c.values());
            if (sum == null) {
                continue;
            }
            summaries.put(c.name(), sum);
            int[] tk = new int[3];
            int[] rb = new int[3];
            for (int i = 0; i < c.size(); i++) {
                double v = c.values()[i];
                if (sum.tukeyOutlier(v)) {
                    tk[s.cls[i]]++;
                }
                if (sum.robustOutlier(v)) {
                    rb[s.cls[i]]++;
                }
            }
            per.add(new NumericOutliers(c.name(), sum.n(), sum.median(), sum.q1(), sum.q3(), sum.lowerFence(),
                    sum.upperFence(), sum.mad(), tk[0] + tk[1] + tk[2], s.byClass(tk), rb[0] + rb[1] + rb[2],
                    s.byClass(rb), ColumnStats.skewness(c.values()), ColumnStats.heavyTailed(c)));
        }
        // Isolation Forest over every numeric feature that varies.
        List<Column.Numeric> used = new ArrayList<>();
        for (Column.Numeric c : nums) {
            if (summaries.get(c.name()) != null && ColumnStats.distinct(c) > 1) {
                used.add(c);
            }
        }
        int n = s.table.rows();
        if (used.isEmpty() || n < 2) {
            return new Computed(new Outliers("Which records stand out: there is no varying numeric feature, so no "
                    + "outlier analysis was run.", per, null, List.of(), null), null);
        }
        double[][] rows = new double[n][used.size()];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < used.size(); f++) {
                rows[i][f] = used.get(f).values()[i];
            }
        }
        IsolationForest.Params params = IsolationForest.Params.defaults(s.options.seed());
        IsolationForest forest = IsolationForest.fit(rows, params);
        double[] score = forest.scores(rows);
        int[] order = new int[n];
        double[] negated = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            negated[i] = -score[i];
        }
        RankCorrelation.sortByValue(order, negated); // highest score first; stable, so ties keep row order
        int flaggedN = Math.max(1, (int) Math.ceil(FLAGGED_SHARE * n));
        double threshold = score[order[flaggedN - 1]];
        boolean[] flagged = new boolean[n];
        int[] fk = new int[3];
        for (int r = 0; r < flaggedN; r++) {
            flagged[order[r]] = true;
            fk[s.cls[order[r]]]++;
        }
        int[] k = s.classCounts();
        Map<String, Double> rateBy = new LinkedHashMap<>();
        for (int g = 0; g < 3; g++) {
            if (k[g] > 0) {
                rateBy.put(s.classNames[g], (double) fk[g] / k[g]);
            }
        }
        List<String> usedNames = new ArrayList<>();
        for (Column.Numeric c : used) {
            usedNames.add(c.name());
        }
        Forest fr = new Forest(usedNames, params.trees(), forest.sampleSize(), s.options.seed(), threshold, flaggedN,
                s.byClass(fk), rateBy);
        Column host = s.hostColumn();
        List<Column.Categorical> cats = s.categoricalFeatures();
        List<OutlierRecord> top = new ArrayList<>();
        for (int r = 0; r < Math.min(s.options.topOutliers(), n); r++) {
            top.add(record(s, order[r], score[order[r]], used, summaries, cats, host));
        }
        Commonality common = commonality(s, flagged, flaggedN, fk, host, used, cats);
        double flaggedPos = fk[POS] / (double) Math.max(1, fk[POS] + fk[NEG]);
        double allPos = k[POS] / (double) Math.max(1, k[POS] + k[NEG]);
        String pos = s.positiveName();
        String sentence = "Which records stand out and what they share: the seeded Isolation Forest flags the top "
                + Numbers.count(flaggedN) + " rows (score >= " + Numbers.num(threshold) + "); "
                + Numbers.pct(flaggedPos) + " of them are " + pos + " against " + Numbers.pct(allPos)
                + " of all labelled rows, so "
                + (flaggedPos > ENRICHED * allPos
                        ? "outliers are enriched in " + pos + " traffic and worth a look, but are not all malicious"
                        : "being an outlier is not by itself a sign of " + pos + " traffic here") + ".";
        return new Computed(new Outliers(sentence, per, fr, top, common), s.splitByClass(score));
    }

    private static OutlierRecord record(LabelSplit s, int i, double score, List<Column.Numeric> used,
                                        Map<String, RobustStats.Summary> summaries, List<Column.Categorical> cats,
                                        Column host) {
        Map<String, String> vals = new LinkedHashMap<>();
        List<String> why = new ArrayList<>();
        for (Column.Numeric c : used) {
            double v = c.values()[i];
            vals.put(c.name(), Double.isNaN(v) ? "(missing)" : Numbers.num(v));
            RobustStats.Summary sum = summaries.get(c.name());
            if (Double.isNaN(v)) {
                why.add(c.name() + " missing");
            } else if (sum.robustOutlier(v)) {
                double z = sum.robustZ(v);
                why.add(c.name() + " = " + Numbers.num(v) + " (robust z " + (z > 0 ? "+" : "") + Numbers.num(z) + ")");
            } else if (sum.tukeyOutlier(v)) {
                why.add(c.name() + " = " + Numbers.num(v) + " (beyond Tukey fence)");
            }
        }
        for (Column.Categorical c : cats) {
            vals.put(c.name(), c.text(i));
        }
        if (why.isEmpty()) {
            why.add("an unusual combination of values, none extreme on its own");
        }
        return new OutlierRecord(i, score, s.labelText[i] == null ? "" : s.labelText[i], s.classNames[s.cls[i]],
                host == null ? "" : host.text(i), vals, String.join("; ", why));
    }

    private static Commonality commonality(LabelSplit s, boolean[] flagged, int flaggedN, int[] fk, Column host,
                                           List<Column.Numeric> used, List<Column.Categorical> cats) {
        List<Count> hosts = new ArrayList<>();
        if (host != null) {
            Map<String, Integer> hc = new HashMap<>();
            for (int i = 0; i < flagged.length; i++) {
                if (flagged[i] && !host.isMissing(i)) {
                    hc.merge(host.text(i), 1, Integer::sum);
                }
            }
            hc.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(TOP_HOSTS).forEach(e -> hosts.add(new Count(e.getKey(), e.getValue())));
        }
        List<FeatureShift> shifts = new ArrayList<>();
        for (Column.Numeric c : used) {
            double[][] sp = ColumnStats.splitBy(c.values(), flagged);
            double d = EffectSizes.cliffsDelta(sp[0], sp[1]);
            shifts.add(new FeatureShift(c.name(), "median " + Numbers.num(RobustStats.quantile(sp[0], 0.5)),
                    "median " + Numbers.num(RobustStats.quantile(c.values(), 0.5)), d));
        }
        for (Column.Categorical c : cats) {
            Map<String, Integer> cnt = new HashMap<>();
            Map<String, Integer> all = new HashMap<>();
            for (int i = 0; i < flagged.length; i++) {
                String v = c.values()[i] == null ? "(missing)" : c.values()[i];
                all.merge(v, 1, Integer::sum);
                if (flagged[i]) {
                    cnt.merge(v, 1, Integer::sum);
                }
            }
            String best = null;
            int bestN = -1;
            for (Map.Entry<String, Integer> e : new TreeMap<>(cnt).entrySet()) {
                if (e.getValue() > bestN) {
                    best = e.getKey();
                    bestN = e.getValue();
                }
            }
            if (best == null) {
                continue;
            }
            double so = (double) bestN / flaggedN;
            double sa = (double) all.get(best) / flagged.length;
            shifts.add(new FeatureShift(c.name(), best + " (" + Numbers.pct(so) + ")", best + " (" + Numbers.pct(sa) + ")",
                    so - sa));
        }
        shifts.sort(Comparator.comparingDouble((FeatureShift f) -> Double.isNaN(f.effect()) ? 0 : -Math.abs(f.effect()))
                .thenComparing(FeatureShift::feature));
        List<FeatureShift> topShifts = shifts.size() > TOP_SHIFTS ? List.copyOf(shifts.subList(0, TOP_SHIFTS)) : shifts;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < Math.min(3, topShifts.size()); i++) {
            FeatureShift f = topShifts.get(i);
            parts.add(f.feature() + " (outliers: " + f.outliers() + "; all rows: " + f.all() + ")");
        }
        String hostText = hosts.isEmpty() ? ""
                : " The host with most outliers is " + hosts.get(0).value() + " (" + Numbers.count(hosts.get(0).count())
                        + " of " + Numbers.count(flaggedN) + ").";
        String reading = "Of the " + Numbers.count(flaggedN) + " flagged rows, " + Numbers.count(fk[POS]) + " are "
                + s.positiveName() + ", " + Numbers.count(fk[NEG]) + " other and " + Numbers.count(fk[UNL])
                + " unlabelled." + hostText + " They differ from the rest most in "
                + (parts.isEmpty() ? "nothing measurable" : String.join(", ", parts)) + ".";
        return new Commonality(s.byClass(fk), hosts, topShifts, reading);
    }
}
