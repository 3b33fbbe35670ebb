package org.beaconwatch.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/** Lays simulator logs out as Zeek's log archive: YYYY-MM-DD/conn.HH:00:00-HH+1:00:00.log.gz per hour. */
public final class ZeekLayout {
    private ZeekLayout() {
    }

    public static void rotateHourly(Path log, String type, Path archive) throws IOException {
        List<String> header = new ArrayList<>();
        Writer w = null;
        long hour = Long.MIN_VALUE;
        try (BufferedReader r = Files.newBufferedReader(log, StandardCharsets.ISO_8859_1)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    if (w == null && !line.startsWith("#close")) {
                        header.add(line);
                    }
                    continue;
                }
                int tab = line.indexOf('\t');
                long secs = (long) Double.parseDouble(line.substring(0, tab));
                long h = Math.floorDiv(secs, 3600);
                if (h != hour) {
                    if (w != null) {
                        w.close();
                    }
                    hour = h;
                    ZonedDateTime t = Instant.ofEpochSecond(h * 3600).atZone(ZoneOffset.UTC);
                    Path day = archive.resolve(String.format(Locale.ROOT, "%04d-%02d-%02d", t.getYear(),
                            t.getMonthValue(), t.getDayOfMonth()));
                    Files.createDirectories(day);
                    Path f = day.resolve(String.format(Locale.ROOT, "%s.%02d:00:00-%02d:00:00.log.gz", type,
                            t.getHour(), (t.getHour() + 1) % 24));
                    OutputStream gz = new GZIPOutputStream(Files.newOutputStream(f));
                    w = new java.io.OutputStreamWriter(gz, StandardCharsets.ISO_8859_1);
                    for (String hl : header) {
                        w.write(hl);
                        w.write('\n');
                    }
                }
                w.write(line);
                w.write('\n');
            }
        } finally {
            if (w != null) {
                w.close();
            }
        }
    }
}
