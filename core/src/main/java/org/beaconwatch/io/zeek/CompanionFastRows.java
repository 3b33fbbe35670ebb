package org.beaconwatch.io.zeek;

import java.nio.charset.StandardCharsets;
import org.beaconwatch.flow.NameSource;
import org.beaconwatch.io.ClientSignatures;
import org.beaconwatch.io.LogFormat;
import org.beaconwatch.io.spi.ServerNames;

/**
 * Byte-level row reader for ssl.log and http.log TSV: finds the few columns the join needs
 * without building a String per field or a map per row; same results and messages as the
 * general path (bench/detect-e2e.sh: companion read 3.5 s -> see the commit message).
 */
final class CompanionFastRows {
    private static final byte OTHER = 0, UID = 1, SERVER = 2, METHOD = 3, URI = 4, HOST = 5, ORIG = 6, RESP = 7,
            AGENT = 8, JA3 = 9;
    private final LogFormat format;
    private final byte[] kinds;
    private final ClientSignatures clients;

    private CompanionFastRows(LogFormat format, byte[] kinds, ClientSignatures clients) {
        this.format = format;
        this.kinds = kinds;
        this.clients = clients;
    }

    static CompanionFastRows of(LogFormat format, String[] fields, ClientSignatures clients) {
        if (format != LogFormat.ZEEK_SSL && format != LogFormat.ZEEK_HTTP) {
            return null;
        }
        byte[] k = new byte[fields.length];
        for (int i = 0; i < fields.length; i++) {
            k[i] = switch (fields[i]) {
                case "uid" -> UID;
                case "server_name" -> format == LogFormat.ZEEK_SSL ? SERVER : OTHER;
                case "method" -> format == LogFormat.ZEEK_HTTP ? METHOD : OTHER;
                case "uri" -> format == LogFormat.ZEEK_HTTP ? URI : OTHER;
                case "host" -> format == LogFormat.ZEEK_HTTP ? HOST : OTHER;
                case "id.orig_h" -> clients != null ? ORIG : OTHER;
                case "id.resp_h" -> clients != null ? RESP : OTHER;
                case "user_agent" -> clients != null && format == LogFormat.ZEEK_HTTP ? AGENT : OTHER;
                case "ja3" -> clients != null && format == LogFormat.ZEEK_SSL ? JA3 : OTHER;
                default -> OTHER;
            };
        }
        return new CompanionFastRows(format, k, clients);
    }

    String row(byte[] a, int s, int e, byte sep, String unset, String empty, ServerNames names) {
        int count = 1;
        for (int i = s; i < e; i++) {
            if (a[i] == sep) {
                count++;
            }
        }
        if (count != kinds.length) {
            return "expected " + kinds.length + " tab-separated fields, found " + count;
        }
        int uidP = -1, uidQ = -1;
        String uid = null, server = null, method = null, uri = null, host = null;
        String orig = null, resp = null, agent = null, ja3 = null;
        int p = s;
        for (int c = 0; c < kinds.length; c++) {
            int q = p;
            while (q < e && a[q] != sep) {
                q++;
            }
            byte kind = kinds[c];
            if (kind == UID) {
                if (ascii(a, p, q) && !is(a, p, q, unset) && !is(a, p, q, empty)) {
                    uidP = p;
                    uidQ = q;
                    uid = null;
                } else {
                    String v = value(a, p, q, unset, empty);
                    if (v != null) {
                        uid = v;
                        uidP = -1;
                    }
                }
            } else if (kind != OTHER) {
                String v = value(a, p, q, unset, empty);
                if (v != null) {
                    switch (kind) {
                        case SERVER -> server = v;
                        case METHOD -> method = v;
                        case URI -> uri = v;
                        case ORIG -> orig = v;
                        case RESP -> resp = v;
                        case AGENT -> agent = v;
                        case JA3 -> ja3 = v;
                        default -> host = v;
                    }
                }
            }
            p = q + 1;
        }
        String name;
        NameSource src;
        if (format == LogFormat.ZEEK_SSL) {
            name = server;
            src = NameSource.TLS_SNI;
        } else if ("CONNECT".equalsIgnoreCase(method)) {
            name = CompanionSink.hostOnly(uri != null ? uri : host);
            src = NameSource.HTTP_CONNECT;
        } else {
            name = CompanionSink.hostOnly(host);
            src = NameSource.HTTP_HOST;
        }
        if (uidP >= 0) {
            names.put(a, uidP, uidQ, name, src);
        } else {
            names.put(uid, name, src);
        }
        if (clients != null) {
            CompanionSink.client(clients, format, orig, resp, name, src, agent, ja3);
        }
        return null;
    }

    /** True when [p, q) is plain ASCII without escapes (its String is the same bytes). */
    private static boolean ascii(byte[] a, int p, int q) {
        for (int i = p; i < q; i++) {
            if (a[i] < 0x20 || a[i] == '\\') {
                return false;
            }
        }
        return true;
    }

    private static boolean is(byte[] a, int p, int q, String v) {
        if (q - p != v.length()) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            if (a[p + i] != v.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String value(byte[] a, int p, int q, String unset, String empty) {
        String v = new String(a, p, q - p, StandardCharsets.UTF_8);
        if (v.equals(unset) || v.equals(empty)) {
            return null;
        }
        return v.indexOf('\\') >= 0 ? ZeekEscapes.unescape(v) : v;
    }
}
