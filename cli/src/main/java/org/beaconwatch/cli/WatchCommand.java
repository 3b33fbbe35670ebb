package org.beaconwatch.cli;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.beaconwatch.live.LiveWatcher;
import org.beaconwatch.live.WatchOptions;
import org.beaconwatch.output.AlertInfo;
import org.beaconwatch.output.AlertSink;
import org.beaconwatch.output.FindingWriter;
import org.beaconwatch.output.OutputFormat;
import org.beaconwatch.output.SyslogOutput;
import org.beaconwatch.score.DetectOptions;
import org.beaconwatch.score.Finding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code beaconwatch watch DIR}: live detection over a Zeek log directory. */
@Command(name = "watch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Follows a Zeek log directory (DIR/current/ conn, ssl, http and dns logs, TSV or JSON) as it "
                + "grows and rotates, and alerts on beaconing while it is still going on.",
            "Event time comes from the logs: every --every, the last --window of flows is scored with the same "
                + "scorer as detect; each alert is emitted once as a JSON line (detect's fields plus alert_id, "
                + "first_alerted and reason), again only when it escalates or returns after going quiet.",
            "Started without saved state, it first reads the rotated logs of the dated folders that fall inside "
                + "--window, in time order, then follows current/.",
            "With --state DIR, positions and state are checkpointed every minute and on SIGTERM/SIGINT; a restart "
                + "goes on with no lost and no repeated alert: --out FILE is cut back to the checkpoint; on stdout, "
                + "a journal in DIR (alerts.journal) keeps what was written since, so it is not written again "
                + "(except the alerts of the very moment of a kill -9)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped (or --replay found no alerts)", "1:error", "2:usage error",
            "3:--replay emitted alerts"})
