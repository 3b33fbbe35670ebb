package org.beaconwatch.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Decides the planted periodic channels: beacons, benign services shared by many hosts, and benign
 * periodic channels of one host. Parameters come from fixed templates (so every simulation covers
 * periods from seconds to hours, office-hours and sleeping beacons) with seeded variation.
 */
final class ChannelPlan {
    private enum Transport { HTTPS, HTTP, TCP, UDP }

    private record BeaconTemplate(double periodS, PeriodicChannel.Schedule schedule, Transport transport, int port) {
    }

    private static final PeriodicChannel.Schedule A = PeriodicChannel.Schedule.ALWAYS;
    private static final PeriodicChannel.Schedule O = PeriodicChannel.Schedule.OFFICE_HOURS;
    private static final PeriodicChannel.Schedule S = PeriodicChannel.Schedule.SLEEPING;

    private static final BeaconTemplate[] BEACONS = {
        new BeaconTemplate(60, A, Transport.HTTPS, 443),
        new BeaconTemplate(300, O, Transport.HTTPS, 443),
        new BeaconTemplate(10, A, Transport.TCP, 4444),
        new BeaconTemplate(900, A, Transport.HTTP, 80),
        new BeaconTemplate(30, S, Transport.HTTPS, 443),
        new BeaconTemplate(3600, A, Transport.HTTPS, 443),
        new BeaconTemplate(120, O, Transport.HTTP, 8080),
        new BeaconTemplate(1800, A, Transport.HTTPS, 443),
        new BeaconTemplate(45, S, Transport.TCP, 1177),
        new BeaconTemplate(600, A, Transport.HTTPS, 443),
    };

    private record ServiceTemplate(String what, double periodS, double jitter, Transport transport, int port,
                                   String prefix, String suffix, int who, double share, double ob, double rb,
                                   double sizeVar) {
    }

    /** who: 0 = workstations, 1 = servers, 2 = any host. */
    private static final ServiceTemplate[] SHARED = {
        new ServiceTemplate("NTP time sync", 1024, 0.01, Transport.UDP, 123, "", "", 0, 0.95, 48, 48, 0),
        new ServiceTemplate("NTP (chrony) time sync", 64, 0.02, Transport.UDP, 123, "", "", 1, 0.5, 48, 48, 0),
        new ServiceTemplate("software update check", 3600, 0.10, Transport.HTTPS, 443, "update.", "", 2, 0.7, 900,
                4200, 0.10),
        new ServiceTemplate("antivirus signature check", 14400, 0.05, Transport.HTTPS, 443, "av-sig.", "", 2, 0.8, 1100,
                2600, 0.10),
        new ServiceTemplate("telemetry upload", 300, 0.03, Transport.HTTPS, 443, "telemetry.", "", 2, 0.6, 1500, 380,
                0.20),
        new ServiceTemplate("telemetry heartbeat", 900, 0.05, Transport.HTTPS, 443, "events.", "", 2, 0.5, 700, 250,
                0.15),
    };

    private static final ServiceTemplate[] SINGLE = {
        new ServiceTemplate("weather tile refresh", 1800, 0.0, Transport.HTTPS, 443, "tiles.", "weather", 0, 1, 650,
                24000, 0.15),
        new ServiceTemplate("backup agent check-in", 900, 0.02, Transport.HTTPS, 443, "agent.", "backup", 1, 1, 1200,
                900, 0.05),
        new ServiceTemplate("licence server heartbeat", 600, 0.0, Transport.TCP, 27000, "", "", 0, 1, 96, 64, 0),
        new ServiceTemplate("stock ticker poll (office hours)", 60, 0.05, Transport.HTTPS, 443, "quotes.", "", 0, 1,
                520, 1800, 0.20),
        new ServiceTemplate("camera cloud keep-alive", 120, 0.01, Transport.HTTPS, 8883, "mqtt.", "cam", 1, 1, 180,
                120, 0.05),
        new ServiceTemplate("mail client poll", 300, 0.02, Transport.HTTPS, 993, "imap.", "mail", 0, 1, 400, 900,
                0.30),
    };

    final List<PeriodicChannel> channels = new ArrayList<>();

