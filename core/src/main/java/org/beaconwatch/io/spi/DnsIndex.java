package org.beaconwatch.io.spi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.io.DnsNames;
import org.beaconwatch.io.DnsQueries;

/**
 * Mutable {@link DnsNames} filled from dns.log answers; also hands every query record to an
 * optional {@link DnsQueries} listener, so dns.log is read once for both.
 */
public final class DnsIndex implements DnsNames {
    private final HashMap<IpAddress, List<String>> names = new HashMap<>();
    private final DnsQueries queries;

    /** An index without a query listener. */
    public DnsIndex() {
        this(null);
    }

    /** An index that also passes every query record to {@code queries} (null: none). */
    public DnsIndex(DnsQueries queries) {
        this.queries = queries;
    }

    /** One query record of dns.log, passed to the listener if there is one. */
    public void query(String src, String query, String qtype) {
        if (queries != null) {
            queries.query(src, query, qtype);
        }
    }

    /** Adds that {@code name} resolved to {@code address}. */
    public void add(IpAddress address, String name) {
        if (address == null || address.isNone() || name == null || name.isEmpty()) {
            return;
        }
        List<String> l = names.computeIfAbsent(address, a -> new ArrayList<>(2));
        if (!l.contains(name)) {
            l.add(name);
        }
    }

    @Override
    public List<String> namesFor(IpAddress address) {
        List<String> l = names.get(address);
        return l == null ? List.of() : List.copyOf(l);
    }

    @Override
    public int size() {
        return names.size();
    }
}