final class WatchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "Zeek log directory: current/ plus dated folders of rotated "
            + "logs (YYYY-MM-DD/conn.HH:MM:SS-HH:MM:SS.log.gz); with --replay any folder of logs.")
    Path dir;

    @Mixin
    DetectionOptions detection;

    @Mixin
    SiemOptions siem;

    @Option(names = "--replay", description = "Read the folder's logs once, in time order, as if they were being "
            + "written (dated folders, then the folder itself, then current/), then exit.")
    boolean replay;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "48h",
            description = "Sliding event-time window scored (e.g. 48h, 90m, 2d). Default: ${DEFAULT-VALUE}.")
    String window = "48h";

    @Option(names = "--every", paramLabel = "DURATION", defaultValue = "5m",
            description = "Event time between scorings. Default: ${DEFAULT-VALUE}.")
    String every = "5m";

    @Option(names = "--quiet", paramLabel = "DURATION", defaultValue = "1h",
            description = "Event time without alerting after which a new alert of a channel is 'returned'. "
                    + "Default: ${DEFAULT-VALUE}.")
    String quiet = "1h";

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl",
            description = "jsonl (detect's JSON lines plus alert fields) or ecs (Elastic Common Schema). "
                    + "Default: ${DEFAULT-VALUE}.")
    String format = "jsonl";

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Append alerts to FILE instead of stdout.")
    Path out;

    @Option(names = "--state", paramLabel = "DIR", description = "Checkpoint folder (positions and state).")
    Path state;

    @Option(names = "--checkpoint-every", paramLabel = "DURATION", defaultValue = "60s",
            description = "Wall-clock time between checkpoints (0s: after every chunk read). Default: ${DEFAULT-VALUE}.")
    String checkpointEvery = "60s";

    @Option(names = "--poll", paramLabel = "DURATION", defaultValue = "1s",
            description = "How often to look for new lines when idle. Default: ${DEFAULT-VALUE}.")
    String poll = "1s";

    @Option(names = "--max-flows", paramLabel = "N", defaultValue = "20000000",
            description = "Hard bound on the flows kept in the window (about 90 bytes each). Default: ${DEFAULT-VALUE}.")
    int maxFlows = WatchOptions.DEFAULT_MAX_FLOWS;

    @Option(names = "--stats", description = "Print the window's size and the heap in use on stderr once per "
            + "event-time hour.")
    boolean stats;

    @Mixin
    InputPolicy policy;

    @Override
    public Integer call() throws Exception {
        OutputFormat fmt;
        try {
            fmt = OutputFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--format: " + e.getMessage());
        }
        if (fmt != OutputFormat.JSONL && fmt != OutputFormat.ECS) {
            throw new UsageException("--format: watch writes jsonl or ecs, not " + format);
        }
        WatchOptions options;
        try {
            options = new WatchOptions(duration("--window", window), duration("--every", every),
                    duration("--quiet", quiet), maxFlows, duration("--checkpoint-every", checkpointEvery));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        long pollMillis = duration("--poll", poll).toMillis();
        if (pollMillis < 10) {
            throw new UsageException("--poll must be at least 10ms");
        }
        if (!Files.isDirectory(dir)) {
            throw new UsageException(dir + " is not a directory");
        }
        if (!replay && !Files.isDirectory(dir.resolve("current"))) {
            System.err.println("note: " + dir.resolve("current") + " does not exist yet; waiting for it");
        }
        siem.target();
        DetectOptions detect = detection.toOptions();
        boolean ecs = fmt == OutputFormat.ECS;
        long[] emitted = new long[1];
        long[] lastHour = {Long.MIN_VALUE};
        LiveWatcher[] self = new LiveWatcher[1];
        LiveWatcher watcher = new LiveWatcher(dir, detect, policy.readOptions(), options, state,
                new LiveWatcher.Listener() {
                    @Override
                    public void warning(String message) {
                        System.err.println("warning: " + message);
                    }

                    @Override
                    public void scored(long eventTime, int flows, int findings, int n) {
                        emitted[0] += n;
                        long hour = Math.floorDiv(eventTime, 3_600_000_000L);
                        if (stats && hour != lastHour[0]) {
                            lastHour[0] = hour;
                            System.err.printf(Locale.ROOT, "watch: %s window %,d flows, %,d scored channels, "
                                    + "%,d alert channels, heap after last GC %,d MB%n", FindingWriter.isoMicros(eventTime),
                                    flows, findings, self[0].alertChannels(), heapAfterGc() >> 20);
                        }
                    }
                });
        self[0] = watcher;
        List<AlertSink> sinks = new ArrayList<>();
        AlertSink journaled = null;
        FileOutputStream file = null;
        LongSupplier position = null;
        if (out != null) {
            new OutputPaths().file("--out", out).check();
            long keep = watcher.outputPosition();
            if (keep >= 0 && Files.exists(out) && Files.size(out) > keep) {
                try (FileChannel ch = FileChannel.open(out, StandardOpenOption.WRITE)) {
                    ch.truncate(keep); // lines written after the checkpoint are written again below
                }
            }
            file = new FileOutputStream(out.toFile(), true);
            FileOutputStream f = file;
            position = () -> {
                try {
                    return f.getChannel().size();
                } catch (IOException e) {
                    return -1;
                }
            };
            sinks.add(AlertSink.jsonLines(new BufferedOutputStream(file, 1 << 16), ecs));
        } else {
            journaled = watcher.exactlyOnce(
                    AlertSink.jsonLines(new BufferedOutputStream(Terminal.forStdout(System.out), 1 << 16), ecs));
            sinks.add(journaled);
        }
        SyslogOutput syslog = siem.open(state, ecs);
        if (syslog != null) {
            sinks.add(syslog);
        }
        AlertSink all = new AlertSink() {
            @Override
            public void emit(Finding finding, AlertInfo alert) throws IOException {
                for (AlertSink s : sinks) {
                    s.emit(finding, alert);
                }
            }

            @Override
            public void flush() throws IOException {
                for (AlertSink s : sinks) {
                    s.flush();
                }
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
        // SIGTERM / SIGINT: stop between two chunks, checkpoint, then let the JVM exit
        CountDownLatch done = new CountDownLatch(1);
        boolean[] stop = {false};
        Thread hook = new Thread(() -> {
            stop[0] = true;
            try {
                done.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "beaconwatch-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (replay) {
                watcher.replay(all, position, () -> stop[0]);
            } else {
                watcher.follow(all, position, () -> stop[0], pollMillis);
            }
            all.flush();
        } finally {
            try {
                siem.close(syslog);
                if (file != null) {
                    file.close();
                }
                if (journaled != null) {
                    journaled.close();
                }
            } finally {
                done.countDown();
                if (!stop[0]) {
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException e) {
                        // shutting down already
                    }
                }
            }
        }
        if (watcher.lateFlows() > 0) {
            System.err.println("note: " + watcher.lateFlows() + " flows arrived older than the window and were not "
                    + "analysed");
        }
        long before = watcher.alertsAlreadyWritten();
        System.err.println("watch: " + emitted[0] + (emitted[0] == 1 ? " alert" : " alerts") + " emitted"
                + (out == null ? "" : " to " + out)
                + (before == 0 ? "" : " (" + before + " of them written to stdout before the restart, not again)"));
        return replay && emitted[0] > 0 ? ExitCodes.ALERTS : ExitCodes.OK;
    }

    /** Heap in use right after the latest collection (live data, not garbage waiting to be collected). */
    static long heapAfterGc() {
        long used = 0;
        for (java.lang.management.MemoryPoolMXBean p : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == java.lang.management.MemoryType.HEAP && p.getCollectionUsage() != null) {
                used += p.getCollectionUsage().getUsed();
            }
        }
        return used;
    }

    /** "48h", "90m", "30s", "2d", "500ms" or a number of seconds. */
    static Duration duration(String option, String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            char unit = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
            String num = Character.isDigit(unit) ? s : s.substring(0, s.length() - 1);
            long n = Long.parseLong(num);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return switch (unit) {
                case 'd' -> Duration.ofDays(n);
                case 'h' -> Duration.ofHours(n);
                case 'm' -> Duration.ofMinutes(n);
                case 's' -> Duration.ofSeconds(n);
                default -> Duration.ofSeconds(n);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UsageException(option + ": expected a duration like 48h, 5m, 30s or 2d, got '" + v + "'");
        }
    }

    /** Only the error policy of the input options (watch takes one directory, not a list of inputs). */
    static final class InputPolicy {
        @Option(names = "--on-error", paramLabel = "POLICY", defaultValue = "warn",
                description = "Malformed records: fail, skip or warn. Default: ${DEFAULT-VALUE}.")
        String onError = "warn";

        org.beaconwatch.io.ReadOptions readOptions() {
            InputOptions io = new InputOptions();
            io.onError = onError;
            return io.readOptions();
        }
    }
}
