package org.beaconwatch.report.explore;

import java.util.List;
import java.util.Locale;

/**
 * Inline SVG for the unlabelled exploration: box plots (log axis for heavy-tailed columns),
 * histograms, box plots per group, a Spearman heat map and activity bars. Drawn by hand from the
 * section records; column and group names come from the input, so every text is XML-escaped.
 */
final class ExploreCharts {
    private static final String INK = "#1c2833";
    private static final String BAR = "#2e86c1";
    private static final String OUT = "#c0392b";

    private ExploreCharts() {
    }

    /** Histogram and box plot of one numeric column, one above the other. */
    static String distribution(Distributions.Numeric d) {
        int w = 420, left = 10, right = 10, plotW = w - left - right, histH = 70, boxH = 22, h = histH + boxH + 26;
        StringBuilder sb = open(w, h, "distribution of " + d.name());
        if (d.n() == 0) {
            return text(sb, left, 30, "start", "no values").append("</svg>").toString();
        }
        long max = 1;
        for (long c : d.counts()) {
            max = Math.max(max, c);
        }
        int bins = d.counts().length;
        double bw = (double) plotW / bins;
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < bins; i++) {
            if (d.counts()[i] > 0) {
                double bh = Math.max(1, (histH - 4) * (double) d.counts()[i] / max);
                p.append('M').append(f(left + i * bw + bw / 2)).append(' ').append(histH).append('v').append(f(-bh));
            }
        }
        sb.append("<path d=\"").append(p).append("\" stroke=\"").append(BAR).append("\" stroke-width=\"")
                .append(f(Math.max(1, bw - 1))).append("\"/>");
        Axis a = new Axis(d.min(), d.max(), d.logScale(), left, plotW);
        box(sb, a, histH + 4, boxH - 6, d.lowerFence(), d.q1(), d.median(), d.q3(), d.upperFence(), d.min(), d.max());
        int y = histH + boxH + 14;
        text(sb, left, y, "start", num(d.min()));
        text(sb, left + plotW, y, "end", num(d.max()) + (d.logScale() ? " (log scale)" : ""));
        text(sb, a.x(d.median()), y, "middle", "median " + num(d.median()));
        return sb.append("</svg>").toString();
    }

    /** One box per group for one numeric column. */
    static String groupBoxes(Groups.Grouping g, int column) {
        boolean log = Boolean.TRUE.equals(g.logScale().get(column));
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Groups.Group gr : g.groups()) {
            Groups.Box b = gr.boxes().get(column);
            if (b.n() > 0) {
                lo = Math.min(lo, b.p05());
                hi = Math.max(hi, b.p95());
            }
        }
        int left = 120, w = 460, plotW = w - left - 10, rowH = 16;
        int h = g.groups().size() * rowH + 20;
        StringBuilder sb = open(w, h, g.columns().get(column) + " by " + g.by());
        if (!(hi >= lo)) {
            return text(sb, left, 14, "start", "no values").append("</svg>").toString();
        }
        Axis a = new Axis(lo, hi, log, left, plotW);
        for (int i = 0; i < g.groups().size(); i++) {
            Groups.Group gr = g.groups().get(i);
            Groups.Box b = gr.boxes().get(column);
            int y = 2 + i * rowH;
            text(sb, left - 4, y + 11, "end", shorten(gr.value(), 22));
            if (b.n() > 0) {
                box(sb, a, y + 2, rowH - 5, b.p05(), b.q1(), b.median(), b.q3(), b.p95(), Double.NaN, Double.NaN);
            }
        }
        int y = g.groups().size() * rowH + 14;
        text(sb, left, y, "start", num(lo));
        text(sb, left + plotW, y, "end", num(hi) + (log ? " (log)" : ""));
        return sb.append("</svg>").toString();
    }

    /** Spearman heat map: blue positive, red negative, darker stronger. */
    static String heatmap(Associations.Result r) {
        List<String> names = r.numericNames();
        int n = names.size();
        int cell = 22, left = 120, top = 8;
        int w = left + n * cell + 10, h = top + n * cell + 110;
        StringBuilder sb = open(w, h, "Spearman correlation");
        for (int i = 0; i < n; i++) {
            text(sb, left - 4, top + i * cell + 15, "end", shorten(names.get(i), 20));
            for (int j = 0; j < n; j++) {
                double v = r.spearman()[i][j];
                String fill = Double.isNaN(v) ? "#eeeeee" : color(v);
                sb.append("<rect x=\"").append(left + j * cell).append("\" y=\"").append(top + i * cell)
                        .append("\" width=\"").append(cell - 1).append("\" height=\"").append(cell - 1)
                        .append("\" fill=\"").append(fill).append("\"><title>")
                        .append(esc(names.get(i) + " / " + names.get(j) + ": " + (Double.isNaN(v) ? "n/a"
                                : String.format(Locale.ROOT, "%.2f", v)))).append("</title></rect>");
            }
            int x = left + i * cell + 14;
            int y = top + n * cell + 4;
            sb.append("<text transform=\"translate(").append(x).append(' ').append(y)
                    .append(") rotate(60)\" fill=\"").append(INK).append("\">").append(esc(shorten(names.get(i), 18)))
                    .append("</text>");
        }
        return sb.append("</svg>").toString();
    }

    private static String color(double v) {
        double a = Math.min(1, Math.abs(v));
        int base = (int) Math.round(255 - 200 * a);
        return v >= 0 ? String.format(Locale.ROOT, "rgb(%d,%d,255)", base, base)
                : String.format(Locale.ROOT, "rgb(255,%d,%d)", base, base);
    }

    /** Bars of a series (connections per hour or per hour of day). */
    static String bars(long[] v, String title, String firstLabel, String lastLabel) {
        int w = 900, left = 50, plotW = w - left - 10, plotH = 90, h = plotH + 24;
        StringBuilder sb = open(w, h, title);
        long max = 1;
        for (long x : v) {
            max = Math.max(max, x);
        }
        double bw = (double) plotW / Math.max(1, v.length);
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            if (v[i] > 0) {
                p.append('M').append(f(left + i * bw + bw / 2)).append(' ').append(plotH + 4).append('v')
                        .append(f(-Math.max(1, plotH * (double) v[i] / max)));
            }
        }
        sb.append("<path d=\"").append(p).append("\" stroke=\"").append(BAR).append("\" stroke-width=\"")
                .append(f(Math.max(0.5, bw * 0.8))).append("\"/>");
        text(sb, left - 4, 12, "end", num((double) max));
        text(sb, left - 4, plotH + 4, "end", "0");
        text(sb, left, plotH + 18, "start", firstLabel);
        text(sb, left + plotW, plotH + 18, "end", lastLabel);
        return sb.append("</svg>").toString();
    }

    /** Same as {@link #bars(long[], String, String, String)} for fractional values (bytes). */
    static String bars(double[] v, String title, String firstLabel, String lastLabel) {
        long[] l = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            l[i] = Math.round(v[i]);
        }
        return bars(l, title, firstLabel, lastLabel);
    }

    /** Linear or log10(1 + x) axis. */
    private record Axis(double lo, double hi, boolean log, int left, int width) {
        double x(double v) {
            double a = log ? Math.log10(1 + Math.max(0, lo)) : lo, b = log ? Math.log10(1 + Math.max(0, hi)) : hi;
            double t = log ? Math.log10(1 + Math.max(0, v)) : v;
            if (b <= a) {
                return left + width / 2.0;
            }
            return left + Math.max(0, Math.min(1, (t - a) / (b - a))) * width;
        }
    }

    private static void box(StringBuilder sb, Axis a, int y, int h, double wLo, double q1, double med, double q3,
                            double wHi, double min, double max) {
        double lo = Double.isNaN(min) ? wLo : Math.max(wLo, min), hi = Double.isNaN(max) ? wHi : Math.min(wHi, max);
        double mid = y + h / 2.0;
        sb.append("<path d=\"M").append(f(a.x(lo))).append(' ').append(f(mid)).append('H').append(f(a.x(q1)))
                .append('M').append(f(a.x(q3))).append(' ').append(f(mid)).append('H').append(f(a.x(hi)))
                .append("\" stroke=\"").append(INK).append("\"/>");
        sb.append("<rect x=\"").append(f(a.x(q1))).append("\" y=\"").append(y).append("\" width=\"")
                .append(f(Math.max(1, a.x(q3) - a.x(q1)))).append("\" height=\"").append(h)
                .append("\" fill=\"#aed6f1\" stroke=\"").append(INK).append("\"/>");
        sb.append("<path d=\"M").append(f(a.x(med))).append(' ').append(y).append('v').append(h).append("\" stroke=\"")
                .append(OUT).append("\" stroke-width=\"2\"/>");
        if (!Double.isNaN(min) && min < wLo) {
            sb.append("<circle cx=\"").append(f(a.x(min))).append("\" cy=\"").append(f(mid))
                    .append("\" r=\"2\" fill=\"").append(OUT).append("\"/>");
        }
        if (!Double.isNaN(max) && max > wHi) {
            sb.append("<circle cx=\"").append(f(a.x(max))).append("\" cy=\"").append(f(mid))
                    .append("\" r=\"2\" fill=\"").append(OUT).append("\"/>");
        }
    }

    static String num(double v) {
        return org.beaconwatch.report.Fmt.num(v);
    }

    private static String shorten(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "\u2026";
    }

    private static StringBuilder open(int w, int h, String title) {
        return new StringBuilder(1024).append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w)
                .append("\" height=\"").append(h).append("\" viewBox=\"0 0 ").append(w).append(' ').append(h)
                .append("\" role=\"img\" font-size=\"10\" font-family=\"sans-serif\"><title>").append(esc(title))
                .append("</title>");
    }

    private static StringBuilder text(StringBuilder sb, double x, double y, String anchor, String s) {
        sb.append("<text x=\"").append(f(x)).append("\" y=\"").append(f(y)).append('"');
        if (!"start".equals(anchor)) {
            sb.append(" text-anchor=\"").append(anchor).append('"');
        }
        return sb.append(" fill=\"").append(INK).append("\">").append(esc(s)).append("</text>");
    }

    /** XML escape for SVG text and attributes: names and values come from the input. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\t') {
                        sb.append(' ');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v).replace(".0", "");
    }
}
