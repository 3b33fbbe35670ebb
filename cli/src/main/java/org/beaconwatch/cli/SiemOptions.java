package org.beaconwatch.cli;

import java.nio.file.Path;
import org.beaconwatch.output.SyslogOutput;
import picocli.CommandLine.Option;

/** Syslog delivery options shared by detect and watch. */
final class SiemOptions {

    @Option(names = "--syslog", paramLabel = "HOST:PORT",
            description = "Also send alerts as RFC 5424 syslog messages: host:port or udp://host:port (UDP), "
                    + "tcp://host:port (TCP, octet-counted). The body is the alert's JSON (ECS with --format ecs).")
    String syslog;

    @Option(names = "--spool", paramLabel = "DIR",
            description = "On-disk queue for syslog messages the receiver has not taken yet; kept between runs. "
                    + "Default: STATE/syslog-spool for watch with --state, else $XDG_STATE_HOME/beaconwatch/syslog-spool "
                    + "(~/.local/state/beaconwatch/syslog-spool).")
    Path spool;

    @Option(names = "--spool-max-mb", paramLabel = "MB", defaultValue = "64",
            description = "Bound on the syslog spool; when full the oldest messages are dropped and reported. "
                    + "Default: ${DEFAULT-VALUE}.")
    int spoolMaxMb = 64;

    @Option(names = "--syslog-wait", paramLabel = "SECONDS", defaultValue = "10",
            description = "At exit, how long to wait for queued syslog messages to be sent (the rest stay in the "
                    + "spool for the next run). Default: ${DEFAULT-VALUE}.")
    int syslogWait = 10;

    /** The parsed target, or null without --syslog. */
    SyslogOutput.Target target() {
        if (syslog == null) {
            return null;
        }
        if (spoolMaxMb < 2) {
            throw new UsageException("--spool-max-mb must be at least 2, got " + spoolMaxMb);
        }
        if (syslogWait < 0) {
            throw new UsageException("--syslog-wait must be >= 0, got " + syslogWait);
        }
        try {
            return SyslogOutput.Target.parse(syslog);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--syslog: " + e.getMessage());
        }
    }

    /** The spool folder to use. */
    Path spoolDir(Path state) {
        if (spool != null) {
            return spool;
        }
        if (state != null) {
            return state.resolve("syslog-spool");
        }
        String xdg = System.getenv("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("beaconwatch").resolve("syslog-spool");
    }

    /** Opens the syslog output (warnings on stderr), or null without --syslog. */
    SyslogOutput open(Path state, boolean ecs) throws java.io.IOException {
        SyslogOutput.Target t = target();
        if (t == null) {
            return null;
        }
        return new SyslogOutput(t, spoolDir(state), spoolMaxMb * (1L << 20), ecs,
                w -> System.err.println("warning: " + w));
    }

    /** Waits for the queue and says what stayed behind. */
    void close(SyslogOutput out) throws java.io.IOException {
        if (out == null) {
            return;
        }
        long left = out.close(syslogWait * 1000L);
        if (left > 0) {
            System.err.println("warning: " + left + (left == 1 ? " syslog message" : " syslog messages")
                    + " not delivered yet to " + syslog + "; kept in the spool for the next run");
        }
    }
}
