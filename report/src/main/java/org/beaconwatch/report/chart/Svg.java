package org.beaconwatch.report.chart;

/**
 * The primitives every hand-drawn inline SVG chart shares (the detection report's cards, the
 * unlabelled exploration): the opening element with its title, text, coordinates and XML escaping.
 * Every text goes through {@link #esc}, so a column, group or host name taken from a log stays text.
 */
public final class Svg {
    /** Colour of text and axes. */
    public static final String INK = "#1c2833";

    private Svg() {
    }

    /** An {@code <svg>} element of {@code w} x {@code h} pixels with its (escaped) title; close it with {@code </svg>}. */
    public static StringBuilder open(int w, int h, String title) {
        return new StringBuilder(2048).append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w)
                .append("\" height=\"").append(h).append("\" viewBox=\"0 0 ").append(w).append(' ').append(h)
                .append("\" role=\"img\" font-size=\"10\" font-family=\"sans-serif\"><title>").append(esc(title))
                .append("</title>");
    }

    /** A text element; {@code anchor} is "start", "middle" or "end"; the text is escaped. */
    public static StringBuilder text(StringBuilder sb, double x, double y, String anchor, String s) {
        sb.append("<text x=\"").append(coord(x)).append("\" y=\"").append(coord(y)).append('"');
        if (!"start".equals(anchor)) {
            sb.append(" text-anchor=\"").append(anchor).append('"');
        }
        return sb.append(" fill=\"").append(INK).append("\">").append(esc(s)).append("</text>");
    }

    /** A coordinate with at most one decimal ("12", "12.5", "-0.5"). */
    public static String coord(double v) {
        long tenth = Math.round(v * 10);
        if (tenth % 10 == 0) {
            return Long.toString(tenth / 10);
        }
        return (tenth < 0 ? "-" : "") + Math.abs(tenth / 10) + "." + Math.abs(tenth % 10);
    }

    /** XML escape for SVG text and attributes; control characters become spaces. */
    public static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c < 0x20 && c != '\t' ? ' ' : c);
            }
        }
        return sb.toString();
    }
}
