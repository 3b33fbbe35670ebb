package org.beaconwatch.sim;

import java.util.SplittableRandom;

/**
 * One planted periodic channel (a beacon or a benign periodic service) and its beat clock.
 *
 * <p>Timing model: beat k+1 follows beat k after {@code period × (1 + U(-jitter, +jitter))}, so
 * inter-arrival times are i.i.d. uniform around the period, as C2 frameworks implement "sleep with
 * jitter" (Cobalt Strike's {@code sleep 60 30} draws each sleep uniformly in ±30 %). A beat is
 * skipped with probability {@code missRate} (host busy, network loss), and beats outside the
 * channel's active time (office hours, sleeping windows) are silent while the clock keeps ticking.
 * Payloads are near-constant (±{@code sizeVar}); with probability {@code taskingRate} the reply is a
 * large tasking (a log-normal transfer around 60 kB).
 */
final class PeriodicChannel {
    enum Schedule { ALWAYS, OFFICE_HOURS, SLEEPING }

    final ChannelKind kind;
    final int id;
    final int src;
    final boolean srcServer;
    final int dst;
    final int dstPort;
    final boolean udp;
    final byte service;
    final int sni;
    final byte tls;
    final double periodS;
    final double jitter;
    final double missRate;
    final Schedule schedule;
    final double origBase;
    final double respBase;
    final double sizeVar;
    final double taskingRate;
    final double durMedianS;
    final double pS0;
    final double pRsto;
    String description;
    long conns;
    /**
     * Chance after each beat of a pause of 3–15 minutes (the implant sleeps, the laptop lid closes,
     * the network drops): a few multi-minute gaps that a detector must bridge. 0 = none.
     */
    double pauseRate;
    /**
     * For a sweep (scanner, spammer): the destinations, one per beat in turn, instead of
     * {@link #dst}; the channel stops after {@link #sweepLimit} connections. Null = a fixed destination.
     */
    int[] sweepTargets;
    int sweepLimit;
    private int swept;

    private final SplittableRandom rng;
    private final long sleepSeed;
    private final LocalClock clock;
    private long next;
    private long windowsDay = Long.MIN_VALUE;
    private final int[] windowStart = new int[3];
    private final int[] windowEnd = new int[3];
    private int windows;

    PeriodicChannel(ChannelKind kind, int id, long seed, LocalClock clock, long start, int src, boolean srcServer,
                    int dst, int dstPort, boolean udp, byte service, int sni, byte tls, double periodS, double jitter,
                    double missRate, Schedule schedule, double origBase, double respBase, double sizeVar,
                    double taskingRate, double durMedianS, double pS0, double pRsto, String description) {
        this.kind = kind;
        this.id = id;
        this.src = src;
        this.srcServer = srcServer;
        this.dst = dst;
        this.dstPort = dstPort;
        this.udp = udp;
        this.service = service;
        this.sni = sni;
        this.tls = tls;
        this.periodS = periodS;
        this.jitter = jitter;
        this.missRate = missRate;
        this.schedule = schedule;
        this.origBase = origBase;
        this.respBase = respBase;
        this.sizeVar = sizeVar;
        this.taskingRate = taskingRate;
        this.durMedianS = durMedianS;
        this.pS0 = pS0;
        this.pRsto = pRsto;
        this.description = description;
        this.clock = clock;
        this.rng = Sampling.stream(seed, 20, id);
        this.sleepSeed = Sampling.mix64(seed * 31 + id);
        this.next = start + (long) (rng.nextDouble() * periodS * 1e6);
    }

    /** Fraction of the time this channel's schedule lets it talk (for size estimates). */
    double activeFraction(SimulationConfig c) {
        switch (schedule) {
            case OFFICE_HOURS -> {
                LocalClock lc = new LocalClock(c.officeZone());
                long t = c.startMicros();
                long hours = 0;
                long office = 0;
                for (; t < c.endMicros(); t += 3_600_000_000L, hours++) {
                    if (lc.officeHours(t)) {
                        office++;
                    }
                }
                return hours == 0 ? 0 : (double) office / hours;
            }
            case SLEEPING -> {
                return 2.5 * 105.0 / 1440.0;
            }
            default -> {
                return 1.0;
            }
        }
    }

    private boolean active(long t) {
        switch (schedule) {
            case OFFICE_HOURS -> {
                return clock.officeHours(t);
            }
            case SLEEPING -> {
                long day = clock.day(t);
                if (day != windowsDay) {
                    planWindows(day);
                }
                int minute = clock.secondOfDay(t) / 60;
                for (int i = 0; i < windows; i++) {
                    if (minute >= windowStart[i] && minute < windowEnd[i]) {
                        return true;
                    }
                }
                return false;
            }
            default -> {
                return true;
            }
        }
    }

    /** A sleeping channel wakes 2–3 times a day for 60–150 minutes at random local times. */
    private void planWindows(long day) {
        SplittableRandom r = new SplittableRandom(Sampling.mix64(sleepSeed + day));
        windows = 2 + r.nextInt(2);
        for (int i = 0; i < windows; i++) {
            windowStart[i] = r.nextInt(1440 - 150);
            windowEnd[i] = windowStart[i] + 60 + r.nextInt(91);
        }
        windowsDay = day;
    }

    /** Adds this channel's beats in [sliceStart, sliceEnd); beats at or after end are dropped. */
    void generate(ConnEvents ev, long sliceEnd, long end) {
        long limit = Math.min(sliceEnd, end);
        while (next < limit) {
            long t = next;
            double step = periodS * (1.0 + jitter * (2.0 * rng.nextDouble() - 1.0));
            next = t + Math.max(1L, (long) (step * 1e6));
            if (pauseRate > 0 && rng.nextDouble() < pauseRate) {
                next += (long) (Sampling.uniform(rng, 180, 900) * 1e6);
            }
            boolean miss = rng.nextDouble() < missRate;
            if (miss || !active(t)) {
                continue;
            }
            if (sweepTargets != null) {
                if (swept >= sweepLimit) {
                    next = Long.MAX_VALUE;
                    return;
                }
                swept++;
            }
            emit(ev, t);
        }
    }

    private void emit(ConnEvents ev, long t) {
        SplittableRandom r = rng;
        int dst = sweepTargets == null ? this.dst : sweepTargets[(swept - 1) % sweepTargets.length];
        int sport = ConnShapes.ephemeralPort(r, srcServer);
        long ob = Math.max(1, Math.round(origBase * (1.0 + sizeVar * (2.0 * r.nextDouble() - 1.0))));
        long rb = Math.max(1, Math.round(respBase * (1.0 + sizeVar * (2.0 * r.nextDouble() - 1.0))));
        double durS = Sampling.logNormal(r, durMedianS, 0.3);
        if (taskingRate > 0 && r.nextDouble() < taskingRate) {
            rb = (long) Sampling.logNormal(r, 60_000, 0.8);
            durS += rb / 2e6;
        }
        long dur = (long) (durS * 1e6);
        if (udp) {
            boolean answered = r.nextDouble() >= pS0;
            ConnShapes.addUdp(ev, t, src, sport, dst, dstPort, false, service, answered, ob, rb, dur, id);
        } else {
            byte st = ConnShapes.state(r, pS0, 0.0, pRsto, 0.0);
            byte bits = tls;
            if (sni >= 0 && r.nextDouble() < 0.1) {
                bits |= ConnEvents.TLS_RESUMED;
            }
            ConnShapes.addTcp(ev, r, t, src, sport, dst, dstPort, false, service, st, ob, rb, dur, sni, bits, id);
        }
    }
}
