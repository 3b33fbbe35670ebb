package org.beaconwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.beaconwatch.live.ZeekLayout;
import org.beaconwatch.sim.SimulationConfig;
import org.beaconwatch.sim.SimulationResult;
import org.beaconwatch.sim.Simulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** watch --replay end to end: alerts, kill -9 and SIGTERM with a restart, and detect --syslog. */
class WatchCommandTest {
    @TempDir
    static Path tmp;
    static SimulationResult sim;
    static Path zeek;

    @BeforeAll
    static void simulate() throws IOException {
        sim = Simulator.simulate(SimulationConfig.smallOffice().withHosts(8), tmp.resolve("sim"));
        zeek = tmp.resolve("zeek");
        ZeekLayout.rotateHourly(sim.connLog(), "conn", zeek);
        ZeekLayout.rotateHourly(sim.sslLog(), "ssl", zeek);
    }

    private static List<String> args(Path out, Path state) {
        List<String> a = new ArrayList<>(List.of("watch", zeek.toString(), "--replay", "--window", "6h",
                "--out", out.toString(), "--threads", "1"));
        if (state != null) {
            a.addAll(List.of("--state", state.toString(), "--checkpoint-every", "0s"));
        }
        return a;
    }

    private static Process start(List<String> args, Path dir) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "org.beaconwatch.cli.Main"));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectOutput(dir.resolve("out-" + System.nanoTime()).toFile())
                .redirectError(dir.resolve("err-" + System.nanoTime()).toFile()).start();
    }

    private static void waitForLines(Path out, Path state, int lines, Process p) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline && p.isAlive()) {
            if (Files.exists(state.resolve("checkpoint.bin")) && Files.exists(out)
                    && Files.readAllLines(out).size() >= lines) {
                return;
            }
            Thread.sleep(20);
        }
    }

    @Test
    void killNineAndSigtermThenRestartGiveTheSameAlertsAsOneRun() throws Exception {
        Path whole = tmp.resolve("whole.jsonl");
        CliRunner.Result r = CliRunner.run(args(whole, null).toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
        List<String> expected = Files.readAllLines(whole);
        assertThat(expected).isNotEmpty().allMatch(l -> l.contains("\"alert_id\":\"") && l.contains("\"reason\":\""));
        assertThat(expected.get(0)).contains("\"reason\":\"new\"").contains("\"first_alerted\":\"2026-01-05T");

        Path out = tmp.resolve("restarted.jsonl");
        Path state = tmp.resolve("state");
        Process p = start(args(out, state), tmp);
        waitForLines(out, state, 2, p);
        assertThat(p.isAlive()).as("the run was still going when killed").isTrue();
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no final checkpoint
        p.waitFor(30, TimeUnit.SECONDS);

        Process q = start(args(out, state), tmp);
        waitForLines(out, state, Math.min(expected.size(), 4), q);
        boolean termed = q.isAlive();
        q.destroy(); // SIGTERM: checkpoint, then exit
        assertThat(q.waitFor(60, TimeUnit.SECONDS)).isTrue();
        if (termed) {
            assertThat(q.exitValue()).isNotZero();
        }

        CliRunner.Result last = CliRunner.run(args(out, state).toArray(String[]::new));
        assertThat(last.exitCode()).as(last.err()).isIn(0, 3);
        assertThat(Files.readAllLines(out)).isEqualTo(expected);
    }

    @Test
    void stdoutAfterKillNineAndARestartEqualsOneRun() throws Exception {
        List<String> base = List.of("watch", zeek.toString(), "--replay", "--window", "6h", "--threads", "1");
        CliRunner.Result whole = CliRunner.run(base.toArray(String[]::new));
        assertThat(whole.exitCode()).as(whole.err()).isEqualTo(3);
        List<String> expected = whole.out().lines().toList();
        assertThat(expected).hasSizeGreaterThan(3);

        // no checkpoint before the kill: the restart begins again from the start, and only the journal
        // keeps it from writing again what the killed run wrote
        Path state = tmp.resolve("stdout-state");
        List<String> args = new ArrayList<>(base);
        args.addAll(List.of("--state", state.toString(), "--checkpoint-every", "1h"));
        Path firstOut = tmp.resolve("stdout-first");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "org.beaconwatch.cli.Main"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectOutput(firstOut.toFile())
                .redirectError(tmp.resolve("stdout-first.err").toFile()).start();
        Path journal = state.resolve("alerts.journal");
        long deadline = System.currentTimeMillis() + 120_000;
        boolean killed = false;
        while (!killed && p.isAlive() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            int written = Files.readAllLines(firstOut).size();
            if (written < 2 || written >= expected.size()) {
                continue;
            }
            signal(p, "STOP"); // frozen, so the kill lands after a journal write, not inside the documented window
            if (Files.exists(journal) && Files.readAllLines(journal).size() == Files.readAllLines(firstOut).size()) {
                p.destroyForcibly(); // SIGKILL: no checkpoint, no shutdown hook
                killed = true;
            } else {
                signal(p, "CONT");
            }
        }
        assertThat(killed).as("stopped mid-run with some alerts written").isTrue();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> first = Files.readAllLines(firstOut);
        assertThat(first).hasSizeLessThan(expected.size());

        CliRunner.Result rest = CliRunner.run(args.toArray(String[]::new));
        assertThat(rest.exitCode()).as(rest.err()).isIn(0, 3);
        assertThat(rest.err()).contains(first.size() + " of them written to stdout before the restart, not again");
        List<String> all = new ArrayList<>(first);
        all.addAll(rest.out().lines().toList());
        assertThat(all).isEqualTo(expected);
    }

    private static void signal(Process p, String signal) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor()).isZero();
    }

    @Test
    void detectSendsItsAlertsToASyslogListener() throws Exception {
        try (DatagramSocket listener = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            listener.setSoTimeout(10_000);
            CliRunner.Result r = CliRunner.run("detect", sim.connLog().getParent().toString(), "--format", "ecs",
                    "--syslog", "127.0.0.1:" + listener.getLocalPort(), "--spool", tmp.resolve("spool").toString(),
                    "--alerts-only");
            assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
            long alerts = r.out().lines().count();
            assertThat(alerts).isPositive();
            assertThat(r.out().lines()).allMatch(l -> l.startsWith("{\"@timestamp\":"));
            byte[] buf = new byte[70_000];
            for (int i = 0; i < alerts; i++) {
                DatagramPacket pk = new DatagramPacket(buf, buf.length);
                listener.receive(pk);
                String m = new String(pk.getData(), 0, pk.getLength(), StandardCharsets.UTF_8);
                assertThat(m).matches("<13[0-4]>1 \\S+ \\S+ beaconwatch \\d+ alert \\[beaconwatch@32473 .*\\] \\{.*\\}");
            }
        }
    }
}
