package org.beaconwatch.sim;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * What to simulate. Immutable; change one setting with a wither, e.g.
 * {@code SimulationConfig.smallOffice().withSeed(7).withDays(3)}.
 *
 * <p>Size: a workstation makes about 2,300 conn.log rows on a weekday and a few hundred on a
 * weekend day; a server about 1,050 rows a day; the planted periodic channels add their beats
 * (a 10 s beacon adds 8,640 rows a day). {@link #estimatedRows()} adds this up;
 * {@link #forRows(long, long)} picks a host count for a target size.
 *
 * @param hosts           internal hosts (80 % workstations, 20 % servers)
 * @param days            days simulated from {@code start}
 * @param seed            the only source of randomness: same config, byte-identical files
 * @param start           first instant simulated (default Monday 2026-01-05T00:00:00Z)
 * @param internalNetwork IPv4 CIDR of the internal hosts and the resolver (default 10.20.0.0/16)
 * @param officeZone      offset of local time for office hours (Mon–Fri 08:00–18:00), default UTC
 * @param beacons         planted beacons; every fifth one is a hard case with 55–60 % jitter
 * @param sharedServices  benign periodic services shared by many hosts (NTP, update checks, telemetry)
 * @param singlePeriodic  benign periodic channels of a single host (weather tile, backup agent, ...)
 */
public record SimulationConfig(int hosts, int days, long seed, Instant start, String internalNetwork,
                               ZoneOffset officeZone, int beacons, int sharedServices, int singlePeriodic) {

    /** Default seed. */
    public static final long DEFAULT_SEED = 42L;
    /** Default start: Monday 2026-01-05 00:00:00 UTC. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-05T00:00:00Z");
    /** Default internal network. */
    public static final String DEFAULT_NETWORK = "10.20.0.0/16";

    public SimulationConfig {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(internalNetwork, "internalNetwork");
        Objects.requireNonNull(officeZone, "officeZone");
        if (hosts < 1) {
            throw new IllegalArgumentException("hosts must be at least 1, got " + hosts);
        }
        if (days < 1 || days > 3660) {
            throw new IllegalArgumentException("days must be between 1 and 3660, got " + days);
        }
        if (beacons < 0 || sharedServices < 0 || singlePeriodic < 0) {
            throw new IllegalArgumentException("channel counts must not be negative");
        }
        if (start.getNano() % 1000 != 0 || start.getEpochSecond() < 0) {
            throw new IllegalArgumentException("start must be after 1970 with whole microseconds: " + start);
        }
        Cidr net = Cidr.parse(internalNetwork);
        long needed = AddressPlan.addressesNeeded(hosts);
        if (net.size() < needed) {
            throw new IllegalArgumentException("internal network " + internalNetwork + " is too small for "
                    + hosts + " hosts (needs " + needed + " addresses)");
        }
    }

    /** A small office: 25 hosts, one day, 10 beacons (2 hard cases), 6 shared and 4 single-host periodic services. */
    public static SimulationConfig smallOffice() {
        return new SimulationConfig(25, 1, DEFAULT_SEED, DEFAULT_START, DEFAULT_NETWORK, ZoneOffset.UTC, 10, 6, 4);
    }

    /**
     * What {@code beaconwatch simulate --hosts H --days D --seed S} runs: the small-office mix
     * with beacons and single-host periodic channels growing with the host count (one of each
     * per 100 hosts, at least 10 beacons and 4 single-host channels).
     */
    public static SimulationConfig forHosts(int hosts, int days, long seed) {
        int scaled = Math.max(10, Math.min(500, hosts / 100));
        return smallOffice().withHosts(hosts).withDays(days).withSeed(seed).withBeacons(scaled)
                .withSinglePeriodic(Math.max(4, Math.min(500, hosts / 100)));
    }

    /**
     * A one-weekday simulation sized to give about {@code rows} conn.log rows (within a few
     * per cent for rows of 100,000 and more): {@link #forHosts} with the host count that the
     * model's expected rows per host call for (about 2,550 rows per host on a weekday; at most
     * 60,000 hosts, so about 150 million rows).
     */
    public static SimulationConfig forRows(long rows, long seed) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be positive, got " + rows);
        }
        SimulationConfig probe = smallOffice().withSeed(seed).withHosts(1);
        double fixed = probe.estimatedRows();
        double perHost = (probe.withHosts(1001).estimatedRows() - fixed) / 1000.0;
        SimulationConfig c = probe;
        for (int step = 0; step < 3; step++) {
            double est = c.estimatedRows();
            int hosts = (int) Math.max(1, Math.min(60_000, Math.round(c.hosts() + (rows - est) / perHost)));
            c = forHosts(hosts, 1, seed);
        }
        return c;
    }

    /**
     * Planted sweeps: one telnet scanner and one spammer on infected hosts of their own (after
     * the beacons' hosts), when there are at least four hosts.
     */
    public int sweeps() {
        return hosts >= 4 ? 2 : 0;
    }

    /** Expected conn.log rows (an estimate; the actual count depends on the seed). */
    public long estimatedRows() {
        return Math.round(BackgroundModel.expectedRows(this) + estimatedPeriodicRows());
    }

    private double estimatedPeriodicRows() {
        return ChannelPlan.expectedPlantedRows(this);
    }

    public SimulationConfig withHosts(int v) {
        return new SimulationConfig(v, days, seed, start, internalNetwork, officeZone, beacons, sharedServices, singlePeriodic);
    }

    public SimulationConfig withDays(int v) {
        return new SimulationConfig(hosts, v, seed, start, internalNetwork, officeZone, beacons, sharedServices, singlePeriodic);
    }

    public SimulationConfig withSeed(long v) {
        return new SimulationConfig(hosts, days, v, start, internalNetwork, officeZone, beacons, sharedServices, singlePeriodic);
    }

    public SimulationConfig withStart(Instant v) {
        return new SimulationConfig(hosts, days, seed, v, internalNetwork, officeZone, beacons, sharedServices, singlePeriodic);
    }

    public SimulationConfig withInternalNetwork(String v) {
        return new SimulationConfig(hosts, days, seed, start, v, officeZone, beacons, sharedServices, singlePeriodic);
    }

    public SimulationConfig withOfficeZone(ZoneOffset v) {
        return new SimulationConfig(hosts, days, seed, start, internalNetwork, v, beacons, sharedServices, singlePeriodic);
    }

    public SimulationConfig withBeacons(int v) {
        return new SimulationConfig(hosts, days, seed, start, internalNetwork, officeZone, v, sharedServices, singlePeriodic);
    }

    public SimulationConfig withSharedServices(int v) {
        return new SimulationConfig(hosts, days, seed, start, internalNetwork, officeZone, beacons, v, singlePeriodic);
    }

    public SimulationConfig withSinglePeriodic(int v) {
        return new SimulationConfig(hosts, days, seed, start, internalNetwork, officeZone, beacons, sharedServices, v);
    }

    /** First simulated instant in microseconds since the epoch. */
    long startMicros() {
        return start.getEpochSecond() * 1_000_000L + start.getNano() / 1000;
    }

    /** One past the last simulated instant in microseconds since the epoch. */
    long endMicros() {
        return startMicros() + days * 86_400_000_000L;
    }
}
