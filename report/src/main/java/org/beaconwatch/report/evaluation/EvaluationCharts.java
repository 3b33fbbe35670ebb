package org.beaconwatch.report.evaluation;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import org.beaconwatch.ml.eval.CurvePoint;
import org.beaconwatch.ml.eval.ReliabilityBin;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PR, ROC and reliability charts as PNG data URIs (XChart, headless). */
final class EvaluationCharts {
    static final int WIDTH = 420;
    static final int HEIGHT = 320;
    private static final Color MODEL = new Color(0xC0392B);
    private static final Color REFERENCE = new Color(0x7F8C8D);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private EvaluationCharts() {
    }

    static String pr(List<CurvePoint> curve, double chance, double prAuc) {
        XYChart c = chart("Precision-recall (PR-AUC " + Fmt.num(prAuc) + ")", "recall", "precision");
        if (!curve.isEmpty()) {
            line(c, "model", xs(curve), ys(curve), MODEL);
        }
        line(c, "chance", new double[] {0, 1}, new double[] {chance, chance}, REFERENCE);
        return render(c);
    }

    static String roc(List<CurvePoint> curve, double rocAuc) {
        XYChart c = chart("ROC (AUC " + Fmt.num(rocAuc) + ")", "false positive rate", "true positive rate");
        if (!curve.isEmpty()) {
            line(c, "model", xs(curve), ys(curve), MODEL);
        }
        line(c, "chance", new double[] {0, 1}, new double[] {0, 1}, REFERENCE);
        return render(c);
    }

    static String reliability(List<ReliabilityBin> bins) {
        XYChart c = chart("Reliability (calibration)", "mean predicted probability", "observed positive rate");
        if (!bins.isEmpty()) {
            double[] x = new double[bins.size()];
            double[] y = new double[bins.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = bins.get(i).meanPredicted();
                y[i] = bins.get(i).observedRate();
            }
            XYSeries s = c.addSeries("model", x, y);
            s.setLineColor(MODEL);
            s.setMarkerColor(MODEL);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        line(c, "perfect", new double[] {0, 1}, new double[] {0, 1}, REFERENCE);
        return render(c);
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBackgroundColor(Color.WHITE);
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setXAxisMax(1.0);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(1.0);
        c.getStyler().setLegendVisible(true);
        c.getStyler().setDecimalPattern("0.0#");
        c.getStyler().setLocale(java.util.Locale.ROOT);
        return c;
    }

    private static void line(XYChart c, String name, double[] x, double[] y, Color color) {
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
    }

    private static double[] xs(List<CurvePoint> p) {
        double[] v = new double[p.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = p.get(i).x();
        }
        return v;
    }

    private static double[] ys(List<CurvePoint> p) {
        double[] v = new double[p.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = p.get(i).y();
        }
        return v;
    }

    private static String render(XYChart chart) {
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
