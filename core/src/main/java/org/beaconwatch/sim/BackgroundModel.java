package org.beaconwatch.sim;

import java.util.SplittableRandom;

/**
 * Benign background traffic: bursty web browsing and the DNS lookups it needs.
 *
 * <p>Each host starts browsing sessions as a Poisson process whose hourly rate follows a working
 * day (workstations: busy Mon–Fri 08:00–18:00 local, quiet at night and at weekends; servers: a
 * flat low rate), scaled by a per-host activity level (log-normal, median 1). A session is a few
 * page views (1 + geometric, mean 4); a page view is a burst of connections (1 + geometric, mean 8)
 * about 120 ms apart, to the page's site and to other sites (ads, CDNs), separated by reading
 * pauses (log-normal, median 20 s). Sites are drawn from a Zipf(1) popularity law over a fixed
 * pool, as web popularity is [Breslau et al., "Web caching and Zipf-like distributions",
 * INFOCOM 1999]; transfer sizes are log-normal with a heavy right tail [Crovella and Bestavros,
 * "Self-similarity in World Wide Web traffic", SIGMETRICS 1996]. Popular sites are often CDNs
 * whose name resolves to several addresses, rotating every five minutes. Nothing here is
 * periodic: this is the traffic a beacon detector must stay quiet on.
 */
final class BackgroundModel {
    static final int SITES = 3000;
    private static final double ZIPF_S = 1.0;
    private static final double MEAN_PAGE_VIEWS = 4.0;
    private static final double MEAN_BURST = 8.0;
    private static final double P_DNS_PAGE = 0.6;
    private static final double P_OTHER_SITE = 0.5;
    private static final double P_DNS_OTHER = 0.3;
    private static final double BURST_GAP_S = 0.12;
    private static final double PAUSE_MEDIAN_S = 20.0;
    private static final long MAX_SESSION_MICROS = 2 * 3_600_000_000L;
    private static final long CDN_ROTATION_MICROS = 300_000_000L;
    private static final double ACTIVITY_SIGMA = 0.5;

    /** Sessions per hour by local hour: workstation weekday, workstation weekend, server (any day). */
    private static final double[] WS_WEEKDAY = {
        0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 1.0, 5, 5, 5, 5, 3, 5, 5, 5, 5, 5, 2, 0.6, 0.6, 0.6, 0.6, 0.2,
    };
    private static final double[] WS_WEEKEND = {
        0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4,
        0.4, 0.4, 0.4, 0.4, 0.05,
    };
    private static final double SERVER_RATE = 1.0;

    private final LocalClock clock;
    private final int resolver;
    private final int[] hostIp;
    private final boolean[] server;
    private final double[] activity;
    private final SplittableRandom[] rng;
    private final int[][] siteIps;
    private final int[] sitePort;
    private final int[] siteSni;
    private final byte[] siteTls;
    private final double[] zipfCdf;

    BackgroundModel(SimulationConfig config, AddressPlan plan, NameTable names, boolean[] server) {
        this.clock = new LocalClock(config.officeZone());
        this.resolver = plan.resolver();
        this.server = server;
        int hosts = config.hosts();
        hostIp = new int[hosts];
        activity = new double[hosts];
        rng = new SplittableRandom[hosts];
        double sumActivity = 0;
        for (int h = 0; h < hosts; h++) {
            hostIp[h] = plan.host(h);
            rng[h] = Sampling.stream(config.seed(), 10, h);
            activity[h] = Sampling.logNormal(rng[h], 1.0, ACTIVITY_SIGMA);
            sumActivity += activity[h];
        }
        // rescale so the mean activity is exactly the log-normal mean: row counts then track the
        // estimate closely even for a few hosts, while hosts still differ from each other
        double scale = Sampling.logNormalMeanFactor(ACTIVITY_SIGMA) * hosts / sumActivity;
        for (int h = 0; h < hosts; h++) {
            activity[h] *= scale;
        }
        SplittableRandom r = Sampling.stream(config.seed(), 11, 0);
        siteIps = new int[SITES][];
        sitePort = new int[SITES];
        siteSni = new int[SITES];
        siteTls = new byte[SITES];
        zipfCdf = new double[SITES];
        double sum = 0;
        for (int s = 0; s < SITES; s++) {
            boolean cdn = s < SITES / 5 && r.nextDouble() < 0.5;
            int n = cdn ? 4 + r.nextInt(5) : 1 + (r.nextDouble() < 0.2 ? 1 : 0);
            siteIps[s] = new int[n];
            for (int k = 0; k < n; k++) {
                siteIps[s][k] = plan.external();
            }
            boolean https = r.nextDouble() < 0.85;
            sitePort[s] = https ? 443 : 80;
            siteSni[s] = https ? names.add(r.nextDouble() < 0.6 ? "www." : (cdn ? "cdn." : "static."), "", false) : -1;
            siteTls[s] = (byte) ((r.nextDouble() < 0.75 ? ConnEvents.TLS_V13 : 0)
                    | (r.nextDouble() < 0.5 ? ConnEvents.TLS_AES256 : 0));
            sum += 1.0 / StrictMath.pow(s + 1, ZIPF_S);
            zipfCdf[s] = sum;
        }
        for (int s = 0; s < SITES; s++) {
            zipfCdf[s] /= sum;
        }
    }

    /** Expected rows of one host-day (activity at its mean), used to size simulations. */
    static double expectedRowsPerDay(boolean workstation, boolean weekday) {
        double sessions = 0;
        for (int h = 0; h < 24; h++) {
            sessions += workstation ? (weekday ? WS_WEEKDAY[h] : WS_WEEKEND[h]) : SERVER_RATE;
        }
        return sessions * rowsPerSession() * Sampling.logNormalMeanFactor(ACTIVITY_SIGMA);
    }

