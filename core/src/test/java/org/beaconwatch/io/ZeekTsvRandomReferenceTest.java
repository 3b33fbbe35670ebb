package org.beaconwatch.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.beaconwatch.flow.Flow;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.flow.NameSource;
import org.beaconwatch.flow.Protocol;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast Zeek TSV parser against an obviously-correct oracle: random seeded rows are generated
 * from known values (addresses printed by the JDK's InetAddress, times written from exact
 * micros), some rows corrupted on purpose; the reader must return exactly the known flows and
 * skip exactly the corrupted rows.
 */
class ZeekTsvRandomReferenceTest {
    @TempDir
    Path tmp;

    private static final String[] FIELDS = {"ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto",
        "service", "duration", "orig_bytes", "resp_bytes", "conn_state", "local_orig", "history", "orig_pkts",
        "orig_ip_bytes", "resp_pkts", "resp_ip_bytes", "tunnel_parents", "label", "detailedlabel"};

    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L})
    void randomRowsMatchTheOracle(long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder file = new StringBuilder("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n"
                + "#unset_field\t-\n#path\tconn\n#fields\t" + String.join("\t", FIELDS) + "\n");
        List<Flow> expected = new ArrayList<>();
        int bad = 0;
        for (int row = 0; row < 3000; row++) {
            String[] v = new String[FIELDS.length];
            long ts = r.nextLong(2_000_000_000_000_000L);
            int dec = r.nextInt(7);
            ts -= ts % pow10(6 - dec);
            v[0] = seconds(ts, dec);
            String uid = r.nextInt(10) == 0 ? null : "C" + Long.toString(r.nextLong() & Long.MAX_VALUE, 36);
            v[1] = uid == null ? "-" : uid;
            IpAddress[] addr = new IpAddress[2];
            for (int k = 0; k < 2; k++) {
                byte[] raw = new byte[r.nextInt(3) == 0 ? 16 : 4];
                r.nextBytes(raw);
                if (raw.length == 16 && r.nextBoolean()) {
                    for (int z = 2; z < 12; z++) {
                        raw[z] = 0; // zero runs exercise "::"
                    }
                }
                String text = InetAddress.getByAddress(raw).getHostAddress();
                addr[k] = IpAddress.parse(text);
                v[k == 0 ? 2 : 4] = text;
            }
            int sport = r.nextInt(65536), dport = r.nextInt(10) == 0 ? -1 : r.nextInt(65536);
            v[3] = Integer.toString(sport);
            v[5] = dport < 0 ? "-" : Integer.toString(dport);
            String[] protos = {"tcp", "udp", "icmp", "-", "sctp"};
            int pi = r.nextInt(protos.length);
            v[6] = protos[pi];
            Protocol proto = pi == 0 ? Protocol.TCP : pi == 1 ? Protocol.UDP : pi == 2 ? Protocol.ICMP
                    : pi == 3 ? Protocol.UNKNOWN : Protocol.OTHER;
            String service = pick(r, "-", "dns", "ssl", "http,ssl", "(empty)", "we\\x09ird");
            v[7] = service;
            service = service.equals("-") || service.equals("(empty)") ? null : service.replace("\\x09", "\t");
            long dur = r.nextInt(4) == 0 ? Flow.UNSET : r.nextLong(100_000_000_000L);
            int ddec = r.nextInt(7);
            if (dur >= 0) {
                dur -= dur % pow10(6 - ddec);
            }
            v[8] = dur < 0 ? "-" : seconds(dur, ddec);
            long[] counts = new long[6];
            int[] idx = {9, 10, 14, 15, 16, 17};
            for (int k = 0; k < 6; k++) {
                counts[k] = r.nextInt(5) == 0 ? Flow.UNSET : r.nextLong(1_000_000_000_000L);
                v[idx[k]] = counts[k] < 0 ? "-" : Long.toString(counts[k]);
            }
            String state = pick(r, "SF", "S0", "REJ", "-", "(empty)");
            v[11] = state;
            state = state.equals("-") || state.equals("(empty)") ? null : state;
            v[12] = pick(r, "T", "F", "-");
            v[13] = pick(r, "ShADadFf", "S", "-", "Dd");
            v[18] = "(empty)";
            String label = pick(r, "Malicious", "Benign", "Background", "-");
            String detail = pick(r, "C&C", "(empty)", "-", "From_benign-To_benign");
            v[19] = label;
            v[20] = detail;
            label = label.equals("-") ? null : label;
            detail = detail.equals("-") || detail.equals("(empty)") ? null : detail;
            int corrupt = r.nextInt(12);
            String line;
            if (corrupt == 0) {
                v[9] = "12a";
            } else if (corrupt == 1) {
                v[2] = "300.1.2.3";
            } else if (corrupt == 2) {
                v[3] = "70000";
            } else if (corrupt == 3) {
                v[0] = "17x.5";
            }
            line = String.join("\t", v);
            if (corrupt == 4) {
                line = line.substring(0, line.lastIndexOf('\t'));
            } else if (corrupt == 5) {
                line = line + "\textra";
            }
            file.append(line).append('\n');
            if (corrupt <= 5) {
                bad++;
                continue;
            }
            expected.add(new Flow(ts, dur, addr[0], sport, addr[1], dport, proto, service, counts[0], counts[1],
                    counts[2], counts[4], counts[3], counts[5], state, uid, label, detail, null, NameSource.NONE,
                    Map.of()));
        }
        Path f = TestData.write(tmp, "random.log", file.toString());
        TestData.Result result = TestData.readAll(f);
        assertThat(result.reports().get(0).recordsSkipped()).isEqualTo(bad);
        assertThat(result.flows()).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(result.flows().get(i)).as("record %d", i).isEqualTo(expected.get(i));
        }
    }

    private static String pick(SplittableRandom r, String... options) {
        return options[r.nextInt(options.length)];
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    private static String seconds(long micros, int decimals) {
        String whole = Long.toString(micros / 1_000_000);
        if (decimals == 0) {
            return whole;
        }
        String frac = String.format(Locale.ROOT, "%06d", micros % 1_000_000).substring(0, decimals);
        return whole + "." + frac;
    }
}
