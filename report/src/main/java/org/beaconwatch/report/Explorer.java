package org.beaconwatch.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.statistics.descriptive.Skewness;
import org.beaconwatch.ml.anomaly.IsolationForest;
import org.beaconwatch.report.ExploreResult.Association;
import org.beaconwatch.report.ExploreResult.CategoryRow;
import org.beaconwatch.report.ExploreResult.ChannelView;
import org.beaconwatch.report.ExploreResult.ClassSummary;
import org.beaconwatch.report.ExploreResult.ColumnInfo;
import org.beaconwatch.report.ExploreResult.Commonality;
import org.beaconwatch.report.ExploreResult.Count;
import org.beaconwatch.report.ExploreResult.FeatureShift;
import org.beaconwatch.report.ExploreResult.FeatureTest;
import org.beaconwatch.report.ExploreResult.Forest;
import org.beaconwatch.report.ExploreResult.InputFile;
import org.beaconwatch.report.ExploreResult.Interactions;
import org.beaconwatch.report.ExploreResult.LabelDistribution;
import org.beaconwatch.report.ExploreResult.MissingColumn;
import org.beaconwatch.report.ExploreResult.MissingValues;
import org.beaconwatch.report.ExploreResult.NumericOutliers;
import org.beaconwatch.report.ExploreResult.OutlierRecord;
import org.beaconwatch.report.ExploreResult.Outliers;
import org.beaconwatch.report.ExploreResult.Overview;
import org.beaconwatch.report.ExploreResult.Pair;
import org.beaconwatch.report.ExploreResult.Provenance;
import org.beaconwatch.report.ExploreResult.Signal;
import org.beaconwatch.report.chart.Charts;
import org.beaconwatch.report.stats.EffectSizes;
import org.beaconwatch.report.stats.MultipleTesting;
import org.beaconwatch.report.stats.RankCorrelation;
import org.beaconwatch.report.stats.RobustStats;
import org.beaconwatch.report.stats.Tests;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;
import org.beaconwatch.table.LabelClasses;

/**
 * Computes every figure of the exploration report from a {@link DataTable}.
 *
 * <p>Rows are split into two groups by the label. With a positive value: rows with that value
 * against all others (rows with no value included). Without: rows {@link LabelClasses#binaryClass}
 * reads as malicious against every other labelled row, background included; rows without a label
 * are then counted but left out of the tests.
 * Feature columns are those with role {@link Column.Role#FEATURE}; identifiers (addresses, ids),
 * time and other label columns are described but never tested, so that e.g. a detailed label
 * cannot masquerade as a signal.
 */
public final class Explorer {
    /** Tool name written into the provenance. */
    public static final String TOOL = "beaconwatch explore";
    /** Version written into the provenance. */
    public static final String VERSION = org.beaconwatch.BuildInfo.version();

    private static final int POS = 0;
    private static final int NEG = 1;
    private static final int UNL = 2;
    private static final int MAX_CHARTED_NUMERIC = 14;
    private static final int MAX_CHARTED_CATEGORICAL = 8;
    private static final int TOP_CATEGORIES = 8;
    private static final int CHI_CATEGORIES = 20;

    private final DataTable table;
    private final ExploreOptions options;
    private final int[] cls;
    private final String[] labelText;
    private final String[] classNames;
    private final String labelName;
    private final Map<String, String> charts = new LinkedHashMap<>();
    private int chartId;

    private Explorer(DataTable table, ExploreOptions options, String labelColumn, String positive) {
        this.table = table;
        this.options = options;
        Column label = table.column(labelColumn).orElseThrow(() -> new IllegalArgumentException(
                "no label column '" + labelColumn + "'; columns are " + String.join(", ", table.names())));
        this.labelName = label.name();
        int n = table.rows();
        labelText = new String[n];
        cls = new int[n];
        for (int i = 0; i < n; i++) {
            String v = label.isMissing(i) ? null : label.text(i);
            labelText[i] = v;
            if (positive != null && !positive.isEmpty()) {
                // "--positive VALUE": that value against everything else, rows without a value included
                // (a Stratosphere detailed label is unset for background and benign flows).
                cls[i] = LabelClasses.isPositive(v, positive) ? POS : NEG;
            } else if (LabelClasses.binaryClass(v) == null || LabelClasses.UNKNOWN.equals(LabelClasses.binaryClass(v))) {
                cls[i] = UNL;
            } else {
                cls[i] = LabelClasses.isPositive(v, null) ? POS : NEG;
            }
        }
        String pos = positive == null || positive.isEmpty() ? LabelClasses.MALICIOUS : label.name() + "=" + positive;
        classNames = new String[] {pos, "other", "unlabelled"};
    }

    /** Explores a table with default provenance (all rows read, no channel table). */
    public static ExploreResult explore(DataTable table, ExploreOptions options) {
        return explore(table, options, table.rows(), List.of(), null, null);
    }

    /**
     * Explores a table.
     *
     * @param table       the (possibly sampled) rows
     * @param options     options
     * @param rowsRead    rows in the input before sampling
     * @param inputs      input files with digests, for provenance
     * @param channels    per-channel features with a label column, or null when the input has no
     *                    channels (no src/dst/ts) or the detector was not run
     * @param channelNote why there is no channel view, or how it was made; may be null
     */
    public static ExploreResult explore(DataTable table, ExploreOptions options, long rowsRead, List<InputFile> inputs,
                                        DataTable channels, String channelNote) {
        Explorer e = new Explorer(table, options, options.labelColumn(), options.positive());
        boolean sampled = rowsRead > table.rows();
        String note = sampled
                ? String.format(Locale.ROOT, "Sampled: %,d of %,d rows (seeded uniform reservoir sample, seed %d).",
                        table.rows(), rowsRead, options.seed())
                : String.format(Locale.ROOT, "All %,d rows analysed.", table.rows());
        Provenance prov = new Provenance(TOOL, VERSION, inputs, options, rowsRead, table.rows(), sampled, note);
        Overview overview = e.overview(rowsRead, sampled);
        MissingValues missing = e.missing();
        LabelDistribution labels = e.labels();
        Outliers outliers = e.outliers();
        List<FeatureTest> features = e.features(true);
        Interactions interactions = e.interactions();
        List<Signal> signals = signals(features, e.classNames[POS], "row");
        ChannelView cv = channelView(channels, options, channelNote, e);
        return new ExploreResult(prov, overview, missing, labels, outliers, features, interactions, cv, signals,
                e.charts);
    }