    ChannelPlan(SimulationConfig c, AddressPlan plan, NameTable names, boolean[] server) {
        LocalClock clock = new LocalClock(c.officeZone());
        long start = c.startMicros();
        SplittableRandom r = Sampling.stream(c.seed(), 3, 0);
        int hosts = c.hosts();
        int[] perm = permutation(hosts, r);

        // beacons: one infected host each (distinct while hosts last), a fresh destination each
        int normal = 0;
        for (int i = 0; i < c.beacons(); i++) {
            BeaconTemplate t = BEACONS[i % BEACONS.length];
            double period = i < BEACONS.length ? t.periodS : Math.round(t.periodS * Sampling.uniform(r, 0.7, 1.4));
            boolean isHard = i % 5 == 4;
            double jitter = isHard ? Sampling.uniform(r, 0.55, 0.60)
                    : Math.min(0.5, (normal % 6) * 0.1 + Sampling.uniform(r, 0, 0.1));
            if (!isHard) {
                normal++;
            }
            double miss = Sampling.uniform(r, 0, 0.2);
            // the eighth of every ten beacons: a ~33 s implant with moderate jitter (±10-20 %),
            // about 12 % missed beats and a few multi-minute pauses
            boolean pausing = i % 10 == 7;
            if (pausing) {
                period = Math.round(33 * Sampling.uniform(r, 0.9, 1.1));
                jitter = Sampling.uniform(r, 0.10, 0.20);
                miss = 0.12;
            }
            double ob = Math.round(Sampling.uniform(r, 200, 600));
            double rb = Math.round(Sampling.uniform(r, 200, 600));
            double tasking = Sampling.uniform(r, 0.005, 0.03);
            int h = perm[i % hosts];
            int sni = t.transport == Transport.HTTPS ? names.add("", "", true) : -1;
            byte tls = r.nextBoolean() ? (byte) (ConnEvents.TLS_V13 | ConnEvents.TLS_HTTP11) : ConnEvents.TLS_HTTP11;
            String desc = String.format(Locale.ROOT,
                    "%s beacon every %s ±%.0f%%, misses %.0f%% of beats, %s, ~%.0f B up / %.0f B down, tasking %.1f%%%s",
                    t.transport, seconds(period), jitter * 100, miss * 100, scheduleText(t.schedule), ob, rb,
                    tasking * 100, isHard ? " (hard case: jitter above 50%)" : "");
            PeriodicChannel beacon = new PeriodicChannel(ChannelKind.BEACON, channels.size(), c.seed(), clock, start,
                    plan.host(h), server[h], plan.external(), t.port, false, service(t.transport), sni, tls, period,
                    jitter, miss, pausing ? A : t.schedule, ob, rb, 0.05, tasking, 0.25, 0.01, 0.02,
                    pausing ? desc.replace(scheduleText(t.schedule), "always on, paused 3-15 min about 6 times a day")
                            : desc);
            if (pausing) {
                beacon.pauseRate = 6 * period / 86_400.0;
            }
            channels.add(beacon);
        }

        // sweeps: one scanner (telnet, 300 addresses, mostly unanswered) and one spammer (direct
        // mail to 60 mail servers) on infected hosts of their own, after the beacons' hosts
        for (int k = 0; k < c.sweeps(); k++) {
            boolean scanner = k % 2 == 0;
            int h = perm[(c.beacons() + k) % hosts];
            int targets = scanner ? 300 : 60;
            int[] dsts = new int[targets];
            for (int j = 0; j < targets; j++) {
                dsts[j] = plan.external();
            }
            String desc = scanner ? "telnet scan of 300 addresses, one try every ~3 s, 95% unanswered"
                    : "spam: direct SMTP to 60 mail servers, one every ~40 s, 120 messages";
            PeriodicChannel sweep = new PeriodicChannel(scanner ? ChannelKind.SCANNER : ChannelKind.SPAMMER,
                    channels.size(), c.seed(), clock, start + 3_600_000_000L * (2 + 3 * k), plan.host(h), server[h],
                    dsts[0], scanner ? 23 : 25, false, ConnEvents.SVC_NONE, -1, (byte) 0, scanner ? 3 : 40, 0.6, 0.0,
                    A, scanner ? 40 : 2400, scanner ? 0 : 300, 0.5, 0, 0.5, scanner ? 0.95 : 0.05, 0.02, desc);
            sweep.sweepTargets = dsts;
            sweep.sweepLimit = scanner ? targets : 2 * targets;
            channels.add(sweep);
        }

        // shared services: one destination per service, contacted by many hosts on the same period
        for (int s = 0; s < c.sharedServices(); s++) {
            ServiceTemplate t = SHARED[s % SHARED.length];
            int dst = plan.external();
            String vendor = names.word();
            int sni = t.transport == Transport.HTTPS ? names.add(t.prefix, "", false) : -1;
            byte tls = (byte) (ConnEvents.TLS_V13 | ConnEvents.TLS_HTTP11);
            String name = sni >= 0 ? names.name(sni) : vendor + " pool";
            // users: a share of the eligible hosts (at least 3 where there are 3), in host order
            int[] order = permutation(hosts, r);
            int eligibleCount = 0;
            for (int h = 0; h < hosts; h++) {
                if (t.who == 2 || (t.who == 1) == server[h]) {
                    eligibleCount++;
                }
            }
            int wanted = (int) Math.max(Math.min(3, eligibleCount), Math.round(t.share * eligibleCount));
            boolean[] chosen = new boolean[hosts];
            for (int k = 0, taken = 0; k < hosts && taken < wanted; k++) {
                int h = order[k];
                if (t.who == 2 || (t.who == 1) == server[h]) {
                    chosen[h] = true;
                    taken++;
                }
            }
            int users = 0;
            int first = channels.size();
            for (int h = 0; h < hosts; h++) {
                if (!chosen[h]) {
                    continue;
                }
                users++;
                channels.add(new PeriodicChannel(ChannelKind.BENIGN_PERIODIC_SHARED, channels.size(), c.seed(), clock,
                        start, plan.host(h), server[h], dst, t.port, t.transport == Transport.UDP,
                        service(t.transport, t.port), sni, tls, t.periodS, t.jitter, 0.005, PeriodicChannel.Schedule.ALWAYS,
                        t.ob, t.rb, t.sizeVar, 0, t.transport == Transport.UDP ? 0.02 : 0.15, 0.005, 0.005, null));
            }
            String desc = String.format(Locale.ROOT, "%s to %s every %s ±%.0f%%, shared by %d hosts", t.what, name,
                    seconds(t.periodS), t.jitter * 100, users);
            for (int k = first; k < channels.size(); k++) {
                channels.get(k).description = desc;
            }
        }

        // single-host periodic services
        for (int j = 0; j < c.singlePeriodic(); j++) {
            ServiceTemplate t = SINGLE[j % SINGLE.length];
            int h = perm[(hosts - 1 - j % hosts + hosts) % hosts];
            int sni = t.transport == Transport.HTTPS ? names.add(t.prefix, t.suffix, false) : -1;
            PeriodicChannel.Schedule sched = t.what.contains("office hours") ? O : A;
            String desc = String.format(Locale.ROOT, "%s%s every %s ±%.0f%%, one host only", t.what,
                    sni >= 0 ? " to " + names.name(sni) : "", seconds(t.periodS), t.jitter * 100);
            channels.add(new PeriodicChannel(ChannelKind.BENIGN_PERIODIC_SINGLE, channels.size(), c.seed(), clock, start,
                    plan.host(h), server[h], plan.external(), t.port, false, service(t.transport, t.port), sni,
                    (byte) (ConnEvents.TLS_V13 | ConnEvents.TLS_HTTP11), t.periodS, t.jitter, 0.002, sched, t.ob, t.rb,
                    t.sizeVar, 0, 0.2, 0.002, 0.003, desc));
        }
    }

