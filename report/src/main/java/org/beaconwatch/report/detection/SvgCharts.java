package org.beaconwatch.report.detection;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Draws a finding card's charts as small inline SVG, by hand: rectangles, one path per series,
 * coordinates rounded to a tenth of a pixel. Only numbers and fixed words go into the SVG, never a
 * value from a log, so the markup needs no escaping. Everything drawn is read from the records of
 * {@link ChannelCharts}; nothing is computed here beyond placing it.
 */
final class SvgCharts {
    static final int W = 520;
    private static final int LEFT = 74;
    private static final int RIGHT = 10;
    private static final String INK = "#1c2833";
    private static final String ACCENT = "#c0392b";
    private static final String BAR = "#2e86c1";
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private SvgCharts() {
    }

    /** Horizontal bars of the sub-scores, each in [0, 1]. */
    static String subScores(String[] names, double[] values) {
        int rowH = 16;
        int h = names.length * rowH + 4;
        StringBuilder sb = open(300, h, "sub-scores");
        for (int i = 0; i < names.length; i++) {
            int y = 2 + i * rowH;
            double v = Double.isNaN(values[i]) ? 0 : Math.max(0, Math.min(1, values[i]));
            text(sb, 0, y + 12, "start", names[i]);
            sb.append("<rect x=\"96\" y=\"").append(y + 3).append("\" width=\"160\" height=\"10\" fill=\"#eaeded\"/>");
            sb.append("<rect x=\"96\" y=\"").append(y + 3).append("\" width=\"").append(f(160 * v))
                    .append("\" height=\"10\" fill=\"").append(v >= 0.6 ? ACCENT : BAR).append("\"/>");
            text(sb, 262, y + 12, "start", String.format(Locale.ROOT, "%.2f", v));
        }
        return sb.append("</svg>").toString();
    }

    /** Connections over the span: one row per day (or one row), darker = more connections. */
    static String timeline(ChannelCharts.Timeline t) {
        int rows = t.counts().length;
        int rowH = t.days() ? 11 : 22;
        int top = 4;
        int h = top + rows * rowH + 18 + (t.daysOmitted() > 0 ? 12 : 0);
        StringBuilder sb = open(W, h, "connections over time");
        int plotW = W - LEFT - RIGHT;
        int max = 1;
        for (int[] r : t.counts()) {
            for (int c : r) {
                max = Math.max(max, c);
            }
        }
        for (int r = 0; r < rows; r++) {
            int[] c = t.counts()[r];
            double bw = (double) plotW / c.length;
            int y = top + r * rowH;
            sb.append("<rect x=\"").append(LEFT).append("\" y=\"").append(y).append("\" width=\"").append(plotW)
                    .append("\" height=\"").append(rowH - 1).append("\" fill=\"#f4f6f7\"/>");
            if (t.days()) {
                text(sb, LEFT - 4, y + rowH - 2, "end", t.rowLabels().get(r));
            }
            int b = 0;
            while (b < c.length) {
                int level = level(c[b], max);
                int e = b + 1;
                while (e < c.length && level(c[e], max) == level) {
                    e++;
                }
                if (level > 0) {
                    sb.append("<rect x=\"").append(f(LEFT + b * bw)).append("\" y=\"").append(y)
                            .append("\" width=\"").append(f((e - b) * bw)).append("\" height=\"").append(rowH - 1)
                            .append("\" fill=\"").append(SHADES[level]).append("\"/>");
                }
                b = e;
            }
        }
        int axisY = top + rows * rowH + 12;
        if (t.days()) {
            for (int hr = 0; hr <= 24; hr += 6) {
                text(sb, LEFT + plotW * hr / 24.0, axisY, hr == 0 ? "start" : hr == 24 ? "end" : "middle",
                        String.format(Locale.ROOT, "%02d:00", hr));
            }
            text(sb, 2, axisY, "start", "UTC");
        } else {
            text(sb, LEFT, axisY, "start", HM.format(Instant.ofEpochSecond(t.startMicros() / 1_000_000L)));
            text(sb, LEFT + plotW, axisY, "end",
                    HM.format(Instant.ofEpochSecond((t.startMicros() + t.rowMicros()) / 1_000_000L)) + " UTC");
        }
        if (t.daysOmitted() > 0) {
            text(sb, LEFT, axisY + 12, "start", "+ " + t.daysOmitted() + " more days not drawn");
        }
        return sb.append("</svg>").toString();
    }

