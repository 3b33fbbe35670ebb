package org.beaconwatch.io;

import java.util.List;
import org.beaconwatch.flow.IpAddress;

/**
 * Address-to-name index built from Zeek dns.log answers (A and AAAA records): which names resolved
 * to an address during the capture. Empty when no dns.log was read.
 */
public interface DnsNames {

    /** Names that resolved to {@code address}, in first-seen order; empty when none. */
    List<String> namesFor(IpAddress address);

    /** Number of addresses with at least one name. */
    int size();

    /** The empty index. */
    static DnsNames empty() {
        return new DnsNames() {
            @Override
            public List<String> namesFor(IpAddress address) {
                return List.of();
            }

            @Override
            public int size() {
                return 0;
            }
        };
    }
}
