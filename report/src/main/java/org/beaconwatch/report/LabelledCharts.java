package org.beaconwatch.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.beaconwatch.report.ExploreResult.CategoryRow;
import org.beaconwatch.report.ExploreResult.FeatureTest;
import org.beaconwatch.report.ExploreResult.Pair;
import org.beaconwatch.report.chart.Charts;

/**
 * Draws the labelled exploration's charts from its records (presenting only: every figure is
 * already in the {@link ExploreResult}). Keys the template reads: {@code labels}, {@code forest},
 * {@code heat}, {@code dist:F} and {@code box:F} per charted feature F, {@code ch:F} per charted
 * channel feature, {@code pair:I} per strongest pair.
 */
final class LabelledCharts {
    /** Numeric features drawn (strongest effect first). */
    static final int MAX_CHARTED_NUMERIC = 14;
    /** Categorical features drawn. */
    static final int MAX_CHARTED_CATEGORICAL = 8;
    /** Channel features drawn. */
    static final int MAX_CHARTED_CHANNEL = 5;

    private LabelledCharts() {
    }

    static Map<String, String> draw(ExploreResult r) {
        Map<String, String> charts = new LinkedHashMap<>();
        String[] classes = {r.labels().positiveClass(), r.labels().negativeClass()};
        charts.put("labels", Charts.bars("Rows per label class", "class", new ArrayList<>(r.labels().classes().keySet()),
                new ArrayList<>(r.labels().classes().values()), false));
        double[][] scores = r.samples().forest().get(ExploreResult.Samples.FOREST);
        if (r.outliers().forest() != null && scores != null) {
            charts.put("forest", Charts.histogram("Isolation Forest score", classes, scores, false));
        }
        features(r.features(), r.samples().rows(), classes, "", charts, Integer.MAX_VALUE);
        if (r.channels().available()) {
            String[] chClasses = {r.channels().signals().isEmpty() ? classes[0] : channelPositive(r), "other"};
            features(r.channels().features(), r.samples().channels(), chClasses, "ch:", charts, MAX_CHARTED_CHANNEL);
        }
        List<String> names = r.interactions().features();
        if (names.size() >= 2) {
            charts.put("heat", Charts.heatMap("Spearman rank correlation", names,
                    r.interactions().spearman().toArray(new double[0][])));
        }
        Map<String, Boolean> log = new HashMap<>();
        for (FeatureTest f : r.features()) {
            log.put(f.feature(), f.logScale());
        }
        int i = 0;
        for (Pair p : r.interactions().strongest()) {
            double[][] a = r.samples().rows().get(p.a());
            double[][] b = r.samples().rows().get(p.b());
            if (a != null && b != null) {
                charts.put("pair:" + i, Charts.scatter(p.a(), p.b(), classes, a, b, log.getOrDefault(p.a(), false),
                        log.getOrDefault(p.b(), false), r.sample().options().seed()));
            }
            i++;
        }
        return charts;
    }

    private static String channelPositive(ExploreResult r) {
        FeatureTest f = r.channels().features().get(0);
        return f.positive() != null ? f.positive().cls() : r.labels().positiveClass();
    }

    private static void features(List<FeatureTest> tests, Map<String, double[][]> values, String[] classes,
                                 String prefix, Map<String, String> charts, int max) {
        int numeric = 0;
        int categorical = 0;
        int drawn = 0;
        for (FeatureTest f : tests) {
            if (drawn >= max) {
                return;
            }
            String key = prefix.isEmpty() ? "dist:" + f.feature() : prefix + f.feature();
            if (f.kind().equals("numeric") && numeric < MAX_CHARTED_NUMERIC && values.containsKey(f.feature())) {
                double[][] s = values.get(f.feature());
                charts.put(key, Charts.histogram(f.feature(), classes, s, f.logScale()));
                if (prefix.isEmpty()) {
                    charts.put("box:" + f.feature(), Charts.boxPlot(f.feature(), classes, s, f.logScale()));
                }
                numeric++;
                drawn++;
            } else if (f.kind().equals("categorical") && categorical < MAX_CHARTED_CATEGORICAL
                    && !f.topCategories().isEmpty()) {
                List<String> names = new ArrayList<>();
                double[][] shares = new double[2][f.topCategories().size()];
                for (int c = 0; c < f.topCategories().size(); c++) {
                    CategoryRow row = f.topCategories().get(c);
                    names.add(row.value());
                    shares[0][c] = row.positiveShare();
                    shares[1][c] = row.negativeShare();
                }
                charts.put(key, Charts.categoryBars(f.feature(), names, classes, shares));
                categorical++;
                drawn++;
            }
        }
    }
}
