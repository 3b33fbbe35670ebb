package org.beaconwatch.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes {@code conn.log} and {@code ssl.log} in Zeek's TSV layout (header lines, tab-separated
 * rows, "-" for unset, {@code #close} footer), formatting every field straight into bytes.
 * ssl.log rows share the uid of their conn.log row; their ts is the conn ts plus the handshake
 * time (a quarter of the duration, at most 40 ms), so ssl.log is sorted to within 40 ms.
 * conn.log and ssl.log rows may be written by two different threads (one each).
 */
final class ZeekLogWriter implements AutoCloseable {
    static final String CONN_FIELDS = "ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration"
            + "\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts"
            + "\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents";
    static final String CONN_TYPES = "time\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount"
            + "\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]";
    static final String SSL_FIELDS = "ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tversion\tcipher\tcurve"
            + "\tserver_name\tresumed\tlast_alert\tnext_protocol\testablished\tssl_history\tcert_chain_fps"
            + "\tclient_cert_chain_fps\tsni_matches_cert";
    static final String SSL_TYPES = "time\tstring\taddr\tport\taddr\tport\tstring\tstring\tstring\tstring\tbool"
            + "\tstring\tstring\tbool\tstring\tvector[string]\tvector[string]\tbool";

    private static final DateTimeFormatter ZEEK_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final byte[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] SERVICE = bytes("-", "ssl", "http", "dns", "ntp");
    private static final byte[][] STATE = bytes("SF", "S0", "REJ", "RSTO", "RSTR");
    private static final byte[][] HISTORY = bytes("ShADadFf", "ShADadfF", "ShADadR", "ShADadr", "S", "Sr", "Dd", "D");
    private static final byte[] TCP = ascii("tcp");
    private static final byte[] UDP = ascii("udp");
    private static final byte[] TLS12 = ascii("TLSv12");
    private static final byte[] TLS13 = ascii("TLSv13");
    private static final byte[] AES128_13 = ascii("TLS_AES_128_GCM_SHA256");
    private static final byte[] AES256_13 = ascii("TLS_AES_256_GCM_SHA384");
    private static final byte[] AES128_12 = ascii("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    private static final byte[] AES256_12 = ascii("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
    private static final byte[] X25519 = ascii("x25519");
    private static final byte[] SECP256 = ascii("secp256r1");
    private static final byte[] H2 = ascii("h2");
    private static final byte[] HTTP11 = ascii("http/1.1");
    private static final byte[] HIST13 = ascii("CsiI");
    private static final byte[] HIST12 = ascii("CsxknGIi");

    private final AsciiOut conn;
    private final AsciiOut ssl;
    private final byte[][] names;
    private final byte[][] certFps;
    private final long uidKey;
    private final byte[] uid = new byte[18];
    private final byte[] sslUid = new byte[18];
    long connRows;
    long sslRows;

    /**
     * Writes to the given streams (closed by {@link #close()}); the caller makes them atomic
     * (temporary files moved into place once everything was written).
     */
    ZeekLogWriter(OutputStream connLog, OutputStream sslLog, byte[][] names, long seed, Instant open)
            throws IOException {
        this.names = names;
        this.certFps = new byte[names.length][];
        this.uidKey = Sampling.mix64(seed ^ 0x00C0_FFEEL);
        this.conn = new AsciiOut(connLog);
        this.ssl = new AsciiOut(sslLog);
        header(conn, "conn", CONN_FIELDS, CONN_TYPES, open);
        header(ssl, "ssl", SSL_FIELDS, SSL_TYPES, open);
    }

    private static void header(AsciiOut out, String path, String fields, String types, Instant open) throws IOException {
        out.putText("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\t" + path
                + "\n#open\t" + ZEEK_TIME.format(open) + "\n#fields\t" + fields + "\n#types\t" + types + "\n");
    }

    /** Writes the footer lines with the given close time. */
    void finish(Instant close) throws IOException {
        String line = "#close\t" + ZEEK_TIME.format(close) + "\n";
        conn.putText(line);
        ssl.putText(line);
    }

    /**
     * Writes row {@code i} of {@code ev} to conn.log as data row number {@link #connRows}.
     * Only one thread may call this; {@link #writeSsl} may run on another thread.
     */
    void writeConn(ConnEvents ev, int i) throws IOException {
        makeUid(connRows, uid);
        AsciiOut o = conn;
        o.ensureRoom();
        long ts = ev.ts[i];
        boolean udpRow = (ev.flags[i] & ConnEvents.F_UDP) != 0;
        long dur = ev.duration[i];
        long ob = ev.origBytes[i];
        long rb = ev.respBytes[i];
        int op = ev.origPkts[i];
        int rp = ev.respPkts[i];
        int hdr = udpRow ? 28 : 52;
        o.putTimestamp(ts).tab().put(uid).tab().putIpv4(ev.src[i]).tab().putLong(ev.srcPort[i]).tab()
                .putIpv4(ev.dst[i]).tab().putLong(ev.dstPort[i]).tab().put(udpRow ? UDP : TCP).tab()
                .put(SERVICE[ev.service[i]]).tab();
        if (dur < 0) {
            o.put((byte) '-').tab().put((byte) '-').tab().put((byte) '-').tab();
        } else {
            o.putMicros(dur).tab().putLong(ob).tab().putLong(rb).tab();
        }
        o.put(STATE[ev.state[i]]).tab().put((byte) 'T').tab()
                .put((ev.flags[i] & ConnEvents.F_LOCAL_RESP) != 0 ? (byte) 'T' : (byte) 'F').tab()
                .put((byte) '0').tab().put(HISTORY[ev.history[i]]).tab()
                .putLong(op).tab().putLong(ob + (long) op * hdr).tab()
                .putLong(rp).tab().putLong(rb + (long) rp * hdr).tab().put((byte) '-').newline();
        connRows++;
    }

    /** True when row {@code i} is an established TLS connection that gets an ssl.log row. */
    static boolean hasSsl(ConnEvents ev, int i) {
        byte st = ev.state[i];
        return ev.sni[i] >= 0 && ev.service[i] == ConnEvents.SVC_SSL && st != ConnEvents.ST_S0
                && st != ConnEvents.ST_REJ;
    }

    /** Writes the ssl.log row of row {@code i}, which is conn.log data row number {@code connRow} (for the uid). */
    void writeSsl(ConnEvents ev, int i, long connRow) throws IOException {
        makeUid(connRow, sslUid);
        int sni = ev.sni[i];
        long handshake = Math.min(Math.max(ev.duration[i], 0) / 4, 40_000L);
        AsciiOut o = ssl;
        o.ensureRoom();
        byte tls = ev.tls[i];
        boolean v13 = (tls & ConnEvents.TLS_V13) != 0;
        boolean aes256 = (tls & ConnEvents.TLS_AES256) != 0;
        o.putTimestamp(ev.ts[i] + handshake).tab().put(sslUid).tab().putIpv4(ev.src[i]).tab().putLong(ev.srcPort[i]).tab()
                .putIpv4(ev.dst[i]).tab().putLong(ev.dstPort[i]).tab().put(v13 ? TLS13 : TLS12).tab()
                .put(v13 ? (aes256 ? AES256_13 : AES128_13) : (aes256 ? AES256_12 : AES128_12)).tab()
                .put(v13 ? X25519 : SECP256).tab().put(names[sni]).tab()
                .put((tls & ConnEvents.TLS_RESUMED) != 0 ? (byte) 'T' : (byte) 'F').tab().put((byte) '-').tab();
        if ((tls & ConnEvents.TLS_H2) != 0) {
            o.put(H2);
        } else if ((tls & ConnEvents.TLS_HTTP11) != 0) {
            o.put(HTTP11);
        } else {
            o.put((byte) '-');
        }
        o.tab().put((byte) 'T').tab().put(v13 ? HIST13 : HIST12).tab();
        if (v13) {
            o.put((byte) '-').tab().put((byte) '-').tab().put((byte) '-').newline();
        } else {
            o.put(certFp(sni)).tab().put((byte) '-').tab().put((byte) 'T').newline();
        }
        sslRows++;
    }

    private byte[] certFp(int sni) {
        byte[] fp = certFps[sni];
        if (fp == null) {
            fp = new byte[64];
            long h = uidKey ^ sni;
            for (int k = 0; k < 64; k += 16) {
                h = Sampling.mix64(h + 0x9e3779b97f4a7c15L);
                for (int j = 0; j < 16; j++) {
                    fp[k + j] = (byte) "0123456789abcdef".charAt((int) ((h >>> (4 * j)) & 0xf));
                }
            }
            certFps[sni] = fp;
        }
        return fp;
    }

    /**
     * Zeek-style uid: "C" and 17 base62 characters. Characters 1–12 encode the two 32-bit halves
     * of a bijective mix of the row number, least significant digit first (so uids never repeat
     * within a file and do not share a leading character); the last 5 come from a second mix.
     */
    private void makeUid(long row, byte[] uid) {
        long v = Sampling.mix64(row + uidKey);
        uid[0] = 'C';
        base62(v & 0xffff_ffffL, uid, 1, 6);
        base62(v >>> 32, uid, 7, 6);
        base62(Sampling.mix64(v ^ 0x5a5a_5a5aL) >>> 34, uid, 13, 5);
    }

    /** Writes {@code n} base62 digits of a non-negative value below 2^32 into uid[at..at+n), least significant first. */
    private static void base62(long x, byte[] uid, int at, int n) {
        for (int k = at; k < at + n; k++) {
            long q = x / 62;
            uid[k] = BASE62[(int) (x - q * 62)];
            x = q;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            conn.close();
        } finally {
            ssl.close();
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[][] bytes(String... s) {
        byte[][] b = new byte[s.length][];
        for (int i = 0; i < s.length; i++) {
            b[i] = ascii(s[i]);
        }
        return b;
    }
}
