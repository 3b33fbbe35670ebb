package org.beaconwatch.output;

/**
 * Makes text taken from a log safe to print on a terminal. Log fields are attacker-controlled: an
 * escape sequence in a server name ({@code ESC ] 0;title BEL}, {@code ESC [2J}) would retitle or clear
 * the analyst's terminal, and bidirectional overrides would make a name read differently from its
 * bytes. Every C0 and C1 control character, DEL and the Unicode bidi controls are replaced by
 * {@code ?}. Files (CSV, JSON lines) keep the data as it is, properly quoted or escaped; only
 * human-facing text goes through here.
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** The text with every control character replaced by {@code ?}; null stays null. */
    public static String clean(String s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        int i = 0;
        while (i < n && !unsafe(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder sb = new StringBuilder(n);
        sb.append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            sb.append(unsafe(c) ? '?' : c);
        }
        return sb.toString();
    }

    /** True for characters a terminal would interpret rather than show. */
    static boolean unsafe(char c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200e || c == 0x200f || c == 0x061c;
    }
}
