package org.beaconwatch.intel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.beaconwatch.channel.Cidr;
import org.beaconwatch.flow.IpAddress;

/**
 * Indicators of compromise, matched offline: exact addresses, CIDR prefixes and domains (a domain
 * matches itself and every subdomain). Each indicator keeps a short note of where it came from
 * (file name, and for Feodo Tracker the malware family), shown in the finding's explanation.
 *
 * <p>Formats read, chosen by content:
 * <ul>
 * <li>plain lists: one address, CIDR or domain per line; {@code #} and {@code ;} start comments,
 *     anything after the first white space or comma on a line is ignored;</li>
 * <li>abuse.ch Feodo Tracker CSV ({@code first_seen_utc,dst_ip,dst_port,c2_status,last_online,malware},
 *     quoted or not, {@code #} comment header);</li>
 * <li>abuse.ch Feodo Tracker JSON (an array of objects with {@code ip_address} and {@code malware}).</li>
 * </ul>
 * Nothing is fetched from the network.
 */
public final class IntelSet {
    private static final long MAX_FILE = 256L << 20;

    private final Map<IpAddress, String> addresses = new HashMap<>();
    private final List<Cidr> prefixes = new ArrayList<>();
    private final List<String> prefixNotes = new ArrayList<>();
    private final Map<String, String> domains = new HashMap<>();

    private IntelSet() {
    }

    /** An empty set. */
    public static IntelSet empty() {
        return new IntelSet();
    }

    /** Reads indicator files. */
    public static IntelSet load(List<Path> files) throws IOException {
        IntelSet s = new IntelSet();
        for (Path f : files) {
            if (Files.size(f) > MAX_FILE) {
                throw new IOException(f + ": intel file larger than 256 MB");
            }
            String text = Files.readString(f, StandardCharsets.UTF_8);
            String name = f.getFileName().toString();
            String trimmed = text.stripLeading();
            if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
                s.readFeodoJson(text, name, f);
            } else {
                s.readLines(text, name);
            }
        }
        return s;
    }

    /** Builds a set from entries (tests). */
    public static IntelSet of(List<String> entries, String note) {
        IntelSet s = new IntelSet();
        for (String e : entries) {
            s.addToken(e, note);
        }
        return s;
    }

    public boolean isEmpty() {
        return addresses.isEmpty() && prefixes.isEmpty() && domains.isEmpty();
    }

    public int size() {
        return addresses.size() + prefixes.size() + domains.size();
    }

    /** The note of the indicator matching this address, or null. */
    public String matchAddress(long hi, long lo) {
        String n = addresses.get(new IpAddress(hi, lo));
        if (n != null) {
            return n;
        }
        for (int i = 0; i < prefixes.size(); i++) {
            if (prefixes.get(i).contains(hi, lo)) {
                return prefixNotes.get(i);
            }
        }
        return null;
    }

    /** The note of the indicator matching this name or a parent domain, or null. */
    public String matchDomain(String name) {
        if (name == null || domains.isEmpty()) {
            return null;
        }
        String n = normalise(name);
        while (true) {
            String note = domains.get(n);
            if (note != null) {
                return note;
            }
            int dot = n.indexOf('.');
            if (dot < 0) {
                return null;
            }
            n = n.substring(dot + 1);
        }
    }

    private void readLines(String text, String name) {
        int header = -1;
        int malware = -1;
        for (String raw : text.split("\r?\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#") || line.startsWith(";")) {
                // Feodo CSV: the column header is a comment line ("# first_seen_utc,dst_ip,...")
                String h = line.replaceFirst("^[#;]\\s*", "").replace("\"", "").toLowerCase(Locale.ROOT);
                if (h.contains("dst_ip")) {
                    String[] cols = h.split(",", -1);
                    for (int i = 0; i < cols.length; i++) {
                        if (cols[i].strip().equals("dst_ip")) {
                            header = i;
                        } else if (cols[i].strip().equals("malware")) {
                            malware = i;
                        }
                    }
                }
                continue;
            }
            if (header >= 0 || line.startsWith("\"") || line.startsWith("first_seen")) {
                String[] cols = line.replace("\"", "").split(",", -1);
                if (cols[0].strip().equals("first_seen_utc")) {
                    for (int i = 0; i < cols.length; i++) {
                        if (cols[i].strip().equals("dst_ip")) {
                            header = i;
                        } else if (cols[i].strip().equals("malware")) {
                            malware = i;
                        }
                    }
                    continue;
                }
                int ip = header >= 0 ? header : 1;
                if (cols.length > ip) {
                    String fam = malware >= 0 && cols.length > malware ? cols[malware].strip() : "";
                    addToken(cols[ip].strip(), fam.isEmpty() ? name : name + ", " + fam);
                }
                continue;
            }
            int cut = line.length();
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (Character.isWhitespace(c) || c == ',' || c == '#') {
                    cut = i;
                    break;
                }
            }
            addToken(line.substring(0, cut), name);
        }
    }

    private void readFeodoJson(String text, String name, Path file) throws IOException {
        try (JsonParser p = Json.FACTORY.createParser(text)) {
            String ip = null;
            String fam = null;
            int depth = 0;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_OBJECT) {
                    depth++;
                    if (depth == 1) {
                        ip = null;
                        fam = null;
                    }
                } else if (t == JsonToken.END_OBJECT) {
                    if (depth == 1 && ip != null) {
                        addToken(ip, fam == null ? name : name + ", " + fam);
                    }
                    depth--;
                } else if (t == JsonToken.FIELD_NAME && depth == 1) {
                    String field = p.currentName();
                    JsonToken v = p.nextToken();
                    if (v == JsonToken.VALUE_STRING) {
                        if (field.equals("ip_address") || field.equals("dst_ip") || field.equals("ip")) {
                            ip = p.getText();
                        } else if (field.equals("malware")) {
                            fam = p.getText();
                        }
                    } else if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                        p.skipChildren();
                    }
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": not a Feodo Tracker JSON export: " + e.getOriginalMessage());
        }
    }

    private void addToken(String token, String note) {
        String t = token.strip();
        if (t.isEmpty()) {
            return;
        }
        if (t.indexOf('/') > 0) {
            try {
                Cidr c = Cidr.parse(t);
                prefixes.add(c);
                prefixNotes.add(note);
            } catch (IllegalArgumentException e) {
                // not a prefix: ignore the line
            }
            return;
        }
        long[] hl = new long[2];
        if (IpAddress.parse(t, 0, t.length(), hl)) {
            addresses.putIfAbsent(new IpAddress(hl[0], hl[1]), note);
            return;
        }
        String d = normalise(t);
        if (d.indexOf('.') > 0 && d.chars().allMatch(c -> c == '.' || c == '-' || c == '_' || Character.isLetterOrDigit(c))) {
            domains.putIfAbsent(d, note);
        }
    }

    private static String normalise(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("*.")) {
            n = n.substring(2);
        }
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    /**
     * Made on first use: {@code detect} without {@code --intel} loads this class but never parses
     * JSON, and a JsonFactory made at class load would load about 50 Jackson classes for nothing.
     */
    private static final class Json {
        static final JsonFactory FACTORY = new JsonFactory();

        private Json() {
        }
    }
}
