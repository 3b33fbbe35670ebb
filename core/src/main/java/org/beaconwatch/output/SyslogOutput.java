package org.beaconwatch.output;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;
import org.beaconwatch.score.Finding;
import org.beaconwatch.score.Severity;

/**
 * Sends findings to a syslog receiver as RFC 5424 messages over UDP (one datagram each, RFC 5426)
 * or TCP (octet-counting framing, RFC 6587 section 3.4.1). The message body is the finding's JSON
 * object (flat or ECS), with the main figures repeated as structured data
 * {@code [beaconwatch@32473 ...]}.
 *
 * <p>Detection never waits for the receiver: {@link #emit} appends the message to a bounded
 * on-disk {@link SpoolQueue} and returns; a background thread sends from the queue, retrying with
 * backoff (0.5 s doubling to 30 s) while the receiver is slow or down. Outages, recoveries and
 * messages dropped by the spool bound are reported through the warning callback (the library
 * never prints). Messages still queued at {@link #close(long)} stay on disk and are sent by the
 * next run that uses the same spool folder.
 */
public final class SyslogOutput implements AlertSink {
    /** Facility local0 (16): configurable per receiver, the usual choice for a security tool. */
    static final int FACILITY = 16;
    /** Private enterprise number used in the structured-data id (RFC 5424 example number). */
    static final String SD_ID = "beaconwatch@32473";
    /** Largest UDP message; longer bodies are cut (RFC 5426 recommends staying under the path MTU). */
    static final int MAX_UDP = 65_000;
    private static final long FIRST_BACKOFF_MS = 500;
    private static final long MAX_BACKOFF_MS = 30_000;

    /** Transport. */
    public enum Transport { UDP, TCP }

