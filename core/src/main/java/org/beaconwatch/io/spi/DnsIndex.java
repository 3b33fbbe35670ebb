package org.beaconwatch.io.spi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.io.DnsNames;

/** Mutable {@link DnsNames} filled from dns.log answers. */
public final class DnsIndex implements DnsNames {
    private final HashMap<IpAddress, List<String>> names = new HashMap<>();

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