    private static byte service(Transport t) {
        return service(t, 0);
    }

    private static byte service(Transport t, int port) {
        return switch (t) {
            case HTTPS -> ConnEvents.SVC_SSL;
            case HTTP -> ConnEvents.SVC_HTTP;
            case UDP -> port == 123 ? ConnEvents.SVC_NTP : ConnEvents.SVC_NONE;
            default -> ConnEvents.SVC_NONE;
        };
    }

    private static String scheduleText(PeriodicChannel.Schedule s) {
        return switch (s) {
            case OFFICE_HOURS -> "office hours only (Mon-Fri 08-18)";
            case SLEEPING -> "sleeping (awake 2-3 windows of 1-2.5 h a day)";
            default -> "always on";
        };
    }

    static String seconds(double s) {
        if (s >= 3600 && s % 3600 == 0) {
            return String.format(Locale.ROOT, "%.0f h", s / 3600);
        }
        if (s >= 60 && s % 60 == 0) {
            return String.format(Locale.ROOT, "%.0f min", s / 60);
        }
        return String.format(Locale.ROOT, "%.0f s", s);
    }

    private static int[] permutation(int n, SplittableRandom r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }

    /** The seeded host order the plan assigns infected hosts in. */
    static int[] hostOrder(SimulationConfig c) {
        return permutation(c.hosts(), Sampling.stream(c.seed(), 3, 0));
    }

    /** Expected rows of all planted channels: beats over the span, less misses, times the active share. */
    static double expectedPlantedRows(SimulationConfig c) {
        boolean[] server = Simulator.serverFlags(c.hosts());
        ChannelPlan p = new ChannelPlan(c, new AddressPlan(Cidr.parse(c.internalNetwork()), c.seed()),
                new NameTable(c.seed()), server);
        double span = c.days() * 86_400.0;
        double office = -1;
        double total = 0;
        for (PeriodicChannel ch : p.channels) {
            double f;
            if (ch.schedule == O) {
                if (office < 0) {
                    office = ch.activeFraction(c);
                }
                f = office;
            } else {
                f = ch.activeFraction(c);
            }
            total += ch.sweepTargets != null ? ch.sweepLimit : span / ch.periodS * (1 - ch.missRate) * f;
        }
        return total;
    }
}