    /**
     * Where to send: host, port and transport.
     *
     * @param host      receiver name or address
     * @param port      receiver port
     * @param transport UDP or TCP
     */
    public record Target(String host, int port, Transport transport) {
        /**
         * Parses {@code host:port}, {@code udp://host:port} or {@code tcp://host:port} (default UDP);
         * an IPv6 host goes in brackets.
         */
        public static Target parse(String s) {
            Transport t = Transport.UDP;
            String v = s.trim();
            String lower = v.toLowerCase(Locale.ROOT);
            if (lower.startsWith("udp://")) {
                v = v.substring(6);
            } else if (lower.startsWith("tcp://")) {
                t = Transport.TCP;
                v = v.substring(6);
            }
            int colon = v.lastIndexOf(':');
            if (colon <= 0 || colon == v.length() - 1) {
                throw new IllegalArgumentException("expected host:port, udp://host:port or tcp://host:port, got '" + s + "'");
            }
            String host = v.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(v.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad port in '" + s + "'");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1-65535 in '" + s + "'");
            }
            return new Target(host, port, t);
        }
    }

    private final Target target;
    private final SpoolQueue queue;
    private final boolean ecs;
    private final String hostname;
    private final Consumer<String> warnings;
    private final Thread sender;
    private final Object signal = new Object();
    private volatile boolean closing;
    private final java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
    private Socket tcp;
    private DatagramSocket udp;

    /**
     * Opens the output and starts its sender thread.
     *
     * @param spool     folder of the on-disk queue (kept between runs)
     * @param maxSpool  bound on the queue in bytes
     * @param ecs       ECS-shaped JSON bodies instead of detect's flat objects
     * @param warnings  receives one line per outage, recovery or drop
     */
    public SyslogOutput(Target target, Path spool, long maxSpool, boolean ecs, Consumer<String> warnings)
            throws IOException {
        this.target = target;
        this.queue = new SpoolQueue(spool, maxSpool);
        this.ecs = ecs;
        this.warnings = warnings;
        this.hostname = hostname();
        this.sender = new Thread(this::run, "beaconwatch-syslog");
        sender.setDaemon(true);
        sender.start();
    }

    private static String hostname() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                h = "-";
            }
        }
        return printable(h, 255);
    }

    @Override
    public void emit(Finding finding, AlertInfo alert) throws IOException {
        queue.append(message(finding, alert, ecs, hostname, Instant.now()));
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    @Override
    public void flush() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /** Messages sent so far. */
    public long sent() {
        return sent.get();
    }

    /** Messages waiting in the spool. */
    public long pending() throws IOException {
        return queue.pending();
    }

    /** One RFC 5424 message (no framing). */
    static byte[] message(Finding f, AlertInfo alert, boolean ecs, String hostname, Instant now) throws IOException {
        int pri = FACILITY * 8 + syslogSeverity(f.severity());
        StringBuilder sb = new StringBuilder(256);
        sb.append('<').append(pri).append(">1 ").append(FindingWriter.isoMicros(now.getEpochSecond() * 1_000_000L
                + now.getNano() / 1000)).append(' ').append(hostname).append(' ').append(FindingJson.PRODUCT)
                .append(' ').append(ProcessHandle.current().pid()).append(' ')
                .append(alert != null ? "alert" : f.alert() ? "alert" : "finding").append(" [").append(SD_ID);
        param(sb, "score", FindingWriter.num(f.score(), 3));
        param(sb, "severity", f.severity().label());
        param(sb, "type", f.type().label());
        param(sb, "src", f.src());
        param(sb, "dst", f.serverName() != null ? f.serverName() : f.dst());
        if (f.dstPort() >= 0) {
            param(sb, "dst_port", Integer.toString(f.dstPort()));
        }
        if (alert != null) {
            param(sb, "alert_id", alert.alertId());
            param(sb, "reason", alert.reason().label());
        }
        sb.append("] ");
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] body = AlertSink.line(f, alert, ecs);
        byte[] m = new byte[head.length + body.length - 1];
        System.arraycopy(head, 0, m, 0, head.length);
        System.arraycopy(body, 0, m, head.length, body.length - 1); // without the line break
        return m;
    }

    /** RFC 5424 severity: critical → 2 crit, high → 3 err, medium → 4 warning, low → 5 notice, none → 6 info. */
    static int syslogSeverity(Severity s) {
        return switch (s) {
            case CRITICAL -> 2;
            case HIGH -> 3;
            case MEDIUM -> 4;
            case LOW -> 5;
            default -> 6;
        };
    }

    private static void param(StringBuilder sb, String name, String value) {
        sb.append(' ').append(name).append("=\"");
        String v = value == null ? "" : value;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\' || c == ']') {
                sb.append('\\');
            }
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        sb.append('"');
    }

    /** Printable US-ASCII only (RFC 5424 header fields), at most {@code max} characters. */
    private static String printable(String s, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < max; i++) {
            char c = s.charAt(i);
            sb.append(c > 32 && c < 127 ? c : '_');
        }
        return sb.length() == 0 ? "-" : sb.toString();
    }

    private void run() {
        long backoff = FIRST_BACKOFF_MS;
        boolean down = false;
        long reportedDrops = 0;
        while (true) {
            try {
                long d = queue.dropped();
                if (d > reportedDrops) {
                    warnings.accept("syslog: spool full, dropped " + (d - reportedDrops) + " oldest messages for "
                            + describe());
                    reportedDrops = d;
                }
                byte[] m = queue.peek();
                if (m == null) {
                    if (closing) {
                        return;
                    }
                    synchronized (signal) {
                        if (queue.peek() == null && !closing) {
                            signal.wait(200);
                        }
                    }
                    continue;
                }
                send(m);
                queue.ack(m);
                sent.incrementAndGet();
                if (down) {
                    warnings.accept("syslog: " + describe() + " reachable again; sending queued messages");
                    down = false;
                }
                backoff = FIRST_BACKOFF_MS;
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                disconnect();
                if (!down) {
                    warnings.accept("syslog: cannot send to " + describe() + " (" + e.getMessage()
                            + "); alerts are kept in the spool and retried");
                    down = true;
                }
                if (closing) {
                    return;
                }
                synchronized (signal) {
                    try {
                        signal.wait(backoff);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    private String describe() {
        return target.transport().name().toLowerCase(Locale.ROOT) + "://" + Finding.addressPort(target.host(),
                target.port());
    }

    private void send(byte[] m) throws IOException {
        if (target.transport() == Transport.UDP) {
            if (udp == null) {
                udp = new DatagramSocket();
                udp.connect(new InetSocketAddress(target.host(), target.port()));
            }
            udp.send(new DatagramPacket(m, Math.min(m.length, MAX_UDP)));
        } else {
            if (tcp == null) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress(target.host(), target.port()), 5000);
                s.setSoTimeout(5000);
                tcp = s;
            }
            OutputStream o = tcp.getOutputStream();
            o.write((m.length + " ").getBytes(StandardCharsets.US_ASCII));
            o.write(m);
            o.flush();
        }
    }

    private void disconnect() {
        try {
            if (tcp != null) {
                tcp.close();
            }
        } catch (IOException e) {
            // closing a broken socket
        }
        tcp = null;
        if (udp != null) {
            udp.close();
        }
        udp = null;
    }

    /**
     * Waits up to {@code timeoutMillis} for the queue to drain, then stops the sender.
     *
     * @return messages still queued on disk (sent by the next run with the same spool)
     */
    public long close(long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        flush();
        while (System.nanoTime() < deadline && sender.isAlive() && queue.peek() != null) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        closing = true;
        sender.interrupt();
        try {
            sender.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        disconnect();
        return queue.pending();
    }

    @Override
    public void close() throws IOException {
        close(5000);
    }
}
