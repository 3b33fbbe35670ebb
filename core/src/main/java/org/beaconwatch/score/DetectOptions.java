package org.beaconwatch.score;

import java.util.List;
import org.beaconwatch.channel.Allowlist;
import org.beaconwatch.channel.ChannelScope;
import org.beaconwatch.channel.Cidr;

/**
 * Options for {@link BeaconDetector}.
 *
 * @param internal             monitored networks (default RFC 1918, 100.64.0.0/10, fc00::/7)
 * @param allSources           analyse sources outside {@code internal} too (default false)
 * @param internalDestinations treat internal destinations as candidates too (default false: DNS to
 *                             the local resolver and other internal services are not beacons)
 * @param allowlist            trusted addresses, CIDRs and domains, skipped at analysis time
 * @param minConns             fewest connections a channel needs to be scored as a beacon (default 4)
 * @param alertThreshold       score at or above which a finding alerts (default 0.6)
 * @param threads              scoring threads (default: available processors)
 * @param maxBins              largest periodogram (bins, a power of two; default 32,768)
 * @param seed                 seed for any randomised step (none at present; kept for provenance)
 */
public record DetectOptions(List<Cidr> internal, boolean allSources, boolean internalDestinations,
                            Allowlist allowlist, int minConns, double alertThreshold, int threads,
                            int maxBins, long seed) {

    /** The default internal networks. */
    public static final List<Cidr> DEFAULT_INTERNAL = List.of(
            Cidr.parse("10.0.0.0/8"), Cidr.parse("172.16.0.0/12"), Cidr.parse("192.168.0.0/16"),
            Cidr.parse("100.64.0.0/10"), Cidr.parse("fc00::/7"));

    /** Default alert threshold; see the README's scoring section. */
    public static final double DEFAULT_ALERT_THRESHOLD = 0.6;

    public DetectOptions {
        internal = List.copyOf(internal);
        if (minConns < 2) {
            throw new IllegalArgumentException("minimum connections must be at least 2, got " + minConns);
        }
        if (!(alertThreshold >= 0 && alertThreshold <= 1)) {
            throw new IllegalArgumentException("alert threshold must be in [0, 1], got " + alertThreshold);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        if (maxBins < 64 || Integer.bitCount(maxBins) != 1) {
            throw new IllegalArgumentException("maxBins must be a power of two >= 64");
        }
    }

    /** The internal networks as the user gave them (CIDR text); empty when the defaults apply. */
    public List<String> givenInternal() {
        return internal.equals(DEFAULT_INTERNAL) ? List.of() : internal.stream().map(Object::toString).toList();
    }

    /** The defaults. */
    public static DetectOptions defaults() {
        return new DetectOptions(DEFAULT_INTERNAL, false, false, Allowlist.empty(), 4, DEFAULT_ALERT_THRESHOLD,
                Math.max(1, Runtime.getRuntime().availableProcessors()), 1 << 15, 42L);
    }

    public DetectOptions withInternal(List<Cidr> v) {
        return new DetectOptions(v, allSources, internalDestinations, allowlist, minConns, alertThreshold, threads, maxBins, seed);
    }

    public DetectOptions withAllSources(boolean v) {
        return new DetectOptions(internal, v, internalDestinations, allowlist, minConns, alertThreshold, threads, maxBins, seed);
    }

    public DetectOptions withInternalDestinations(boolean v) {
        return new DetectOptions(internal, allSources, v, allowlist, minConns, alertThreshold, threads, maxBins, seed);
    }

    public DetectOptions withAllowlist(Allowlist v) {
        return new DetectOptions(internal, allSources, internalDestinations, v, minConns, alertThreshold, threads, maxBins, seed);
    }

    public DetectOptions withMinConns(int v) {
        return new DetectOptions(internal, allSources, internalDestinations, allowlist, v, alertThreshold, threads, maxBins, seed);
    }

    public DetectOptions withAlertThreshold(double v) {
        return new DetectOptions(internal, allSources, internalDestinations, allowlist, minConns, v, threads, maxBins, seed);
    }

    public DetectOptions withThreads(int v) {
        return new DetectOptions(internal, allSources, internalDestinations, allowlist, minConns, alertThreshold, v, maxBins, seed);
    }

    public DetectOptions withMaxBins(int v) {
        return new DetectOptions(internal, allSources, internalDestinations, allowlist, minConns, alertThreshold, threads, v, seed);
    }

    public DetectOptions withSeed(long v) {
        return new DetectOptions(internal, allSources, internalDestinations, allowlist, minConns, alertThreshold, threads, maxBins, v);
    }

    /** True when {@code host} (address text) is an internal host under these options. */
    public boolean isInternalHost(String host) {
        if (allSources) {
            return true;
        }
        long[] a = new long[2];
        if (!org.beaconwatch.flow.IpAddress.parse(host, 0, host.length(), a)) {
            return false;
        }
        for (Cidr c : internal) {
            if (c.contains(a[0], a[1])) {
                return true;
            }
        }
        return false;
    }

    /** The channel scope these options describe. */
    public ChannelScope scope() {
        return new ChannelScope(internal, allSources, internalDestinations, allowlist);
    }
}
