package org.beaconwatch.io.zeek;

import static org.beaconwatch.io.zeek.ZeekColumns.ORIG_H;
import static org.beaconwatch.io.zeek.ZeekColumns.TS;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.beaconwatch.io.MalformedRecordException;
import org.beaconwatch.io.spi.Bytes;

/**
 * The row layout a Zeek TSV log's header lines set: {@code #separator} (with {@code \x09}
 * escapes), the {@code #fields} column mapping (including IoT-23's entries of three names
 * separated by three spaces) and the column checks that make a file a connection log. The
 * {@code #unset_field} and {@code #empty_field} markers go to the {@link ZeekFieldDecoder};
 * {@code #set_separator}, {@code #types} and the other directives change nothing for conn.
 * The reader's row loops read the public-in-package fields directly.
 */
final class ZeekTsvHeader {
    private final ZeekFieldDecoder decoder;

    /** The separator byte. */
    byte sep = '\t';
    /** The separator byte in every byte of a word. */
    long sepWord = 0x0909090909090909L;
    /** Column kind per #fields entry ({@link ZeekColumns}); null before a #fields line. */
    byte[] kinds;
    /** Per #fields entry: it ends with a three-space separator (IoT-23). */
    boolean[] spaceSep;
    /** Expected separator-delimited fields per row. */
    int tabFields;
    /** Some entry ends with three spaces. */
    boolean anySpaced;
    /** Room for the separator positions of one row. */
    int[] tabs = new int[0];

    ZeekTsvHeader(ZeekFieldDecoder decoder) {
        this.decoder = decoder;
    }

    /** Whether header line a[s, e) changes how rows are read (separator, markers, fields). */
    static boolean changesMapping(byte[] a, int s, int e) {
        return startsWith(a, s, e, "#separator") || startsWith(a, s, e, "#fields") || startsWith(a, s, e, "#unset_field")
                || startsWith(a, s, e, "#empty_field");
    }

    private static boolean startsWith(byte[] a, int s, int e, String p) {
        if (e - s < p.length()) {
            return false;
        }
        for (int i = 0; i < p.length(); i++) {
            if (a[s + i] != p.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Applies header line a[s, e) (line {@code lineNo} of {@code file}).
     *
     * @throws MalformedRecordException for an unusable #separator or a #fields line that is not
     *                                  a connection log's
     */
    void line(byte[] a, int s, int e, String file, long lineNo) throws MalformedRecordException {
        String line = Bytes.str(a, s, e);
        if (line.startsWith("#separator")) {
            String v = line.substring("#separator".length()).trim();
            String un = ZeekEscapes.unescape(v);
            if (un.length() != 1) {
                throw new MalformedRecordException(file, lineNo,
                        "unsupported #separator '" + Bytes.abbreviate(v) + "' (one character expected)");
            }
            sep = (byte) un.charAt(0);
            sepWord = (sep & 0xffL) * 0x0101010101010101L;
            kinds = null; // a new header block starts
            return;
        }
        int tab = line.indexOf((char) (sep & 0xff));
        if (tab < 0) {
            return; // comment
        }
        String key = line.substring(0, tab);
        String value = line.substring(tab + 1);
        switch (key) {
            case "#unset_field" -> decoder.unsetMarker(ZeekEscapes.unescape(value).getBytes(StandardCharsets.UTF_8));
            case "#empty_field" -> decoder.emptyMarker(ZeekEscapes.unescape(value).getBytes(StandardCharsets.UTF_8));
            case "#fields" -> fields(value, file, lineNo);
            default -> {
                // #set_separator, #path, #open, #close, #types: nothing to do for conn
            }
        }
    }

    private void fields(String value, String file, long lineNo) throws MalformedRecordException {
        String sepStr = String.valueOf((char) (sep & 0xff));
        String[] tabParts = value.split(Pattern.quote(sepStr), -1);
        List<String> ns = new ArrayList<>();
        List<Boolean> spaced = new ArrayList<>();
        for (String t : tabParts) {
            String[] sub = t.split(" {3}", -1);
            for (int j = 0; j < sub.length; j++) {
                ns.add(sub[j].trim());
                spaced.add(j < sub.length - 1);
            }
        }
        int n = ns.size();
        String[] names = ns.toArray(new String[0]);
        decoder.columnNames(names);
        kinds = new byte[n];
        spaceSep = new boolean[n];
        for (int c = 0; c < n; c++) {
            kinds[c] = ZeekColumns.kindOf(names[c]);
            spaceSep[c] = spaced.get(c);
        }
        tabFields = tabParts.length;
        tabs = new int[tabFields - 1];
        anySpaced = spaced.contains(true);
        requireColumn(TS, "ts", "start time", file, lineNo);
        requireColumn(ORIG_H, "id.orig_h", "source address", file, lineNo);
    }

    /** A #fields line without a column every connection needs: the file is not a connection log. */
    private void requireColumn(byte kind, String name, String what, String file, long lineNo)
            throws MalformedRecordException {
        for (byte k : kinds) {
            if (k == kind) {
                return;
            }
        }
        throw new MalformedRecordException(file, lineNo,
                "no " + name + " column (" + what + ") in #fields: not a connection log");
    }
}