    // ---------------------------------------------------------------- columns

    private boolean isFeature(Column c) {
        return c.role() == Column.Role.FEATURE && !c.name().equals(labelName);
    }

    private List<Column.Numeric> numericFeatures() {
        List<Column.Numeric> out = new ArrayList<>();
        for (Column c : table.columns()) {
            if (isFeature(c) && c instanceof Column.Numeric n && c.missingCount() < c.size()) {
                out.add(n);
            }
        }
        return out;
    }

    private List<Column.Categorical> categoricalFeatures() {
        List<Column.Categorical> out = new ArrayList<>();
        for (Column c : table.columns()) {
            if (isFeature(c) && c instanceof Column.Categorical k && c.missingCount() < c.size()) {
                out.add(k);
            }
        }
        return out;
    }

    private String chart(String dataUri) {
        String id = "c" + (++chartId);
        charts.put(id, dataUri);
        return id;
    }

    private int[] classCounts() {
        int[] k = new int[3];
        for (int c : cls) {
            k[c]++;
        }
        return k;
    }

    // ---------------------------------------------------------------- 1. overview

    private Overview overview(long rowsRead, boolean sampled) {
        int n = table.rows();
        List<ColumnInfo> infos = new ArrayList<>();
        List<Column> forDuplicates = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        double tMin = Double.NaN;
        double tMax = Double.NaN;
        for (Column c : table.columns()) {
            int distinct = distinct(c);
            int miss = c.missingCount();
            String example = "";
            for (int i = 0; i < n; i++) {
                if (!c.isMissing(i)) {
                    example = c.text(i);
                    break;
                }
            }
            String type = c instanceof Column.Numeric ? "numeric" : "categorical";
            infos.add(new ColumnInfo(c.name(), type, c.role().name().toLowerCase(Locale.ROOT), distinct, miss,
                    n == 0 ? 0 : (double) miss / n, example.length() > 40 ? example.substring(0, 39) + "~" : example));
            if (distinct == n && n > 1 && c.role() != Column.Role.TIME && c.role() != Column.Role.FEATURE) {
                ignored.add(c.name());
            } else {
                forDuplicates.add(c);
            }
            if (c.role() == Column.Role.TIME && c instanceof Column.Numeric t) {
                for (double v : t.values()) {
                    if (!Double.isNaN(v)) {
                        tMin = Double.isNaN(tMin) ? v : Math.min(tMin, v);
                        tMax = Double.isNaN(tMax) ? v : Math.max(tMax, v);
                    }
                }
            }
        }
        Set<String> seen = new HashSet<>();
        int dups = 0;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.setLength(0);
            for (Column c : forDuplicates) {
                sb.append(c.text(i)).append('\u0001');
            }
            if (!seen.add(sb.toString())) {
                dups++;
            }
        }
        Map<String, Integer> hosts = new LinkedHashMap<>();
        for (String h : new String[] {"src", "dst", "host_id", "src_ip", "dst_ip"}) {
            table.column(h).ifPresent(c -> hosts.putIfAbsent(c.name(), distinct(c)));
        }
        String start = time(tMin);
        String end = time(tMax);
        double span = Double.isNaN(tMin) ? Double.NaN : tMax - tMin;
        String sentence = String.format(Locale.ROOT,
                "What the data is: %,d rows%s and %,d columns%s%s; %s.",
                n, sampled ? String.format(Locale.ROOT, " (a seeded sample of %,d)", rowsRead) : "",
                table.columns().size(),
                Double.isNaN(span) ? "" : ", spanning " + Fmt.num(span / 3600.0) + " hours",
                hosts.isEmpty() ? "" : ", " + hostsText(hosts),
                dups == 0 ? "no row is an exact duplicate of another"
                        : String.format(Locale.ROOT, "%,d rows (%s) repeat an earlier row exactly", dups,
                                Fmt.pct((double) dups / n)));
        return new Overview(sentence, n, rowsRead, sampled, table.columns().size(), infos, start, end, span, hosts,
                dups, ignored);
    }

    private static String hostsText(Map<String, Integer> hosts) {
        List<String> parts = new ArrayList<>();
        hosts.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%,d distinct %s", v, k)));
        return String.join(", ", parts);
    }

    private static String time(double t) {
        if (Double.isNaN(t)) {
            return "";
        }
        if (t > 1e8) {
            return Instant.ofEpochMilli(Math.round(t * 1000)).toString();
        }
        return Fmt.num(t) + " s (relative)";
    }

    static int distinct(Column c) {
        if (c instanceof Column.Numeric n) {
            double[] v = n.values().clone();
            Arrays.sort(v);
            int d = 0;
            for (int i = 0; i < v.length; i++) {
                if (!Double.isNaN(v[i]) && (i == 0 || v[i] != v[i - 1])) {
                    d++;
                }
            }
            return d;
        }
        Set<String> s = new HashSet<>();
        for (String v : ((Column.Categorical) c).values()) {
            if (v != null) {
                s.add(v);
            }
        }
        return s.size();
    }

    // ---------------------------------------------------------------- 2. missing values

    private MissingValues missing() {
        int n = table.rows();
        List<Column> withMissing = new ArrayList<>();
        for (Column c : table.columns()) {
            int m = c.missingCount();
            // Other label columns (e.g. a detailed label unset for benign rows) are the label itself, not data.
            if (m > 0 && !c.name().equals(labelName) && c.role() != Column.Role.LABEL) {
                withMissing.add(c);
            }
        }
        int[] k = classCounts();
        double[] ps = new double[withMissing.size()];
        List<Object[]> partial = new ArrayList<>();
        for (int idx = 0; idx < withMissing.size(); idx++) {
            Column c = withMissing.get(idx);
            int[] missBy = new int[3];
            for (int i = 0; i < n; i++) {
                if (c.isMissing(i)) {
                    missBy[cls[i]]++;
                }
            }
            long[][] t = {
                {missBy[POS], k[POS] - missBy[POS]},
                {missBy[NEG], k[NEG] - missBy[NEG]}};
            Tests.Result chi = Tests.chiSquare(t);
            ps[idx] = chi.p();
            partial.add(new Object[] {c, missBy, chi, EffectSizes.cramersV(t)});
        }
        double[] adj = MultipleTesting.holm(ps);
        List<MissingColumn> out = new ArrayList<>();
        int dependent = 0;
        for (int idx = 0; idx < withMissing.size(); idx++) {
            Object[] p = partial.get(idx);
            Column c = (Column) p[0];
            int[] missBy = (int[]) p[1];
            Tests.Result chi = (Tests.Result) p[2];
            double v = (double) p[3];
            Map<String, Integer> byClass = new LinkedHashMap<>();
            Map<String, Double> rateBy = new LinkedHashMap<>();
            for (int g = 0; g < 3; g++) {
                if (k[g] > 0) {
                    byClass.put(classNames[g], missBy[g]);
                    rateBy.put(classNames[g], (double) missBy[g] / k[g]);
                }
            }
            int m = c.missingCount();
            boolean dep = adj[idx] < 0.05;
            if (dep) {
                dependent++;
            }
            String reading = String.format(Locale.ROOT,
                    "%s is missing in %,d rows (%s): %s of %s rows and %s of %s rows. %s",
                    c.name(), m, Fmt.pct((double) m / n),
                    Fmt.pct(rateBy.getOrDefault(classNames[POS], Double.NaN)), classNames[POS],
                    Fmt.pct(rateBy.getOrDefault(classNames[NEG], Double.NaN)), classNames[NEG],
                    Double.isNaN(chi.p()) ? "The chi-square test could not be run (one class is empty)."
                            : dep ? String.format(Locale.ROOT,
                                    "Missingness depends on the label (chi-square %s, Holm-adjusted p = %s, Cramer's V = %s, %s).",
                                    Fmt.num(chi.statistic()), Fmt.p(adj[idx]), Fmt.num(v), EffectSizes.cramersMagnitude(v))
                            : String.format(Locale.ROOT,
                                    "No evidence that missingness depends on the label (chi-square %s, Holm-adjusted p = %s, Cramer's V = %s): it looks missing at random with respect to the label.",
                                    Fmt.num(chi.statistic()), Fmt.p(adj[idx]), Fmt.num(v)));
            out.add(new MissingColumn(c.name(), m, (double) m / n, byClass, rateBy, chi.statistic(), chi.p(), adj[idx],
                    v, reading, related(c)));
        }
        String sentence = withMissing.size() == 1
                ? String.format(Locale.ROOT,
                        "Which cells are empty and whether that depends on the label: only %s has missing values (%,d rows), and its missingness %s.",
                        withMissing.get(0).name(), withMissing.get(0).missingCount(),
                        dependent == 1 ? "depends on the label (Holm-adjusted chi-square p < 0.05), so the gap itself carries signal"
                                : "does not depend on the label (chi-square test), so the gaps can be treated as missing at random")
                : withMissing.isEmpty()
                ? "Which cells are empty and whether that depends on the label: no column has missing values, so nothing is imputed."
                : String.format(Locale.ROOT,
                        "Which cells are empty and whether that depends on the label: %d column%s %s missing values, and for %d of them missingness depends on the label (Holm-adjusted chi-square p < 0.05), so missingness itself can carry signal.",
                        withMissing.size(), withMissing.size() == 1 ? "" : "s", withMissing.size() == 1 ? "has" : "have",
                        dependent);
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
    private List<Association> related(Column c) {
        int n = table.rows();
        boolean[] miss = new boolean[n];
        for (int i = 0; i < n; i++) {
            miss[i] = c.isMissing(i);
        }
        List<Association> out = new ArrayList<>();
        for (Column o : table.columns()) {
            if (o == c || !isFeature(o)) {
                continue;
            }
            if (o instanceof Column.Numeric num) {
                double[][] split = splitBy(num.values(), miss);
                double d = EffectSizes.cliffsDelta(split[0], split[1]);
                Tests.Result mw = Tests.mannWhitney(split[0], split[1]);
                if (!Double.isNaN(d)) {
                    out.add(new Association(o.name(), "Mann-Whitney U", "Cliff's delta", d, mw.p(),
                            String.format(Locale.ROOT, "median %s where %s is missing vs %s where present",
                                    Fmt.num(RobustStats.quantile(split[0], 0.5)), c.name(),
                                    Fmt.num(RobustStats.quantile(split[1], 0.5)))));
                }
            } else {
                Column.Categorical cat = (Column.Categorical) o;
                long[][] t = contingency(cat.values(), miss);
                double v = EffectSizes.cramersV(t);
                Tests.Result chi = Tests.chiSquare(t);
                if (!Double.isNaN(v)) {
                    out.add(new Association(o.name(), "chi-square", "Cramer's V", v, chi.p(), ""));
                }
            }
        }
        out.sort(Comparator.comparingDouble((Association a) -> -Math.abs(a.effect())).thenComparing(Association::column));
        return out.size() > 3 ? List.copyOf(out.subList(0, 3)) : out;
    }

    private static double[][] splitBy(double[] v, boolean[] flag) {
        int a = 0;
        for (boolean f : flag) {
            a += f ? 1 : 0;
        }
        double[] x = new double[a];
        double[] y = new double[v.length - a];
        int i1 = 0;
        int i2 = 0;
        for (int i = 0; i < v.length; i++) {
            if (flag[i]) {
                x[i1++] = v[i];
            } else {
                y[i2++] = v[i];
            }
        }
        return new double[][] {x, y};
    }

    /** Top categories (plus "other", "missing") x {flag, not flag}. */
    private static long[][] contingency(String[] v, boolean[] flag) {
        Map<String, long[]> counts = new HashMap<>();
        for (int i = 0; i < v.length; i++) {
            String key = v[i] == null ? "\u0000missing" : v[i];
            counts.computeIfAbsent(key, x -> new long[2])[flag[i] ? 0 : 1]++;
        }
        List<Map.Entry<String, long[]>> es = new ArrayList<>(counts.entrySet());
        es.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -(e.getValue()[0] + e.getValue()[1]))
                .thenComparing(Map.Entry::getKey));
        int rows = Math.min(es.size(), CHI_CATEGORIES + 1);
        long[][] t = new long[rows][2];
        for (int i = 0; i < es.size(); i++) {
            int r = Math.min(i, CHI_CATEGORIES);
            t[r][0] += es.get(i).getValue()[0];
            t[r][1] += es.get(i).getValue()[1];
        }
        return t;
    }

    // ---------------------------------------------------------------- 3. labels

    private LabelDistribution labels() {
        Map<String, Long> values = new HashMap<>();
        Map<String, Long> classes = new TreeMap<>();
        for (String v : labelText) {
            String key = v == null ? "(missing)" : v;
            values.merge(key, 1L, Long::sum);
            String c = LabelClasses.ctuClass(v);
            classes.merge(c == null ? "(missing)" : c, 1L, Long::sum);
        }
        List<Map.Entry<String, Long>> es = new ArrayList<>(values.entrySet());
        es.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Long> top = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(30, es.size()); i++) {
            top.put(es.get(i).getKey(), es.get(i).getValue());
        }
        int[] k = classCounts();
        long labelled = k[POS] + k[NEG];
        double rate = labelled == 0 ? Double.NaN : (double) k[POS] / labelled;
        double ratio = Math.min(k[POS], k[NEG]) == 0 ? Double.NaN
                : (double) Math.max(k[POS], k[NEG]) / Math.min(k[POS], k[NEG]);
        double baseline = labelled == 0 ? Double.NaN : (double) Math.max(k[POS], k[NEG]) / labelled;
        String reading = String.format(Locale.ROOT,
                "A model that always answers '%s' is right %s of the time without finding anything, so accuracy "
                        + "says little here. Judge models by precision (how many alerts are real), recall (how many "
                        + "%s rows are found) and the area under the precision-recall curve, whose chance level is "
                        + "the positive rate, %s, not 0.5. Keep the class ratio in every split (stratify), and expect "
                        + "the real-world positive rate to be far lower than in a labelled sample.",
                k[POS] >= k[NEG] ? classNames[POS] : classNames[NEG], Fmt.pct(baseline), classNames[POS], Fmt.pct(rate));
        String unlabelled = k[UNL] > 0
                ? String.format(Locale.ROOT, ", plus %,d unlabelled rows left out of the tests", k[UNL]) : "";
        String sentence;
        if (k[POS] == 0 || k[NEG] == 0) {
            // One class only: there is no imbalance to judge and no test of a feature against the label.
            String only = k[POS] == 0 ? "not " + classNames[POS] : classNames[POS];
            sentence = String.format(Locale.ROOT,
                    "How the label is distributed: every labelled row (%,d) is %s%s; with one class there is nothing "
                            + "to compare, so no imbalance conclusion is drawn and no feature can be tested against "
                            + "the label. Add rows of the other class (or choose another --positive) to model it.",
                    labelled, only, unlabelled);
            reading = "With a single class, accuracy, precision and recall are undefined; this sample cannot train "
                    + "or evaluate a classifier.";
        } else {
            sentence = String.format(Locale.ROOT,
                    "How the label is distributed: %,d %s and %,d other rows (%s positive, imbalance %s:1)%s; "
                            + "conclude that accuracy alone would mislead and precision/recall and PR-AUC must be used.",
                    k[POS], classNames[POS], k[NEG], Fmt.pct(rate), Fmt.num(ratio), unlabelled);
        }
        List<String> names = new ArrayList<>(classes.keySet());
        List<Long> counts = new ArrayList<>(classes.values());
        charts.put("labels", Charts.bars("Rows per label class", "class", names, counts, false));
        return new LabelDistribution(sentence, labelName, classNames[POS], classNames[NEG], top, classes, k[POS],
                k[NEG], k[UNL], rate, ratio, baseline, reading);
    }

    // ---------------------------------------------------------------- 4. outliers

    private Outliers outliers() {
        List<Column.Numeric> nums = numericFeatures();
        List<NumericOutliers> per = new ArrayList<>();
        Map<String, RobustStats.Summary> summaries = new HashMap<>();
        for (Column.Numeric c : nums) {
            RobustStats.Summary s = RobustStats.summarize(c.values());
            if (s == null) {
                continue;
            }
            summaries.put(c.name(), s);
            int[] tk = new int[3];
            int[] rb = new int[3];
            for (int i = 0; i < c.size(); i++) {
                double v = c.values()[i];
                if (s.tukeyOutlier(v)) {
                    tk[cls[i]]++;
                }
                if (s.robustOutlier(v)) {
                    rb[cls[i]]++;
                }
            }
            per.add(new NumericOutliers(c.name(), s.n(), s.median(), s.q1(), s.q3(), s.lowerFence(), s.upperFence(),
                    s.mad(), tk[0] + tk[1] + tk[2], byClass(tk), rb[0] + rb[1] + rb[2], byClass(rb), skewness(c.values()),
                    heavyTailed(c)));
        }
        // Isolation Forest over every numeric feature that varies.
        List<Column.Numeric> used = new ArrayList<>();
        for (Column.Numeric c : nums) {
            RobustStats.Summary s = summaries.get(c.name());
            if (s != null && distinct(c) > 1) {
                used.add(c);
            }
        }
        int n = table.rows();
        if (used.isEmpty() || n < 2) {
            return new Outliers("Which records stand out: there is no varying numeric feature, so no outlier analysis was run.",
                    per, null, List.of(), null);
        }
        double[][] rows = new double[n][used.size()];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < used.size(); f++) {
                rows[i][f] = used.get(f).values()[i];
            }
        }
        IsolationForest.Params params = IsolationForest.Params.defaults(options.seed());
        IsolationForest forest = IsolationForest.fit(rows, params);
        double[] score = forest.scores(rows);
        int[] order = new int[n];
        double[] negated = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            negated[i] = -score[i];
        }
        RankCorrelation.sortByValue(order, negated); // highest score first; stable, so ties keep row order
        int flaggedN = Math.max(1, (int) Math.ceil(0.01 * n));
        double threshold = score[order[flaggedN - 1]];
        boolean[] flagged = new boolean[n];
        int[] fk = new int[3];
        for (int r = 0; r < flaggedN; r++) {
            flagged[order[r]] = true;
            fk[cls[order[r]]]++;
        }
        int[] k = classCounts();
        Map<String, Double> rateBy = new LinkedHashMap<>();
        for (int g = 0; g < 3; g++) {
            if (k[g] > 0) {
                rateBy.put(classNames[g], (double) fk[g] / k[g]);
            }
        }
        List<String> usedNames = new ArrayList<>();
        for (Column.Numeric c : used) {
            usedNames.add(c.name());
        }
        double[][] byCls = splitByClass(score);
        String chartUri = Charts.histogram("Isolation Forest score", new String[] {classNames[POS], classNames[NEG]},
                byCls, false);
        Forest fr = new Forest(usedNames, params.trees(), forest.sampleSize(), options.seed(), threshold, flaggedN,
                byClass(fk), rateBy, chart(chartUri));
        // The most extreme records.
        Column host = hostColumn();
        List<Column.Categorical> cats = categoricalFeatures();
        List<OutlierRecord> top = new ArrayList<>();
        for (int r = 0; r < Math.min(options.topOutliers(), n); r++) {
            int i = order[r];
            Map<String, String> vals = new LinkedHashMap<>();
            List<String> why = new ArrayList<>();
            for (Column.Numeric c : used) {
                double v = c.values()[i];
                vals.put(c.name(), Double.isNaN(v) ? "(missing)" : Fmt.num(v));
                RobustStats.Summary s = summaries.get(c.name());
                if (Double.isNaN(v)) {
                    why.add(c.name() + " missing");
                } else if (s.robustOutlier(v)) {
                    double z = s.robustZ(v);
                    why.add(String.format(Locale.ROOT, "%s = %s (robust z %s)", c.name(), Fmt.num(v),
                            Double.isInfinite(z) ? (z > 0 ? "+inf" : "-inf") : String.format(Locale.ROOT, "%+.1f", z)));
                } else if (s.tukeyOutlier(v)) {
                    why.add(String.format(Locale.ROOT, "%s = %s (beyond Tukey fence)", c.name(), Fmt.num(v)));
                }
            }
            for (Column.Categorical c : cats) {
                vals.put(c.name(), c.text(i));
            }
            if (why.isEmpty()) {
                why.add("an unusual combination of values, none extreme on its own");
            }
            top.add(new OutlierRecord(i, score[i], labelText[i] == null ? "" : labelText[i], classNames[cls[i]],
                    host == null ? "" : host.text(i), vals, String.join("; ", why)));
        }
        Commonality common = commonality(flagged, flaggedN, fk, k, host, used, cats);
        String sentence = String.format(Locale.ROOT,
                "Which records stand out and what they share: the seeded Isolation Forest flags the top %,d rows "
                        + "(score >= %s); %s of them are %s against %s of all labelled rows, so %s.",
                flaggedN, Fmt.num(threshold), Fmt.pct(fk[POS] / (double) Math.max(1, fk[POS] + fk[NEG])), classNames[POS],
                Fmt.pct(k[POS] / (double) Math.max(1, k[POS] + k[NEG])),
                fk[POS] / (double) Math.max(1, fk[POS] + fk[NEG]) > 1.5 * k[POS] / (double) Math.max(1, k[POS] + k[NEG])
                        ? "outliers are enriched in " + classNames[POS] + " traffic and worth a look, but are not all malicious"
                        : "being an outlier is not by itself a sign of " + classNames[POS] + " traffic here");
        return new Outliers(sentence, per, fr, top, common);
    }

    private Commonality commonality(boolean[] flagged, int flaggedN, int[] fk, int[] k, Column host,
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
                    .limit(5).forEach(e -> hosts.add(new Count(e.getKey(), e.getValue())));
        }
        List<FeatureShift> shifts = new ArrayList<>();
        for (Column.Numeric c : used) {
            double[][] s = splitBy(c.values(), flagged);
            double d = EffectSizes.cliffsDelta(s[0], s[1]);
            shifts.add(new FeatureShift(c.name(), "median " + Fmt.num(RobustStats.quantile(s[0], 0.5)),
                    "median " + Fmt.num(RobustStats.quantile(c.values(), 0.5)), d));
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
            shifts.add(new FeatureShift(c.name(), best + " (" + Fmt.pct(so) + ")", best + " (" + Fmt.pct(sa) + ")", so - sa));
        }
        shifts.sort(Comparator.comparingDouble((FeatureShift f) -> Double.isNaN(f.effect()) ? 0 : -Math.abs(f.effect()))
                .thenComparing(FeatureShift::feature));
        List<FeatureShift> topShifts = shifts.size() > 6 ? List.copyOf(shifts.subList(0, 6)) : shifts;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < Math.min(3, topShifts.size()); i++) {
            FeatureShift f = topShifts.get(i);
            parts.add(f.feature() + " (outliers: " + f.outliers() + "; all rows: " + f.all() + ")");
        }
        String hostText = hosts.isEmpty() ? ""
                : String.format(Locale.ROOT, " The host with most outliers is %s (%d of %d).", hosts.get(0).value(),
                        hosts.get(0).count(), flaggedN);
        String reading = String.format(Locale.ROOT,
                "Of the %,d flagged rows, %,d are %s, %,d other and %,d unlabelled.%s They differ from the rest most in %s.",
                flaggedN, fk[POS], classNames[POS], fk[NEG], fk[UNL], hostText,
                parts.isEmpty() ? "nothing measurable" : String.join(", ", parts));
        return new Commonality(byClass(fk), hosts, topShifts, reading);
    }

    private Column hostColumn() {
        for (String h : new String[] {"host_id", "host", "src", "src_ip", "saddr"}) {
            var c = table.column(h);
            if (c.isPresent()) {
                return c.get();
            }
        }
        return null;
    }

    private Map<String, Integer> byClass(int[] counts) {
        Map<String, Integer> m = new LinkedHashMap<>();
        int[] k = classCounts();
        for (int g = 0; g < 3; g++) {
            if (k[g] > 0) {
                m.put(classNames[g], counts[g]);
            }
        }
        return m;
    }

    private static double skewness(double[] v) {
        double[] f = finite(v);
        if (f.length < 3) {
            return Double.NaN;
        }
        return Skewness.of(f).getAsDouble();
    }

    /** Non-negative, many distinct values, and a long right tail: plot on log10(1 + x). */
    static boolean heavyTailed(Column.Numeric c) {
        double[] f = finite(c.values());
        if (f.length < 3) {
            return false;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : f) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (min < 0 || max <= 0 || distinct(c) <= 10) {
            return false;
        }
        double q3 = RobustStats.quantile(f, 0.75);
        double sk = Skewness.of(f).getAsDouble();
        return sk > 2 || max > 50 * Math.max(q3, 1e-9);
    }

    private static double[] finite(double[] v) {
        double[] out = new double[v.length];
        int k = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                out[k++] = x;
            }
        }
        return Arrays.copyOf(out, k);
    }

    private double[][] splitByClass(double[] v) {
        int[] k = classCounts();
        double[][] out = {new double[k[POS]], new double[k[NEG]]};
        int[] at = new int[2];
        for (int i = 0; i < v.length; i++) {
            if (cls[i] != UNL) {
                out[cls[i]][at[cls[i]]++] = v[i];
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- 5. features

    private List<FeatureTest> features(boolean withCharts) {
        List<Column.Numeric> nums = numericFeatures();
        List<Column.Categorical> cats = categoricalFeatures();
        List<FeatureTest> raw = new ArrayList<>();
        Map<String, Object> chartInputs = new HashMap<>();
        for (Column.Numeric c : nums) {
            double[][] s = splitByClass(c.values());
            ClassSummary ps = summary(classNames[POS], s[0]);
            ClassSummary ns = summary(classNames[NEG], s[1]);
            Tests.Result mw = Tests.mannWhitney(s[0], s[1]);
            Tests.Result ks = Tests.kolmogorovSmirnov(s[0], s[1], options.seed());
            double d = EffectSizes.cliffsDelta(s[0], s[1]);
            boolean log = heavyTailed(c);
            raw.add(new FeatureTest(c.name(), "numeric", ps.n(), ns.n(), ps, ns, mw.statistic(), mw.p(), d, ks.statistic(),
                    ks.p(), Double.NaN, Double.NaN, Double.NaN, List.of(), mw.p(), Double.NaN, "Cliff's delta",
                    Math.abs(d), EffectSizes.cliffsMagnitude(d), log, null, null));
            chartInputs.put(c.name(), s);
        }
        for (Column.Categorical c : cats) {
            boolean[] pos = new boolean[c.size()];
            boolean[] lab = new boolean[c.size()];
            for (int i = 0; i < pos.length; i++) {
                pos[i] = cls[i] == POS;
                lab[i] = cls[i] != UNL;
            }
            String[] vals = new String[countTrue(lab)];
            boolean[] flag = new boolean[vals.length];
            int j = 0;
            for (int i = 0; i < pos.length; i++) {
                if (lab[i]) {
                    vals[j] = c.values()[i];
                    flag[j++] = pos[i];
                }
            }
            long[][] t = contingency(vals, flag);
            Tests.Result chi = Tests.chiSquare(t);
            double v = EffectSizes.cramersV(t);
            List<CategoryRow> top = topCategories(vals, flag);
            int[] k = classCounts();
            raw.add(new FeatureTest(c.name(), "categorical", k[POS], k[NEG], null, null, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, chi.statistic(), chi.p(), v, top, chi.p(), Double.NaN,
                    "Cramer's V", v, EffectSizes.cramersMagnitude(v), false, null, null));
        }
        double[] p = new double[raw.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = raw.get(i).p();
        }
        double[] adj = MultipleTesting.holm(p);
        List<FeatureTest> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            FeatureTest f = raw.get(i);
            out.add(new FeatureTest(f.feature(), f.kind(), f.nPositive(), f.nNegative(), f.positive(), f.negative(),
                    f.mannWhitneyU(), f.mannWhitneyP(), f.cliffsDelta(), f.ksD(), f.ksP(), f.chiSquare(), f.chiSquareP(),
                    f.cramersV(), f.topCategories(), f.p(), adj[i], f.effectName(), f.effect(), f.magnitude(),
                    f.logScale(), null, null));
        }
        out.sort(byEffect());
        if (!withCharts) {
            return out;
        }
        int numCharted = 0;
        int catCharted = 0;
        String[] names2 = {classNames[POS], classNames[NEG]};
        for (int i = 0; i < out.size(); i++) {
            FeatureTest f = out.get(i);
            String dist = null;
            String box = null;
            if (f.kind().equals("numeric") && numCharted < MAX_CHARTED_NUMERIC) {
                double[][] s = (double[][]) chartInputs.get(f.feature());
                dist = chart(Charts.histogram(f.feature(), names2, s, f.logScale()));
                box = chart(Charts.boxPlot(f.feature(), names2, s, f.logScale()));
                numCharted++;
            } else if (f.kind().equals("categorical") && catCharted < MAX_CHARTED_CATEGORICAL && !f.topCategories().isEmpty()) {
                List<String> names = new ArrayList<>();
                double[][] shares = new double[2][f.topCategories().size()];
                for (int c = 0; c < f.topCategories().size(); c++) {
                    CategoryRow r = f.topCategories().get(c);
                    names.add(r.value());
                    shares[0][c] = r.positiveShare();
                    shares[1][c] = r.negativeShare();
                }
                dist = chart(Charts.categoryBars(f.feature(), names, names2, shares));
                catCharted++;
            }
            out.set(i, new FeatureTest(f.feature(), f.kind(), f.nPositive(), f.nNegative(), f.positive(), f.negative(),
                    f.mannWhitneyU(), f.mannWhitneyP(), f.cliffsDelta(), f.ksD(), f.ksP(), f.chiSquare(),
                    f.chiSquareP(), f.cramersV(), f.topCategories(), f.p(), f.pAdjusted(), f.effectName(), f.effect(),
                    f.magnitude(), f.logScale(), dist, box));
        }
        return out;
    }

    private static Comparator<FeatureTest> byEffect() {
        return Comparator.comparingDouble((FeatureTest f) -> Double.isNaN(f.effect()) ? 1 : -f.effect())
                .thenComparing(FeatureTest::feature);
    }

    private static int countTrue(boolean[] b) {
        int n = 0;
        for (boolean x : b) {
            n += x ? 1 : 0;
        }
        return n;
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
        Set<String> chosen = new java.util.LinkedHashSet<>();
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
        double[] f = finite(v);
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

    // ---------------------------------------------------------------- 6. interactions

    private Interactions interactions() {
        List<Column.Numeric> nums = new ArrayList<>();
        for (Column.Numeric c : numericFeatures()) {
            if (distinct(c) > 1) {
                nums.add(c);
            }
        }
        int d = nums.size();
        List<String> names = new ArrayList<>();
        for (Column.Numeric c : nums) {
            names.add(c.name());
        }
        List<double[]> values = new ArrayList<>();
        for (Column.Numeric c : nums) {
            values.add(c.values());
        }
        double[][] rho = RankCorrelation.spearmanMatrix(values);
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double r = rho[i][j];
                int n = 0;
                for (int t = 0; t < table.rows(); t++) {
                    if (!nums.get(i).isMissing(t) && !nums.get(j).isMissing(t)) {
                        n++;
                    }
                }
                if (!Double.isNaN(r)) {
                    pairs.add(new Pair(names.get(i), names.get(j), r, n, null));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble((Pair p) -> -Math.abs(p.rho())).thenComparing(Pair::a).thenComparing(Pair::b));
        List<Pair> strongest = new ArrayList<>();
        String[] names2 = {classNames[POS], classNames[NEG]};
        for (int i = 0; i < Math.min(3, pairs.size()); i++) {
            Pair p = pairs.get(i);
            Column.Numeric a = nums.get(names.indexOf(p.a()));
            Column.Numeric b = nums.get(names.indexOf(p.b()));
            String uri = Charts.scatter(p.a(), p.b(), names2, splitByClass(a.values()), splitByClass(b.values()),
                    heavyTailed(a), heavyTailed(b), options.seed());
            strongest.add(new Pair(p.a(), p.b(), p.rho(), p.n(), chart(uri)));
        }
        String heat = d >= 2 ? chart(Charts.heatMap("Spearman rank correlation", names, rho)) : null;
        String sentence = strongest.isEmpty()
                ? "How numeric features move together: fewer than two varying numeric features, so there is nothing to correlate."
                : String.format(Locale.ROOT,
                        "How numeric features move together: the strongest pair is %s and %s (Spearman rho = %s), so %s.",
                        strongest.get(0).a(), strongest.get(0).b(), Fmt.num(strongest.get(0).rho()),
                        Math.abs(strongest.get(0).rho()) >= 0.8
                                ? "they carry largely the same information and one of them may be dropped or combined"
                                : "no two features are redundant; each adds its own information");
        return new Interactions(sentence, names, rho, strongest, heat);
    }

    // ---------------------------------------------------------------- 7. channels

    private static ChannelView channelView(DataTable channels, ExploreOptions o, String note, Explorer parent) {
        String what = "How the detection engine's per-channel features (timing, periodicity, size, persistence, "
                + "prevalence) separate labelled channels: ";
        if (channels == null || channels.rows() == 0) {
            String why = note != null ? note
                    : "the input has no flows with source, destination and time, so there are no channels to explore.";
            return new ChannelView(what + "not available for this input.", false, why, 0, 0, 0, List.of(), List.of());
        }
        String labelCol = channels.column(o.labelColumn()).isPresent() ? o.labelColumn() : "label";
        if (channels.column(labelCol).isEmpty()) {
            return new ChannelView(what + "not available: the channel table has no label column.", false, note, 0, 0, 0,
                    List.of(), List.of());
        }
        String positive = o.positive();
        if (positive != null && channels.column(labelCol).isPresent()) {
            Column lc = channels.column(labelCol).get();
            boolean found = false;
            for (int i = 0; i < lc.size() && !found; i++) {
                found = !lc.isMissing(i) && lc.text(i).trim().equalsIgnoreCase(positive.trim());
            }
            if (!found) {
                positive = null;
            }
        }
        Explorer e = new Explorer(channels, o, labelCol, positive);
        List<FeatureTest> feats = e.features(true);
        parent.charts.putAll(prefix(e.charts, "ch"));
        List<FeatureTest> renamed = new ArrayList<>();
        for (FeatureTest f : feats) {
            renamed.add(new FeatureTest(f.feature(), f.kind(), f.nPositive(), f.nNegative(), f.positive(), f.negative(),
                    f.mannWhitneyU(), f.mannWhitneyP(), f.cliffsDelta(), f.ksD(), f.ksP(), f.chiSquare(), f.chiSquareP(),
                    f.cramersV(), f.topCategories(), f.p(), f.pAdjusted(), f.effectName(), f.effect(), f.magnitude(),
                    f.logScale(), f.distributionChart() == null ? null : "ch" + f.distributionChart(),
                    f.boxChart() == null ? null : "ch" + f.boxChart()));
        }
        List<Signal> sig = signals(renamed, e.classNames[POS], "channel");
        int[] k = e.classCounts();
        String conclusion;
        if (k[POS] == 0 || k[NEG] == 0) {
            conclusion = "only one class of channel is present, so separation cannot be judged.";
        } else if (!sig.isEmpty() && sig.get(0).effect() >= 0.474) {
            Signal top = sig.get(0);
            int perfect = 0;
            for (Signal s : sig) {
                perfect += s.effect() >= 1.0 ? 1 : 0;
            }
            FeatureTest tf = renamed.stream().filter(f -> f.feature().equals(top.feature())).findFirst().orElseThrow();
            conclusion = String.format(Locale.ROOT, "%s separates %s channels from the rest with a large effect (%s = %s)",
                    top.feature(), e.classNames[POS], top.effectName(), Fmt.num(top.effect()));
            if (perfect > 0 && tf.kind().equals("numeric")) {
                conclusion += String.format(Locale.ROOT,
                        ": every %s channel has a %s %s than every other channel, and %d feature%s separate%s the classes completely",
                        e.classNames[POS], tf.cliffsDelta() > 0 ? "higher" : "lower", top.feature(), perfect,
                        perfect == 1 ? "" : "s", perfect == 1 ? "s" : "");
            }
            conclusion += k[POS] < 5
                    ? String.format(Locale.ROOT, ". With only %d %s channel%s no test can reach significance; read the effect sizes.",
                            k[POS], e.classNames[POS], k[POS] == 1 ? "" : "s")
                    : ".";
        } else {
            conclusion = "no channel feature separates the classes with a large effect.";
        }
        return new ChannelView(what + String.format(Locale.ROOT, "%,d channels (%,d %s, %,d other); ", channels.rows(),
                k[POS], e.classNames[POS], k[NEG]) + conclusion, true, note, channels.rows(), k[POS], k[NEG], renamed, sig);
    }

    private static Map<String, String> prefix(Map<String, String> m, String p) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(p + k, v));
        return out;
    }

    // ---------------------------------------------------------------- 8. signals

    static List<Signal> signals(List<FeatureTest> features, String positiveName, String unit) {
        List<FeatureTest> sorted = new ArrayList<>(features);
        sorted.sort(byEffect());
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
        String sig = f.pAdjusted() < 0.05 ? "" : " (not significant after Holm correction)";
        if (f.kind().equals("numeric")) {
            double d = f.cliffsDelta();
            String dir = d > 0 ? "Higher" : d < 0 ? "Lower" : "No different";
            double prob = (d + 1) / 2;
            return String.format(Locale.ROOT,
                    "%s in %s %ss (median %s vs %s): a %s effect; a random %s %s has the larger value %s of the time%s.",
                    dir, pos, unit, Fmt.num(f.positive().median()), Fmt.num(f.negative().median()),
                    f.magnitude(), pos, unit, Fmt.pct(prob), sig);
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
        return String.format(Locale.ROOT,
                "A %s association; '%s' makes up %s of %s %ss but %s of other %ss (%s of its %ss are %s)%s.",
                f.magnitude(), best.value(), Fmt.pct(best.positiveShare()), pos, unit, Fmt.pct(best.negativeShare()),
                unit, Fmt.pct(best.positiveRate()), unit, pos, sig);
    }
}
