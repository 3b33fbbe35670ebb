package org.beaconwatch.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.beaconwatch.score.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ECS JSON, RFC 5424 syslog over UDP and TCP against listeners on 127.0.0.1, and the spool. */
class SiemOutputTest {
    private static final AlertInfo ALERT = new AlertInfo("a1b2", 1_700_000_100_000_000L, AlertInfo.Reason.NEW);

    @Test
    void ecsCarriesTheEcsFieldsAndTheAlertFields() throws IOException {
        Finding f = FindingWriterTest.finding("evil.example");
        String line = new String(AlertSink.line(f, ALERT, true), StandardCharsets.UTF_8);
        assertThat(line).endsWith("}\n").contains("\"@timestamp\":\"2023-11-15T21:13:20.000001Z\"")
                .contains("\"event\":{\"kind\":\"alert\",\"category\":[\"network\",\"intrusion_detection\"]")
                .contains("\"source\":{\"ip\":\"10.0.0.5\"}")
                .contains("\"destination\":{\"ip\":\"198.51.100.7\",\"port\":443,\"domain\":\"evil.example\"}")
                .contains("\"network\":{\"transport\":\"tcp\"}").contains("\"risk_score\":91.234")
                .contains("\"id\":\"a1b2\"").contains("\"reason\":\"new\"");
        String plain = new String(AlertSink.line(f, ALERT, false), StandardCharsets.UTF_8);
        assertThat(plain).contains("\"alert_id\":\"a1b2\",\"first_alerted\":\"2023-11-14T22:15:00.000000Z\","
                + "\"reason\":\"new\"").startsWith("{\"rank\":1,\"score\":0.91234");
        String detectEcs = FindingWriterTest.write(FindingWriter.of(OutputFormat.parse("ecs"), 20), List.of(f));
        assertThat(detectEcs).contains("\"module\":\"beaconwatch\"").doesNotContain("alert_id");
        String two = FindingWriterTest.write(FindingWriter.jsonLines(), List.of(f, f.withRank(2)));
        assertThat(two.lines()).hasSize(2).allMatch(l -> l.startsWith("{\"rank\":"));
    }

    @Test
    void syslogMessageIsRfc5424WithEscapedStructuredData() throws IOException {
        Finding f = FindingWriterTest.finding("a\"]\\b");
        String m = new String(SyslogOutput.message(f, ALERT, false, "sensor1", java.time.Instant.EPOCH),
                StandardCharsets.UTF_8);
        // PRI = local0 (16) * 8 + crit (2) = 130
        assertThat(m).startsWith("<130>1 1970-01-01T00:00:00.000000Z sensor1 beaconwatch ")
                .contains(" alert [beaconwatch@32473 score=\"0.912\" severity=\"critical\" type=\"beacon\" "
                        + "src=\"10.0.0.5\" dst=\"a\\\"\\]\\\\b\" dst_port=\"443\" alert_id=\"a1b2\" reason=\"new\"] {")
                .endsWith("}");
    }

    @Test
    void udpDeliversEachAlertAsOneDatagram(@TempDir Path tmp) throws Exception {
        try (DatagramSocket listener = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            listener.setSoTimeout(10_000);
            SyslogOutput out = new SyslogOutput(SyslogOutput.Target.parse("127.0.0.1:" + listener.getLocalPort()),
                    tmp.resolve("spool"), 8L << 20, true, w -> { });
            for (int i = 0; i < 3; i++) {
                out.emit(FindingWriterTest.finding("n" + i + ".example"), null);
            }
            List<String> got = new ArrayList<>();
            byte[] buf = new byte[70_000];
            for (int i = 0; i < 3; i++) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                listener.receive(p);
                got.add(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8));
            }
            assertThat(out.close(5000)).isZero();
            assertThat(got).hasSize(3);
            assertThat(got.get(0)).startsWith("<130>1 ").contains("\"domain\":\"n0.example\"");
            assertThat(got.get(2)).contains("n2.example");
        }
    }

    @Test
    void deadTcpReceiverIsReportedAndQueuedAlertsArriveWhenItComesBack(@TempDir Path tmp) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        List<String> warnings = new CopyOnWriteArrayList<>();
        Path spool = tmp.resolve("spool");
        SyslogOutput out = new SyslogOutput(SyslogOutput.Target.parse("tcp://127.0.0.1:" + port), spool, 8L << 20,
                false, warnings::add);
        long t0 = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            out.emit(FindingWriterTest.finding("q" + i + ".example"), ALERT);
        }
        assertThat((System.nanoTime() - t0) / 1e9).as("emit does not wait for the receiver").isLessThan(5);
        // a dead receiver: nothing is lost, the alerts stay queued on disk after close
        long deadline = System.currentTimeMillis() + 10_000;
        while (warnings.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(warnings).anyMatch(w -> w.contains("cannot send to tcp://127.0.0.1:" + port));
        assertThat(out.close(200)).isEqualTo(5);
        // the receiver comes back; a new run with the same spool sends the queued alerts, in order
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        try (ServerSocket server = new ServerSocket(port, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = server.accept(); DataInputStream in = new DataInputStream(s.getInputStream())) {
                    while (received.size() < 6) {
                        StringBuilder len = new StringBuilder();
                        int c;
                        while ((c = in.read()) != ' ') {
                            if (c < 0) {
                                return;
                            }
                            len.append((char) c);
                        }
                        byte[] m = new byte[Integer.parseInt(len.toString())];
                        in.readFully(m);
                        received.add(new String(m, StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    // test ends
                }
            });
            t.start();
            SyslogOutput again = new SyslogOutput(SyslogOutput.Target.parse("tcp://127.0.0.1:" + port), spool,
                    8L << 20, false, warnings::add);
            again.emit(FindingWriterTest.finding("q5.example"), ALERT);
            assertThat(again.close(10_000)).isZero();
            t.join(10_000);
        }
        assertThat(received).hasSize(6);
        for (int i = 0; i < 6; i++) {
            assertThat(received.get(i)).contains("\"server_name\":\"q" + i + ".example\"").contains("\"alert_id\":\"a1b2\"");
        }
    }

    @Test
    void spoolIsBoundedAndCountsWhatItDrops(@TempDir Path tmp) throws IOException {
        SpoolQueue q = new SpoolQueue(tmp, 2L << 20);
        byte[] m = new byte[100_000];
        for (int i = 0; i < 40; i++) {
            m[0] = (byte) i;
            q.append(m);
        }
        assertThat(q.dropped()).isPositive();
        assertThat(q.pending() + q.dropped()).isEqualTo(40);
        byte[] first = q.peek();
        assertThat(first[0]).isEqualTo((byte) q.dropped());
        q.ack(first);
        SpoolQueue reopened = new SpoolQueue(tmp, 2L << 20);
        assertThat(reopened.pending()).isEqualTo(40 - q.dropped() - 1);
        assertThat(reopened.peek()[0]).isEqualTo((byte) (q.dropped() + 1));
    }
}
