package org.beaconwatch.channel;

import java.util.List;

/**
 * Which flows become channel candidates.
 *
 * @param internal              the monitored (internal) networks
 * @param allSources            when true, sources outside {@code internal} are analysed too
 * @param internalDestinations  when true, destinations inside {@code internal} are candidates too
 *                              (by default internal-to-internal traffic, e.g. DNS to the local
 *                              resolver, is not a beacon candidate)
 * @param allowlist             trusted destinations (addresses, CIDRs, domains), skipped
 */
public record ChannelScope(List<Cidr> internal, boolean allSources, boolean internalDestinations, Allowlist allowlist) {
    public ChannelScope {
        internal = List.copyOf(internal);
    }

    /** True when (hi, lo) lies inside one of the internal networks. */
    public boolean isInternal(long hi, long lo) {
        for (int i = 0, n = internal.size(); i < n; i++) {
            if (internal.get(i).contains(hi, lo)) {
                return true;
            }
        }
        return false;
    }
}
