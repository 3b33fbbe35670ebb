package org.beaconwatch.verdict;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.beaconwatch.io.MalformedRecordException;

/**
 * Reads an analyst verdict file: CSV with the header
 * {@code src,dst,dst_port,server_name,verdict,note,analyst,date} (columns by name, any order; note,
 * analyst and date optional). A row names either {@code dst} (with an optional {@code dst_port}) or a
 * {@code server_name}. Verdicts are {@code benign}, {@code malicious} or {@code unsure}. A bad row stops
 * the read with a message naming file, line and reason: a verdict file is small and hand-written, and a
 * silently ignored line would silently un-suppress a channel. Later rows for the same channel win.
 */
public final class VerdictFile {
    /** The header a new verdict file starts with. */
    public static final String HEADER = "src,dst,dst_port,server_name,verdict,note,analyst,date";
    private static final int MAX_ROWS = 1_000_000;

    private VerdictFile() {
    }

    /** Reads every verdict of {@code file}. */
    public static List<Verdict> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        List<Verdict> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(r)) {
            Map<String, Integer> col = null;
            for (CsvRecord rec : csv) {
                long line = rec.getStartingLineNumber();
                if (col == null) {
                    col = header(file, rec);
                    continue;
                }
                if ((rec.getFieldCount() == 1 && rec.getField(0).isBlank()) || rec.getField(0).startsWith("#")) {
                    continue;
                }
                if (out.size() >= MAX_ROWS) {
                    throw new MalformedRecordException(file.toString(), line, "more than 1,000,000 verdicts");
                }
                out.add(row(file, rec, col, line));
            }
            if (col == null) {
                throw new MalformedRecordException(file.toString(), 1, "empty verdict file (expected the header "
                        + HEADER + ")");
            }
        } catch (de.siegmar.fastcsv.reader.CsvParseException e) {
            throw new MalformedRecordException(file.toString(), 0, "not a CSV verdict file: " + e.getMessage());
        }
        return out;
    }

    private static Map<String, Integer> header(Path file, CsvRecord rec) throws MalformedRecordException {
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < rec.getFieldCount(); i++) {
            col.put(rec.getField(i).trim().toLowerCase(Locale.ROOT).replace('\ufeff', ' ').trim(), i);
        }
        for (String need : new String[] {"src", "verdict"}) {
            if (!col.containsKey(need)) {
                throw new MalformedRecordException(file.toString(), rec.getStartingLineNumber(),
                        "no '" + need + "' column (expected the header " + HEADER + ")");
            }
        }
        if (!col.containsKey("dst") && !col.containsKey("server_name")) {
            throw new MalformedRecordException(file.toString(), rec.getStartingLineNumber(),
                    "needs a 'dst' or 'server_name' column (expected the header " + HEADER + ")");
        }
        return col;
    }

    private static Verdict row(Path file, CsvRecord rec, Map<String, Integer> col, long line)
            throws MalformedRecordException {
        String src = field(rec, col, "src");
        String dst = field(rec, col, "dst");
        String port = field(rec, col, "dst_port");
        String name = field(rec, col, "server_name").toLowerCase(Locale.ROOT);
        String v = field(rec, col, "verdict");
        if (src.isEmpty()) {
            throw new MalformedRecordException(file.toString(), line, "empty src");
        }
        if (dst.isEmpty() == name.isEmpty()) {
            throw new MalformedRecordException(file.toString(), line,
                    "give either dst (with an optional dst_port) or server_name, not " + (dst.isEmpty() ? "neither" : "both"));
        }
        int p = -1;
        if (!port.isEmpty()) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                p = -2;
            }
            if (p < 0 || p > 65535) {
                throw new MalformedRecordException(file.toString(), line, "bad dst_port '" + port + "'");
            }
        }
        Verdict.Kind kind = Verdict.Kind.parse(v);
        if (kind == null) {
            throw new MalformedRecordException(file.toString(), line,
                    "verdict must be benign, malicious or unsure, not '" + v + "'");
        }
        return new Verdict(src, dst, p, name, kind, field(rec, col, "note"), field(rec, col, "analyst"),
                field(rec, col, "date"), line);
    }

    private static String field(CsvRecord rec, Map<String, Integer> col, String name) {
        Integer i = col.get(name);
        return i == null || i >= rec.getFieldCount() ? "" : rec.getField(i).trim();
    }
}