    private static double rowsPerSession() {
        double burst = MEAN_BURST + P_DNS_PAGE + (MEAN_BURST - 1) * P_OTHER_SITE * P_DNS_OTHER;
        return (1 + (MEAN_PAGE_VIEWS - 1)) * burst;
    }

    /** Expected background rows of a whole simulation (80 % workstations, 20 % servers). */
    static double expectedRows(SimulationConfig c) {
        LocalClock clock = new LocalClock(c.officeZone());
        double servers = serverCount(c.hosts());
        double workstations = c.hosts() - servers;
        double total = 0;
        long t = c.startMicros();
        for (int d = 0; d < c.days(); d++, t += 86_400_000_000L) {
            boolean weekday = clock.weekday(t + 43_200_000_000L);
            total += workstations * expectedRowsPerDay(true, weekday) + servers * expectedRowsPerDay(false, weekday);
        }
        return total;
    }

    /** Hosts {@code n - serverCount(n) .. n-1} are servers. */
    static int serverCount(int hosts) {
        return hosts / 5;
    }

    private int zipf(SplittableRandom r) {
        double u = r.nextDouble();
        int lo = 0;
        int hi = SITES - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (zipfCdf[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Adds the sessions that start in [sliceStart, sliceStart + sliceMicros); events past end are dropped. */
    void generate(ConnEvents ev, long sliceStart, long sliceMicros, long end) {
        int hour = clock.hour(sliceStart);
        boolean weekday = clock.weekday(sliceStart);
        double wsRate = (weekday ? WS_WEEKDAY : WS_WEEKEND)[hour] * (sliceMicros / 3.6e9);
        double srvRate = SERVER_RATE * (sliceMicros / 3.6e9);
        for (int h = 0; h < hostIp.length; h++) {
            SplittableRandom r = rng[h];
            int n = Sampling.poisson(r, (server[h] ? srvRate : wsRate) * activity[h]);
            for (int k = 0; k < n; k++) {
                long t0 = sliceStart + r.nextLong(sliceMicros);
                session(ev, h, r, t0, end);
            }
        }
    }

    private void session(ConnEvents ev, int h, SplittableRandom r, long t0, long end) {
        int pageViews = 1 + Sampling.geometric(r, MEAN_PAGE_VIEWS - 1);
        long t = t0;
        long stop = Math.min(end, t0 + MAX_SESSION_MICROS);
        for (int p = 0; p < pageViews && t < stop; p++) {
            int site = zipf(r);
            if (r.nextDouble() < P_DNS_PAGE) {
                t += dns(ev, h, r, t, stop);
            }
            int burst = 1 + Sampling.geometric(r, MEAN_BURST - 1);
            for (int c = 0; c < burst && t < stop; c++) {
                int s = site;
                if (c > 0 && r.nextDouble() < P_OTHER_SITE) {
                    s = zipf(r);
                    if (s != site && r.nextDouble() < P_DNS_OTHER) {
                        t += dns(ev, h, r, t, stop);
                        if (t >= stop) {
                            break;
                        }
                    }
                }
                web(ev, h, r, s, t);
                t += 1 + (long) (Sampling.exponential(r, BURST_GAP_S) * 1e6);
            }
            t += (long) (Math.min(900.0, Sampling.logNormal(r, PAUSE_MEDIAN_S, 1.0)) * 1e6);
        }
    }

    /** Adds a DNS lookup at t (if before stop) and returns its latency in microseconds. */
    private long dns(ConnEvents ev, int h, SplittableRandom r, long t, long stop) {
        long q = 30L + r.nextInt(30);
        long a = q + 16 + r.nextInt(200);
        long lat = 200 + (long) (Math.min(2.0, Sampling.logNormal(r, 0.008, 1.0)) * 1e6);
        if (t < stop) {
            boolean answered = r.nextDouble() >= 0.015;
            ConnShapes.addUdp(ev, t, hostIp[h], ConnShapes.ephemeralPort(r, server[h]), resolver, 53, true,
                    ConnEvents.SVC_DNS, answered, q, a, lat, -1);
        }
        return lat;
    }

    private void web(ConnEvents ev, int h, SplittableRandom r, int s, long t) {
        int[] ips = siteIps[s];
        int ip = ips.length == 1 ? ips[0]
                : ips[(int) Long.remainderUnsigned(Sampling.mix64(((long) h << 20) + s + Sampling.mix64(t / CDN_ROTATION_MICROS)), ips.length)];
        byte st = ConnShapes.state(r, 0.03, 0.01, 0.05, 0.02);
        long ob = 50 + (long) Math.min(5e7, Sampling.logNormal(r, 700, 0.7));
        long rb = (long) Math.min(5e8, Sampling.logNormal(r, 6000, 1.8));
        if (st == ConnEvents.ST_RSTO || st == ConnEvents.ST_RSTR) {
            rb = rb / (1 + r.nextInt(8));
        }
        long dur = (long) (Math.min(3600.0, Sampling.logNormal(r, 0.3, 1.3) + rb / 5e6) * 1e6);
        int port = sitePort[s];
        byte tls = siteTls[s];
        if (port == 443) {
            tls |= ConnEvents.TLS_H2;
            if (r.nextDouble() < 0.15) {
                tls |= ConnEvents.TLS_RESUMED;
            }
        }
        ConnShapes.addTcp(ev, r, t, hostIp[h], ConnShapes.ephemeralPort(r, server[h]), ip, port, false,
                port == 443 ? ConnEvents.SVC_SSL : ConnEvents.SVC_HTTP, st, ob, rb, dur, siteSni[s], tls, -1);
    }
}
