package org.beaconwatch.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.beaconwatch.output.AtomicOutput;

/**
 * Writes a realistic Zeek {@code conn.log} and {@code ssl.log} with planted beacons and benign
 * traffic, plus {@code ground_truth.csv} listing every planted periodic channel.
 *
 * <p>Time runs in 15-minute slices: every channel and host adds the connections that start in the
 * slice, the slice is sorted by timestamp and written; connections of a browsing session that
 * fall after the slice carry over to the next one. One thread generates slices while the calling
 * thread formats and writes the previous one, so memory is bounded by three slices. Everything
 * random comes from {@link SimulationConfig#seed()} and generation is sequential: the same config
 * writes byte-identical files.
 *
 * <pre>{@code
 * SimulationResult r = Simulator.simulate(SimulationConfig.smallOffice(), Path.of("sim-out"));
 * }</pre>
 */
public final class Simulator {
    /** Name of the connection log written. */
    public static final String CONN_LOG = "conn.log";
    /** Name of the TLS log written. */
    public static final String SSL_LOG = "ssl.log";
    /** Name of the DNS log written. */
    public static final String DNS_LOG = "dns.log";
    /** Name of the ground-truth file written. */
    public static final String GROUND_TRUTH = "ground_truth.csv";
    /** Header of {@code ground_truth.csv}. */
    public static final String GROUND_TRUTH_HEADER =
            "kind,src,dst,dst_port,proto,server_name,period_s,jitter,miss_rate,office_hours,conns,description";

    private Simulator() {
    }

    /** Simulates into {@code outDir} (created if missing; existing files of the same names are replaced). */
    public static SimulationResult simulate(SimulationConfig config, Path outDir) throws IOException {
        return simulate(config, outDir, rows -> { });
    }

    /**
     * Simulates into {@code outDir}, calling {@code progress} with the conn.log rows written so far
     * after every 15-minute slice (never prints).
     */
    public static SimulationResult simulate(SimulationConfig config, Path outDir, LongConsumer progress)
            throws IOException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(progress, "progress");
        AtomicOutput.prepareFolder(outDir);
        Path connLog = outDir.resolve(CONN_LOG);
        Path sslLog = outDir.resolve(SSL_LOG);
        Path truth = outDir.resolve(GROUND_TRUTH);
        AtomicOutput.prepare(truth);

        AddressPlan plan = new AddressPlan(Cidr.parse(config.internalNetwork()), config.seed());
        NameTable names = new NameTable(config.seed());
        boolean[] server = serverFlags(config.hosts());
        ChannelPlan channels = new ChannelPlan(config, plan, names, server);
        BackgroundModel background = new BackgroundModel(config, plan, names, server);
        PeriodicChannel[] periodic = channels.channels.toArray(new PeriodicChannel[0]);

        long connRows;
        long sslRows;
        // Both logs stream into temporary files beside their targets and replace them only when
        // complete: a failed or interrupted run leaves the previous logs as they were.
        try (AtomicOutput.Staged connOut = AtomicOutput.begin(connLog);
             AtomicOutput.Staged sslOut = AtomicOutput.begin(sslLog)) {
            try (ZeekLogWriter out = new ZeekLogWriter(connOut.stream(), sslOut.stream(), names.toBytes(),
                    config.seed(), config.start())) {
                SliceGenerator generator = new SliceGenerator(periodic, background, out, config.startMicros(),
                        config.endMicros());
                generator.run(progress);
                long end = config.endMicros();
                out.finish(Instant.ofEpochSecond(end / 1_000_000L, (end % 1_000_000L) * 1000));
                connRows = out.connRows;
                sslRows = out.sslRows;
            }
            connOut.commit();
            sslOut.commit();
        }
        List<GroundTruthEntry> entries = new ArrayList<>(groundTruth(periodic, names));
        entries.addAll(DnsLogWriter.write(outDir.resolve(DNS_LOG), config, plan, tunnelHosts(config), names));
        writeGroundTruth(truth, entries);
        return new SimulationResult(connRows, sslRows, connLog, sslLog, truth, entries);
    }

    /**
     * DNS tunnel hosts: one, the host after the beacons' and sweeps' hosts in the same seeded
     * order ChannelPlan uses (so it is an infected host of its own while hosts last).
     */
    static int[] tunnelHosts(SimulationConfig c) {
        if (c.hosts() < 4) {
            return new int[0];
        }
        int[] perm = ChannelPlan.hostOrder(c);
        return new int[] {perm[(c.beacons() + c.sweeps()) % c.hosts()]};
    }

    /** The last fifth of the hosts are servers, the rest workstations. */
    static boolean[] serverFlags(int hosts) {
        boolean[] server = new boolean[hosts];
        for (int h = hosts - BackgroundModel.serverCount(hosts); h < hosts; h++) {
            server[h] = true;
        }
        return server;
    }

    private static List<GroundTruthEntry> groundTruth(PeriodicChannel[] periodic, NameTable names) {
        List<GroundTruthEntry> list = new ArrayList<>(periodic.length);
        for (PeriodicChannel ch : periodic) {
            list.add(new GroundTruthEntry(ch.kind, AddressPlan.text(ch.src),
                    ch.kind.isChannel() ? AddressPlan.text(ch.dst) : "", ch.dstPort,
                    ch.udp ? "udp" : "tcp", ch.sni >= 0 ? names.name(ch.sni) : "", ch.periodS, ch.jitter, ch.missRate,
                    ch.schedule == PeriodicChannel.Schedule.OFFICE_HOURS, ch.conns, ch.description));
        }
        return list;
    }

    private static void writeGroundTruth(Path file, List<GroundTruthEntry> entries) throws IOException {
        StringBuilder w = new StringBuilder(GROUND_TRUTH_HEADER).append('\n');
        for (GroundTruthEntry e : entries) {
            w.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%s,%s,%s,%.3f,%.3f,%s,%d,%s\n", e.kind().label(),
                    e.src(), e.dst(), e.dstPort(), e.proto(), e.serverName(), number(e.periodSeconds()),
                    e.jitter(), e.missRate(), e.officeHours(), e.conns(), quote(e.description())));
        }
        AtomicOutput.writeString(file, w.toString());
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
