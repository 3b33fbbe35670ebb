package org.beaconwatch.channel;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.flow.NameSource;
import org.beaconwatch.flow.Protocol;
import org.beaconwatch.io.FlowInputs;
import org.beaconwatch.io.FlowSource;
import org.beaconwatch.io.ReadOptions;

/**
 * Test helper: seeded flows of internal hosts (IPv4 and IPv6) with every kind of host behaviour
 * the host evidence looks for: ordinary clients (address and server-name channels, shared
 * destinations, ICMP without ports), horizontal scanners (fast and slow), vertical scanners with
 * two equally scanned targets, spam bots, hosts with many unanswered connections, and hosts whose
 * input has no responder bytes at all. Flows are shuffled, so channels interleave.
 */
public final class HostTraffic {
    private static final String[] NAMES = {"a.example.com", "B.Example.com", "c.example.com", "x.co.uk",
        "y.x.co.uk", "intranet", "10.1.2.3", "cdn.example.net", "www.example.org."};

    private HostTraffic() {
    }

    /** Batches of flows for seed {@code seed}. */
    public static List<FlowBatch> batches(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<long[]> flows = new ArrayList<>(); // srcHi, srcLo, dstHi, dstLo, port, proto, resp, ts, name
        long t0 = 1_600_000_000_000_000L;
        for (int h = 0; h < 48; h++) {
            boolean v6 = h % 8 == 7;
            long sh = v6 ? 0xfd00_0000_0000_0000L | h : 0L;
            long sl = v6 ? 0x1000L + h : IpAddress.v4Lo((10 << 24) | (h << 8) | 5);
            int role = h % 6;
            int channels = 20 + r.nextInt(40);
            for (int c = 0; c < channels; c++) { // ordinary traffic for everyone
                int flowsOf = 1 + r.nextInt(4);
                long[] dst = destination(r, r.nextInt(8) == 0);
                int kind = r.nextInt(6);
                int port = kind == 0 ? -1 : new int[] {80, 443, 53, 123, 8080}[r.nextInt(5)];
                long proto = kind == 0 ? Protocol.ICMP.code() : port == 53 || port == 123 ? Protocol.UDP.code()
                        : Protocol.TCP.code();
                long name = kind == 1 || kind == 2 ? r.nextInt(NAMES.length) : -1;
                for (int f = 0; f < flowsOf; f++) {
                    long resp = role == 5 ? -1 : r.nextInt(4) == 0 ? 0 : r.nextInt(2000);
                    flows.add(new long[] {sh, sl, dst[0], dst[1], port, proto, resp, t0 + r.nextLong(86_400_000_000L),
                        name});
                }
            }
            switch (role) {
                case 1 -> { // horizontal scan on one or two ports, fast or slow
                    long start = t0 + r.nextLong(80_000_000_000L);
                    long spread = r.nextBoolean() ? 300_000_000L : 7_200_000_000L;
                    for (int port : h % 12 == 1 ? new int[] {445} : new int[] {445, 3389}) {
                        int targets = 15 + r.nextInt(60);
                        for (int k = 0; k < targets; k++) {
                            long[] dst = {0L, IpAddress.v4Lo((93 << 24) | (k << 4) | h)};
                            long resp = r.nextInt(10) == 0 ? 100 : 0;
                            flows.add(new long[] {sh, sl, dst[0], dst[1], port, Protocol.TCP.code(), resp,
                                start + r.nextLong(spread), -1});
                        }
                    }
                }
                case 2 -> { // vertical scan: two targets, as many ports each (a tie)
                    int ports = 18 + r.nextInt(10);
                    for (int d = 0; d < 2; d++) {
                        long[] dst = {0L, IpAddress.v4Lo((94 << 24) | (d << 8) | h)};
                        for (int p = 0; p < ports; p++) {
                            flows.add(new long[] {sh, sl, dst[0], dst[1], 1000 + p * 7, Protocol.TCP.code(), 0,
                                t0 + r.nextLong(600_000_000L), -1});
                        }
                    }
                }
                case 3 -> { // mail to many servers
                    int servers = 3 + r.nextInt(12);
                    for (int k = 0; k < servers; k++) {
                        long[] dst = destination(r, false);
                        flows.add(new long[] {sh, sl, dst[0], dst[1], new int[] {25, 465, 587}[k % 3],
                            Protocol.TCP.code(), r.nextInt(500), t0 + r.nextLong(86_400_000_000L), -1});
                    }
                }
                case 4 -> { // many unanswered connections
                    long[] dst = destination(r, false);
                    for (int k = 0; k < 90 + r.nextInt(80); k++) {
                        flows.add(new long[] {sh, sl, dst[0], dst[1], 8443, Protocol.TCP.code(),
                            r.nextInt(8) == 0 ? 50 : 0, t0 + r.nextLong(86_400_000_000L), -1});
                    }
                }
                default -> {
                }
            }
        }
        for (int i = flows.size() - 1; i > 0; i--) { // shuffle
            int j = r.nextInt(i + 1);
            long[] t = flows.get(i);
            flows.set(i, flows.get(j));
            flows.set(j, t);
        }
        List<FlowBatch> out = new ArrayList<>();
        FlowBatch b = new FlowBatch(509);
        for (long[] f : flows) {
            if (b.isFull()) {
                out.add(b);
                b = new FlowBatch(509);
            }
            int i = b.add();
            b.srcHi[i] = f[0];
            b.srcLo[i] = f[1];
            b.dstHi[i] = f[2];
            b.dstLo[i] = f[3];
            b.dstPort[i] = (int) f[4];
            b.proto[i] = (byte) f[5];
            b.respBytes[i] = f[6];
            b.origBytes[i] = 100;
            b.ts[i] = f[7];
            b.duration[i] = 1000;
            if (f[8] >= 0) {
                b.serverName[i] = NAMES[(int) f[8]];
                b.nameSource[i] = NameSource.TLS_SNI.code();
            }
        }
        out.add(b);
        return out;
    }

    /** An external destination from a small pool (so sources share destinations), IPv6 or IPv4. */
    private static long[] destination(SplittableRandom r, boolean v6) {
        int k = r.nextInt(60);
        return v6 ? new long[] {0x2001_0db8_0000_0000L | (k & 3), 0x50L + k}
                : new long[] {0L, IpAddress.v4Lo((8 << 24) | ((k % 7) << 16) | (k << 2) | 1)};
    }

    /** Every folder of the shared data (system property beaconwatch.data); skips the test when absent. */
    public static List<Path> sharedDataFolders() throws IOException {
        String dir = System.getProperty("beaconwatch.data");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)),
                "shared data folder not available (system property beaconwatch.data); skipping real-data test");
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    /** The flows of a file or folder, or null for a folder of a format the detector does not read. */
    public static List<FlowBatch> read(Path input) {
        List<FlowBatch> out = new ArrayList<>();
        try (FlowSource s = FlowInputs.open(List.of(input), ReadOptions.defaults())) {
            while (true) {
                FlowBatch b = new FlowBatch(997);
                if (!s.read(b)) {
                    return out;
                }
                out.add(b);
            }
        } catch (IOException e) {
            return null;
        }
    }

    /** The aggregator of {@code batches} under the default scope. */
    public static ChannelAggregator aggregate(List<FlowBatch> batches) {
        ChannelAggregator agg = new ChannelAggregator(new ChannelScope(
                org.beaconwatch.score.DetectOptions.DEFAULT_INTERNAL, false, false, Allowlist.empty()));
        for (FlowBatch b : batches) {
            agg.add(b);
        }
        return agg;
    }
}
