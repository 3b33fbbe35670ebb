package org.beaconwatch.report.chart;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Small XChart charts rendered to PNG data URIs ({@code data:image/png;base64,...}).
 * Every method takes values already split by class (positive first) and, for heavy-tailed
 * features, a flag to plot log10(1 + x) instead of x. Rendering is deterministic.
 */
public final class Charts {
    /** Chart width in pixels. */
    public static final int WIDTH = 460;
    /** Chart height in pixels. */
    public static final int HEIGHT = 260;
    private static final Color POS = new Color(0xC0392B);
    private static final Color NEG = new Color(0x2E86C1);
    private static final Color[] SERIES = {POS, NEG, new Color(0x7F8C8D), new Color(0x27AE60)};
    private static final int MAX_POINTS = 2500;

    private Charts() {
    }

    /** log10(1 + x) for x &gt;= 0, the transform used for heavy-tailed non-negative features. */
    public static double log1p10(double x) {
        return Double.isNaN(x) ? Double.NaN : Math.log10(1 + Math.max(0, x));
    }

    /** Axis title for a feature, saying when it is log-transformed. */
    public static String axis(String feature, boolean log) {
        return log ? "log10(1 + " + feature + ")" : feature;
    }

    /** Overlaid density histograms (share of each class per bin), one line per class. */
    public static String histogram(String feature, String[] classes, double[][] values, boolean log) {
        double[][] v = transform(values, log);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] a : v) {
            for (double x : a) {
                if (!Double.isNaN(x)) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
        }
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Distribution by class")
                .xAxisTitle(axis(feature, log)).yAxisTitle("share of class").build();
        style(c);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        c.getStyler().setXAxisTickMarkSpacingHint(70);
        c.getStyler().setXAxisDecimalPattern("#,##0.##");
        if (lo > hi) {
            return render(c);
        }
        int bins = 40;
        if (hi == lo) {
            hi = lo + 1;
        }
        double w = (hi - lo) / bins;
        for (int s = 0; s < v.length; s++) {
            double[] count = new double[bins];
            int n = 0;
            for (double x : v[s]) {
                if (!Double.isNaN(x)) {
                    int b = (int) Math.min(bins - 1, Math.floor((x - lo) / w));
                    count[b]++;
                    n++;
                }
            }
            if (n == 0) {
                continue;
            }
            double[] xs = new double[bins];
            for (int b = 0; b < bins; b++) {
                xs[b] = lo + b * w;
                count[b] /= n;
            }
            XYSeries series = c.addSeries(classes[s] + " (n=" + n + ")", xs, count);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(SERIES[s % SERIES.length]);
        }
        return render(c);
    }

    /** Box plots per class. */
    public static String boxPlot(String feature, String[] classes, double[][] values, boolean log) {
        double[][] v = transform(values, log);
        BoxChart c = new BoxChartBuilder().width(WIDTH).height(HEIGHT).title("Box plot by class")
                .yAxisTitle(axis(feature, log)).build();
        c.getStyler().setLegendVisible(false);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setSeriesColors(SERIES);
        c.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int added = 0;
        for (int s = 0; s < v.length; s++) {
            double[] f = finite(v[s]);
            if (f.length > 0) {
                c.addSeries(classes[s], f);
                added++;
            }
        }
        if (added == 0) {
            c.addSeries("none", new double[] {0});
        }
        return render(c);
    }

    /** Grouped bars: for each category, its share within each class. */
    public static String categoryBars(String feature, List<String> categories, String[] classes, double[][] shares) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title("Top categories by class")
                .xAxisTitle(feature).yAxisTitle("share of class").build();
        style(c);
        c.getStyler().setXAxisLabelRotation(30);
        List<String> cats = new ArrayList<>();
        for (String s : categories) {
            cats.add(s.length() > 18 ? s.substring(0, 17) + "~" : s);
        }
        for (int s = 0; s < classes.length; s++) {
            List<Double> ys = new ArrayList<>();
            for (double d : shares[s]) {
                ys.add(d);
            }
            c.addSeries(classes[s], cats, ys);
        }
        return render(c);
    }

    /** Simple bars of counts (label distribution, missing values). */
    public static String bars(String title, String xTitle, List<String> names, List<? extends Number> values, boolean logY) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle("count").build();
        style(c);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setXAxisLabelRotation(30);
        c.getStyler().setYAxisLogarithmic(logY);
        List<String> cats = new ArrayList<>();
        for (String s : names) {
            cats.add(s.length() > 22 ? s.substring(0, 21) + "~" : s);
        }
        c.addSeries(title, cats, new ArrayList<Number>(values));
        return render(c);
    }

    /** A heat map of a square matrix in [-1, 1] (correlations), values printed in cells. */
    public static String heatMap(String title, List<String> names, double[][] m) {
        int size = Math.max(560, Math.min(1000, 200 + 64 * names.size()));
        HeatMapChart c = new HeatMapChartBuilder().width(size).height(size - 40).title(title).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setShowValue(names.size() <= 14); // values in cells only while they stay readable
        c.getStyler().setMin(-1);
        c.getStyler().setMax(1);
        c.getStyler().setRangeColors(new Color[] {NEG, Color.WHITE, POS});
        c.getStyler().setHeatMapValueDecimalPattern("0.00");
        c.getStyler().setHeatMapDecimalValueFormatter(d -> String.format(Locale.ROOT, "%.2f", d));
        c.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        c.getStyler().setXAxisTickMarkSpacingHint(8);
        c.getStyler().setYAxisTickMarkSpacingHint(8);
        c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        c.getStyler().setXAxisLabelRotation(45);
        c.getStyler().setLegendVisible(true);
        c.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        List<String> labels = new ArrayList<>();
        for (String s : names) {
            labels.add(s.length() > 16 ? s.substring(0, 15) + "~" : s);
        }
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                double v = Double.isNaN(m[i][j]) ? 0 : m[i][j];
                cells.add(new Number[] {i, j, v});
            }
        }
        c.addSeries("Spearman rho", labels, labels, cells);
        return render(c);
    }

    /** Scatter plot of two features by class, at most 2,500 points per class (seeded sample). */
    public static String scatter(String fx, String fy, String[] classes, double[][] xs, double[][] ys,
                                 boolean logX, boolean logY, long seed) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(fx + " vs " + fy)
                .xAxisTitle(axis(fx, logX)).yAxisTitle(axis(fy, logY)).build();
        style(c);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(3);
        c.getStyler().setXAxisTickMarkSpacingHint(70);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int s = classes.length - 1; s >= 0; s--) {
            int[] idx = sample(xs[s].length, MAX_POINTS, rnd);
            List<Double> px = new ArrayList<>();
            List<Double> py = new ArrayList<>();
            for (int i : idx) {
                double x = logX ? log1p10(xs[s][i]) : xs[s][i];
                double y = logY ? log1p10(ys[s][i]) : ys[s][i];
                if (!Double.isNaN(x) && !Double.isNaN(y)) {
                    px.add(x);
                    py.add(y);
                }
            }
            if (px.isEmpty()) {
                continue;
            }
            XYSeries series = c.addSeries(classes[s], px, py);
            series.setMarkerColor(new Color((SERIES[s % SERIES.length].getRGB() & 0x00FFFFFF) | 0x99000000, true));
            series.setMarker(SeriesMarkers.CIRCLE);
        }
        return render(c);
    }

    private static int[] sample(int n, int max, SplittableRandom rnd) {
        int k = Math.min(n, max);
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] out = new int[k];
        System.arraycopy(all, 0, out, 0, k);
        java.util.Arrays.sort(out);
        return out;
    }

    private static void style(Chart<?, ?> c) {
        Styler s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setSeriesColors(SERIES);
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    }

    private static double[][] transform(double[][] values, boolean log) {
        double[][] out = new double[values.length][];
        for (int s = 0; s < values.length; s++) {
            out[s] = new double[values[s].length];
            for (int i = 0; i < values[s].length; i++) {
                out[s][i] = log ? log1p10(values[s][i]) : values[s][i];
            }
        }
        return out;
    }

    private static double[] finite(double[] v) {
        int k = 0;
        double[] out = new double[v.length];
        for (double x : v) {
            if (!Double.isNaN(x)) {
                out[k++] = x;
            }
        }
        return java.util.Arrays.copyOf(out, k);
    }

    /** Renders to a PNG data URI. */
    static String render(Chart<?, ?> chart) {
        try {
            java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", buf);
            byte[] png = buf.toByteArray();
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
