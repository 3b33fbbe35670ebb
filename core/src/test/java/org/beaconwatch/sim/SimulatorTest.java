package org.beaconwatch.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorTest {
    private static final Pattern UID = Pattern.compile("C[0-9A-Za-z]{17}");
    private static final ZoneOffset ZONE = ZoneOffset.ofHours(1);

    @TempDir
    static Path dir;

    /** Friday to Monday (a weekend in between) of a small office whose office hours are in UTC+01:00. */
    static SimulationConfig week;
    static SimulationResult result;
    static ZeekTsvFixture conn;
    static ZeekTsvFixture ssl;
    static final List<Long> progress = new ArrayList<>();

    @BeforeAll
    static void simulateWeek() throws IOException {
        week = SimulationConfig.smallOffice().withStart(Instant.parse("2026-01-09T00:00:00Z")).withDays(4)
                .withOfficeZone(ZONE);
        result = Simulator.simulate(week, dir.resolve("week"), progress::add);
        conn = ZeekTsvFixture.read(result.connLog());
        ssl = ZeekTsvFixture.read(result.sslLog());
    }

    @Test
    void sameSeedWritesByteIdenticalFilesAndAnotherSeedDoesNot() throws IOException {
        SimulationConfig c = SimulationConfig.smallOffice().withHosts(12);
        SimulationResult a = Simulator.simulate(c, dir.resolve("a"));
        SimulationResult b = Simulator.simulate(c, dir.resolve("b"));
        SimulationResult other = Simulator.simulate(c.withSeed(43), dir.resolve("c"));
        for (String f : List.of(Simulator.CONN_LOG, Simulator.SSL_LOG, Simulator.GROUND_TRUTH)) {
            assertThat(Files.mismatch(dir.resolve("a").resolve(f), dir.resolve("b").resolve(f)))
                    .as("%s differs between two runs with the same seed", f).isEqualTo(-1L);
            assertThat(Files.mismatch(dir.resolve("a").resolve(f), dir.resolve("c").resolve(f)))
                    .as("%s is the same for seeds 42 and 43", f).isNotEqualTo(-1L);
        }
        assertThat(a.connRows()).isEqualTo(b.connRows()).isGreaterThan(10_000);
        assertThat(other.connRows()).isNotEqualTo(a.connRows());
    }

    @Test
    void connLogHasZeekHeaderAndWellFormedRowsSortedByTime() {
        assertThat(conn.header).containsExactly(
                "#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)", "#unset_field\t-", "#path\tconn",
                "#open\t2026-01-09-00-00-00", "#fields\t" + ZeekLogWriter.CONN_FIELDS, "#types\t" + ZeekLogWriter.CONN_TYPES);
        assertThat(conn.fields).hasSize(21);
        assertThat(conn.close).isEqualTo("#close\t2026-01-13-00-00-00");
        assertThat(conn.rows).hasSize((int) result.connRows());

        long start = week.startMicros();
        long end = week.endMicros();
        long prev = Long.MIN_VALUE;
        Set<String> uids = new HashSet<>();
        Map<String, Integer> states = new HashMap<>();
        Set<String> protos = Set.of("tcp", "udp");
        Set<String> stateNames = Set.of("SF", "S0", "REJ", "RSTO", "RSTR");
        int line = conn.header.size();
        for (String[] f : conn.rows) {
            // plain checks: AssertJ per field of 400,000 rows would dominate the test time
            line++;
            String where = "conn.log line " + line + ": ";
            long ts = ZeekTsvFixture.micros(f[0]);
            check(ts >= start && ts < end && ts >= prev, where + "ts out of order or out of span");
            prev = ts;
            check(UID.matcher(f[1]).matches() && uids.add(f[1]), where + "bad or duplicate uid " + f[1]);
            int src = ZeekTsvFixture.ipv4(f[2]);
            ZeekTsvFixture.ipv4(f[4]);
            check(src >>> 16 == ((10 << 8) | 20), where + "source outside 10.20.0.0/16");
            int sport = Integer.parseInt(f[3]);
            int dport = Integer.parseInt(f[5]);
            check(sport >= 32768 && sport <= 65535, where + "source port not ephemeral");
            check(dport >= 1 && dport <= 65535, where + "bad destination port");
            check(protos.contains(f[6]) && stateNames.contains(f[11]), where + "bad proto or conn_state");
            states.merge(f[11], 1, Integer::sum);
            check(f[12].equals("T") && f[20].equals("-"), where + "local_orig or tunnel_parents");
            int hdr = f[6].equals("tcp") ? 52 : 28;
            long op = Long.parseLong(f[16]);
            long rp = Long.parseLong(f[18]);
            check(op > 0, where + "no originator packets");
            if (f[8].equals("-")) {
                check(f[9].equals("-") && f[10].equals("-") && op + rp == 1,
                        where + "unset duration on a connection of more than one packet");
            } else {
                long ob = Long.parseLong(f[9]);
                long rb = Long.parseLong(f[10]);
                check(ZeekTsvFixture.micros(f[8]) > 0, where + "zero duration");
                check(Long.parseLong(f[17]) == ob + op * hdr && Long.parseLong(f[19]) == rb + rp * hdr,
                        where + "ip bytes are not payload + header per packet");
            }
        }
        assertThat(states.keySet()).contains("SF", "S0", "REJ", "RSTO");
        assertThat(states.get("SF")).isGreaterThan(conn.rows.size() * 8 / 10);
    }

    @Test
    void sslLogJoinsToConnLogByUidAndCdnNamesRotateOverSeveralAddresses() {
        assertThat(ssl.fields).startsWith("ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "version",
                "cipher");
        assertThat(ssl.header.get(4)).isEqualTo("#path\tssl");
        Map<String, String[]> byUid = new HashMap<>();
        for (String[] f : conn.rows) {
            byUid.put(f[1], f);
        }
        int sni = ssl.col("server_name");
        Map<String, Set<String>> ipsByName = new HashMap<>();
        for (String[] s : ssl.rows) {
            String[] c = byUid.get(s[1]);
            check(c != null, "ssl uid " + s[1] + " has no conn.log row");
            check(Arrays.equals(Arrays.copyOfRange(s, 2, 6), Arrays.copyOfRange(c, 2, 6)) && c[7].equals("ssl"),
                    "ssl row " + s[1] + " does not match its connection");
            long delay = ZeekTsvFixture.micros(s[0]) - ZeekTsvFixture.micros(c[0]);
            check(delay >= 0 && delay <= 40_000 && s[sni].contains("."), "ssl row " + s[1] + ": ts or server_name");
            ipsByName.computeIfAbsent(s[sni], k -> new HashSet<>()).add(s[4]);
        }
        assertThat(ssl.rows.size()).isGreaterThan(conn.rows.size() / 3);
        long cdnNames = ipsByName.values().stream().filter(ips -> ips.size() >= 4).count();
        assertThat(cdnNames).as("server names served from 4+ addresses").isGreaterThanOrEqualTo(5);
    }

    @Test
    void groundTruthCountsMatchTheRowsWrittenPerChannel() throws IOException {
        Map<String, Long> perChannel = new HashMap<>();
        for (String[] f : conn.rows) {
            perChannel.merge(f[2] + ">" + f[4] + ":" + f[5] + "/" + f[6], 1L, Long::sum);
        }
        List<String> lines = Files.readAllLines(result.groundTruth());
        assertThat(lines.get(0)).isEqualTo(Simulator.GROUND_TRUTH_HEADER);
        assertThat(lines).hasSize(result.entries().size() + 1);
        for (int i = 0; i < result.entries().size(); i++) {
            GroundTruthEntry e = result.entries().get(i);
            String key = e.src() + ">" + e.dst() + ":" + e.dstPort() + "/" + e.proto();
            if (e.kind().isChannel()) {
                assertThat(e.conns()).as("conns of %s", key).isEqualTo(perChannel.getOrDefault(key, 0L)).isPositive();
            } else {
                assertThat(e.conns()).as("conns of %s", key).isPositive();
            }
            assertThat(lines.get(i + 1)).startsWith(e.kind().label() + "," + e.src() + "," + e.dst() + ","
                    + e.dstPort() + "," + e.proto() + "," + e.serverName() + ",");
            assertThat(lines.get(i + 1)).contains("," + e.officeHours() + "," + e.conns() + ",\"");
        }
        assertThat(result.entries(ChannelKind.BEACON)).hasSize(week.beacons());
        assertThat(result.entries(ChannelKind.BENIGN_PERIODIC_SINGLE)).hasSize(week.singlePeriodic());
    }

    @Test
    void beaconsCoverSecondsToHoursWithHardCasesAndTalkToDestinationsNoOtherHostUses() {
        List<GroundTruthEntry> beacons = result.entries(ChannelKind.BEACON);
        assertThat(beacons).extracting(GroundTruthEntry::periodSeconds).contains(10.0, 60.0, 300.0, 900.0, 3600.0);
        assertThat(beacons).filteredOn(b -> b.jitter() > 0.5).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(b -> assertThat(b.jitter()).isBetween(0.55, 0.60));
        assertThat(beacons).filteredOn(b -> b.jitter() <= 0.5).hasSizeGreaterThanOrEqualTo(8);
        assertThat(beacons).extracting(GroundTruthEntry::missRate).allSatisfy(m -> assertThat(m).isBetween(0.0, 0.2));
        assertThat(beacons).filteredOn(GroundTruthEntry::officeHours).isNotEmpty();
        assertThat(beacons).filteredOn(b -> b.description().contains("sleeping")).isNotEmpty();
        assertThat(beacons).filteredOn(b -> !b.serverName().isEmpty()).hasSizeGreaterThanOrEqualTo(4);

        Map<String, Set<String>> sourcesByDst = new HashMap<>();
        for (String[] f : conn.rows) {
            sourcesByDst.computeIfAbsent(f[4], k -> new HashSet<>()).add(f[2]);
        }
        for (GroundTruthEntry b : beacons) {
            assertThat(sourcesByDst.get(b.dst())).as("hosts talking to beacon destination %s", b.dst())
                    .containsExactly(b.src());
        }
    }

    @Test
    void alwaysOnBeaconsBeatOnTheirPeriodWithSmallNearConstantRequests() {
        for (GroundTruthEntry b : result.entries(ChannelKind.BEACON)) {
            if (b.officeHours() || b.description().contains("sleeping")) {
                continue;
            }
            List<long[]> rows = rowsOf(b);
            long[] gaps = new long[rows.size() - 1];
            for (int i = 1; i < rows.size(); i++) {
                gaps[i - 1] = rows.get(i)[0] - rows.get(i - 1)[0];
            }
            Arrays.sort(gaps);
            double median = gaps[gaps.length / 2] / 1e6;
            // missed beats double some gaps: the median sits at quantile 0.5 / (1 - miss) of the
            // single-beat gaps, which are uniform in period × (1 ± jitter)
            double q = Math.min(1.0, 0.5 / (1 - b.missRate()));
            double expected = b.periodSeconds() * (1 + b.jitter() * (2 * q - 1));
            assertThat(median).as("median gap of %s", b.description())
                    .isBetween(expected - 0.1 * b.periodSeconds(), expected + 0.1 * b.periodSeconds());
            long[] sizes = rows.stream().mapToLong(r -> r[1]).filter(v -> v >= 0).sorted().toArray();
            long medianSize = sizes[sizes.length / 2];
            assertThat(medianSize).isBetween(190L, 630L);
            long near = Arrays.stream(sizes).filter(v -> Math.abs(v - medianSize) <= medianSize * 0.11).count();
            assertThat(near).as("requests within ±11%% of the median").isGreaterThanOrEqualTo(sizes.length * 9 / 10);
        }
    }

    @Test
    void officeHoursChannelsStayInsideMondayToFridayEightToSixLocalTime() {
        LocalClock local = new LocalClock(ZONE);
        List<GroundTruthEntry> office = result.entries().stream().filter(GroundTruthEntry::officeHours).toList();
        assertThat(office).hasSizeGreaterThanOrEqualTo(2);
        for (GroundTruthEntry e : office) {
            List<long[]> rows = rowsOf(e);
            assertThat(rows).hasSizeGreaterThan(20);
            Set<Integer> days = new HashSet<>();
            for (long[] r : rows) {
                long ts = r[0];
                assertThat(local.dayOfWeek(ts)).as("day of week of %s", e.description()).isLessThan(5);
                assertThat(local.hour(ts)).isBetween(8, 17);
                days.add(local.dayOfWeek(ts));
            }
            assertThat(days).as("active on Friday and Monday").containsExactlyInAnyOrder(4, 0);
        }
    }

    @Test
    void sharedServicesAreContactedByManyHostsOnTheSamePeriod() {
        Map<String, List<GroundTruthEntry>> byDst = new HashMap<>();
        for (GroundTruthEntry e : result.entries(ChannelKind.BENIGN_PERIODIC_SHARED)) {
            byDst.computeIfAbsent(e.dst(), k -> new ArrayList<>()).add(e);
        }
        assertThat(byDst).hasSize(week.sharedServices());
        int manyHostServices = 0;
        for (List<GroundTruthEntry> users : byDst.values()) {
            assertThat(users).extracting(GroundTruthEntry::src).doesNotHaveDuplicates();
            assertThat(users).extracting(GroundTruthEntry::periodSeconds).containsOnly(users.get(0).periodSeconds());
            assertThat(users.size()).isGreaterThanOrEqualTo(3);
            if (users.size() >= 10) {
                manyHostServices++;
            }
        }
        assertThat(manyHostServices).isGreaterThanOrEqualTo(4);
        assertThat(result.entries(ChannelKind.BENIGN_PERIODIC_SHARED)).extracting(GroundTruthEntry::periodSeconds)
                .contains(64.0, 1024.0, 300.0, 900.0, 3600.0, 14400.0);
    }

    @Test
    void progressReportsGrowingRowCountsEndingAtTheTotal() {
        assertThat(progress).hasSize(4 * 96).isSorted();
        assertThat(progress.get(progress.size() - 1)).isEqualTo(result.connRows());
    }

    @Test
    void forRowsSizesASimulationWithinAFewPerCent() throws IOException {
        SimulationConfig c = SimulationConfig.forRows(150_000, 5);
        assertThat(c.days()).isEqualTo(1);
        assertThat(c.seed()).isEqualTo(5);
        SimulationResult r = Simulator.simulate(c, dir.resolve("rows"));
        assertThat(r.connRows()).isBetween(142_500L, 157_500L);
    }

    @Test
    void failuresSurfaceAsExceptionsInsteadOfHanging() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        assertThatThrownBy(() -> Simulator.simulate(SimulationConfig.smallOffice(), file))
                .isInstanceOf(IOException.class);
        IllegalStateException stop = new IllegalStateException("stop after the first slice");
        assertThatThrownBy(() -> Simulator.simulate(SimulationConfig.smallOffice(), dir.resolve("stopped"), rows -> {
            throw stop;
        })).isSameAs(stop);
        Thread[] threads = new Thread[Thread.activeCount() + 8];
        int n = Thread.enumerate(threads);
        assertThat(Arrays.copyOf(threads, n)).extracting(Thread::getName).doesNotContain("beaconwatch-simulator");
    }

    @Test
    void oneHostAnOddStartAndAWesternZoneStillGiveAConsistentLog() throws IOException {
        SimulationConfig c = SimulationConfig.smallOffice().withHosts(1).withBeacons(2).withSinglePeriodic(1)
                .withStart(Instant.parse("2026-03-03T13:17:05.123456Z")).withOfficeZone(ZoneOffset.ofHours(-5));
        SimulationResult r = Simulator.simulate(c, dir.resolve("tiny"));
        ZeekTsvFixture z = ZeekTsvFixture.read(r.connLog());
        assertThat(z.rows).hasSize((int) r.connRows()).isNotEmpty();
        assertThat(ZeekTsvFixture.micros(z.rows.get(0)[0])).isGreaterThanOrEqualTo(c.startMicros());
        assertThat(ZeekTsvFixture.micros(z.rows.get(z.rows.size() - 1)[0])).isLessThan(c.endMicros());
        assertThat(z.rows).extracting(f -> f[2]).containsOnly("10.20.1.1");
        assertThat(r.entries()).extracting(GroundTruthEntry::conns).allSatisfy(n -> assertThat(n).isPositive());
        assertThat(r.entries(ChannelKind.BEACON)).hasSize(2);
    }

    @Test
    void rejectsConfigurationsThatCannotWork() {
        SimulationConfig c = SimulationConfig.smallOffice();
        assertThatThrownBy(() -> c.withHosts(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hosts");
        assertThatThrownBy(() -> c.withDays(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("days");
        assertThatThrownBy(() -> c.withInternalNetwork("10.20.0.0/24").withHosts(25))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too small");
        assertThatThrownBy(() -> c.withInternalNetwork("10.20.0.0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CIDR");
        assertThat(c.hosts()).isEqualTo(25);
        assertThat(c.days()).isEqualTo(1);
        assertThat(c.seed()).isEqualTo(42);
        assertThat(c.start()).hasToString("2026-01-05T00:00:00Z");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }

    /** (ts micros, orig_bytes or -1) of the conn.log rows of one planted channel, in time order. */
    private static List<long[]> rowsOf(GroundTruthEntry e) {
        List<long[]> out = new ArrayList<>();
        String port = Integer.toString(e.dstPort());
        for (String[] f : conn.rows) {
            if (f[2].equals(e.src()) && f[4].equals(e.dst()) && f[5].equals(port) && f[6].equals(e.proto())) {
                out.add(new long[] {ZeekTsvFixture.micros(f[0]), f[9].equals("-") || f[11].equals("S0")
                        || f[11].equals("REJ") ? -1 : Long.parseLong(f[9])});
            }
        }
        return out;
    }
}