    private static final String[] SHADES = {"", "#aed6f1", "#5dade2", "#2874a6", "#154360"};

    private static int level(int c, int max) {
        if (c == 0) {
            return 0;
        }
        return Math.max(1, Math.min(4, (int) Math.ceil(4 * Math.log1p(c) / Math.log1p(max))));
    }

    /** Inter-arrival histogram on a log axis; the period and its multiples as dashed lines. */
    static String intervals(ChannelCharts.Intervals iv) {
        int h = 120, top = 6, bottom = 20, plotH = h - top - bottom;
        StringBuilder sb = open(W, h, "inter-arrival times");
        int plotW = W - LEFT - RIGHT;
        int n = iv.counts().length;
        if (n == 0) {
            text(sb, LEFT, 40, "start", "fewer than two connections at distinct times");
            return sb.append("</svg>").toString();
        }
        int max = 1;
        for (int c : iv.counts()) {
            max = Math.max(max, c);
        }
        double bw = (double) plotW / n;
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (iv.counts()[i] == 0) {
                continue;
            }
            double bh = Math.max(1, plotH * (double) iv.counts()[i] / max);
            path.append('M').append(f(LEFT + i * bw + bw / 2)).append(' ').append(f(top + plotH))
                    .append('v').append(f(-bh));
        }
        sb.append("<path d=\"").append(path).append("\" stroke=\"").append(BAR).append("\" stroke-width=\"")
                .append(f(Math.max(1, bw - 1))).append("\" fill=\"none\"/>");
        double lLo = Math.log10(iv.edgesSeconds()[0]), lHi = Math.log10(iv.edgesSeconds()[n]);
        axisLine(sb, top + plotH);
        text(sb, LEFT - 4, top + 10, "end", Integer.toString(max));
        text(sb, LEFT - 4, top + plotH, "end", "0");
        logTicks(sb, lLo, lHi, top + plotH + 13);
        if (iv.periodSeconds() > 0) {
            for (int k = 1; k <= 4; k++) {
                double l = Math.log10(k * iv.periodSeconds());
                if (l < lLo || l > lHi) {
                    continue;
                }
                double x = LEFT + (l - lLo) / (lHi - lLo) * plotW;
                sb.append("<path d=\"M").append(f(x)).append(' ').append(top).append('v').append(plotH)
                        .append("\" stroke=\"").append(ACCENT).append("\" stroke-dasharray=\"3 2\"/>");
                boolean right = x > W - RIGHT - 44;
                text(sb, right ? x - 2 : x + 2, top + 9 + (k - 1) * 10, right ? "end" : "start",
                        k == 1 ? "period" : k + "\u00d7");
            }
        }
        return sb.append("</svg>").toString();
    }

    /** Periodogram: power over noise against period (log axes), the 1 % false-alarm line and the peak. */
    static String spectrum(ChannelCharts.Spectrum s) {
        int h = 130, top = 6, bottom = 20, plotH = h - top - bottom;
        StringBuilder sb = open(W, h, "periodogram");
        int plotW = W - LEFT - RIGHT;
        int n = s.power().length;
        if (n < 2) {
            text(sb, LEFT, 40, "start", "too few connections for a periodogram");
            return sb.append("</svg>").toString();
        }
        double xLo = Math.log10(s.periodSeconds()[n - 1]), xHi = Math.log10(s.periodSeconds()[0]);
        double yMax = Math.log10(Math.max(s.threshold(), 2)) + 0.3;
        for (double v : s.power()) {
            yMax = Math.max(yMax, Math.log10(Math.max(v, 0.1)) + 0.1);
        }
        double yMin = -1;
        StringBuilder path = new StringBuilder();
        for (int i = n - 1; i >= 0; i--) {
            double x = LEFT + (Math.log10(s.periodSeconds()[i]) - xLo) / Math.max(1e-12, xHi - xLo) * plotW;
            double y = top + plotH - (Math.log10(Math.max(s.power()[i], 0.1)) - yMin) / (yMax - yMin) * plotH;
            path.append(i == n - 1 ? 'M' : 'L').append(f(x)).append(' ').append(f(y));
        }
        sb.append("<path d=\"").append(path).append("\" stroke=\"").append(BAR).append("\" fill=\"none\"/>");
        double ty = top + plotH - (Math.log10(s.threshold()) - yMin) / (yMax - yMin) * plotH;
        sb.append("<path d=\"M").append(LEFT).append(' ').append(f(ty)).append('h').append(plotW)
                .append("\" stroke=\"#7f8c8d\" stroke-dasharray=\"4 3\"/>");
        text(sb, LEFT + plotW, ty - 3, "end", "1 % false-alarm level");
        if (s.peakSeconds() > 0) {
            double l = Math.log10(s.peakSeconds());
            if (l >= xLo && l <= xHi) {
                double x = LEFT + (l - xLo) / Math.max(1e-12, xHi - xLo) * plotW;
                sb.append("<path d=\"M").append(f(x)).append(' ').append(top).append('v').append(plotH)
                        .append("\" stroke=\"").append(ACCENT).append("\" stroke-dasharray=\"3 2\"/>");
                boolean right = x > W - RIGHT - 80;
                text(sb, right ? x - 3 : x + 3, top + 9, right ? "end" : "start",
                        "peak " + SvgCharts.duration(s.peakSeconds()));
            }
        }
        axisLine(sb, top + plotH);
        text(sb, LEFT - 4, top + 10, "end", "\u00d7" + Math.round(Math.pow(10, yMax)) + " noise");
        text(sb, LEFT - 4, top + plotH, "end", "\u00d70.1");
        logTicks(sb, xLo, xHi, top + plotH + 13);
        return sb.append("</svg>").toString();
    }

    /** Bytes sent per connection over the channel's time (log y axis for wide ranges). */
    static String bytes(ChannelCharts.Bytes b, long spanStart, long spanEnd) {
        int h = 110, top = 6, bottom = 20, plotH = h - top - bottom;
        StringBuilder sb = open(W, h, "bytes sent per connection");
        int plotW = W - LEFT - RIGHT;
        int n = b.bytes().length;
        if (n == 0) {
            text(sb, LEFT, 40, "start", "no byte counts in the input");
            return sb.append("</svg>").toString();
        }
        long lo = Long.MAX_VALUE, hi = 0;
        for (long v : b.bytes()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        boolean log = hi > 50L * Math.max(1, lo);
        double yLo = log ? Math.log10((double) Math.max(1, lo)) : 0, yHi = log ? Math.log10((double) Math.max(hi, 1)) + 0.05
                : Math.max(1, hi) * 1.08;
        if (yHi <= yLo) {
            yHi = yLo + 1;
        }
        double span = Math.max(1, spanEnd - spanStart);
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double x = LEFT + (b.atMicros()[i] - spanStart) / span * plotW;
            double v = log ? Math.log10((double) Math.max(1, b.bytes()[i])) : b.bytes()[i];
            double y = top + plotH - (v - yLo) / (yHi - yLo) * plotH;
            path.append('M').append(f(x)).append(' ').append(f(y)).append("h0");
        }
        sb.append("<path d=\"").append(path).append("\" stroke=\"").append(BAR)
                .append("\" stroke-width=\"4\" stroke-linecap=\"round\" fill=\"none\"/>");
        axisLine(sb, top + plotH);
        text(sb, LEFT - 4, top + 10, "end", bytesText(hi));
        text(sb, LEFT - 4, top + plotH, "end", log ? bytesText(Math.max(1, lo)) : "0");
        if (log) {
            text(sb, 2, top + plotH / 2.0, "start", "log");
        }
        text(sb, LEFT, top + plotH + 13, "start", HM.format(Instant.ofEpochSecond(spanStart / 1_000_000L)));
        text(sb, LEFT + plotW, top + plotH + 13, "end", HM.format(Instant.ofEpochSecond(spanEnd / 1_000_000L)) + " UTC");
        return sb.append("</svg>").toString();
    }

    static String bytesText(long v) {
        if (v >= 10_000_000) {
            return Math.round(v / 1e6) + " MB";
        }
        if (v >= 10_000) {
            return Math.round(v / 1e3) + " kB";
        }
        return v + " B";
    }

    /** 12 s, 4.2 min, 10 min, 1.5 h, 2 d. */
    static String duration(double s) {
        return durationText(s).replace(".0 ", " ");
    }

    private static String durationText(double s) {
        if (s < 1) {
            return String.format(Locale.ROOT, "%.0f ms", s * 1000);
        }
        if (s < 120) {
            return String.format(Locale.ROOT, s < 10 ? "%.1f s" : "%.0f s", s);
        }
        if (s < 7200) {
            return String.format(Locale.ROOT, "%.1f min", s / 60);
        }
        if (s < 172_800) {
            return String.format(Locale.ROOT, "%.1f h", s / 3600);
        }
        return String.format(Locale.ROOT, "%.1f d", s / 86400);
    }

    private static void logTicks(StringBuilder sb, double lLo, double hHi, double y) {
        int plotW = W - LEFT - RIGHT;
        double[] nice = {0.001, 0.01, 0.1, 1, 10, 60, 600, 3600, 21600, 86400, 604800};
        int last = -100;
        for (double v : nice) {
            double l = Math.log10(v);
            if (l < lLo || l > hHi) {
                continue;
            }
            int x = (int) Math.round(LEFT + (l - lLo) / Math.max(1e-12, hHi - lLo) * plotW);
            if (x - last < 40) {
                continue;
            }
            last = x;
            sb.append("<path d=\"M").append(x).append(' ').append(f(y - 13)).append("v3\" stroke=\"").append(INK)
                    .append("\"/>");
            text(sb, x, y, "middle", duration(v));
        }
    }

    private static void axisLine(StringBuilder sb, double y) {
        sb.append("<path d=\"M").append(LEFT).append(' ').append(f(y)).append('h').append(W - LEFT - RIGHT)
                .append("\" stroke=\"").append(INK).append("\"/>");
    }

    private static StringBuilder open(int w, int h, String title) {
        return new StringBuilder(2048).append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w)
                .append("\" height=\"").append(h).append("\" viewBox=\"0 0 ").append(w).append(' ').append(h)
                .append("\" role=\"img\" font-size=\"10\" font-family=\"sans-serif\"><title>").append(title)
                .append("</title>");
    }

    /** Text made by this class only (numbers, dates, fixed words). */
    private static void text(StringBuilder sb, double x, double y, String anchor, String s) {
        sb.append("<text x=\"").append(f(x)).append("\" y=\"").append(f(y)).append('"');
        if (!"start".equals(anchor)) {
            sb.append(" text-anchor=\"").append(anchor).append('"');
        }
        sb.append(" fill=\"").append(INK).append("\">").append(s).append("</text>");
    }

    /** A coordinate with at most one decimal. */
    static String f(double v) {
        long tenth = Math.round(v * 10);
        return tenth % 10 == 0 ? Long.toString(tenth / 10) : (tenth / 10 == 0 && tenth < 0 ? "-0" : Long.toString(tenth / 10))
                + "." + Math.abs(tenth % 10);
    }
}
