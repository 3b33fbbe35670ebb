package org.beaconwatch.sim;

/** An IPv4 network in CIDR notation, as the simulator needs it (base address and size). */
record Cidr(int base, int prefix) {

    /** Parses with the detector's {@link org.beaconwatch.channel.Cidr}; the simulator needs IPv4, /8 to /30. */
    static Cidr parse(String text) {
        org.beaconwatch.channel.Cidr c;
        try {
            c = org.beaconwatch.channel.Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("internal network must be an IPv4 CIDR like 10.20.0.0/16: '" + text + "'", e);
        }
        if (text.indexOf('/') < 0 || !org.beaconwatch.flow.IpAddress.isV4(c.hi(), c.lo())) {
            throw new IllegalArgumentException("internal network must be an IPv4 CIDR like 10.20.0.0/16: '" + text + "'");
        }
        int prefix = c.length() - 96;
        if (prefix < 8 || prefix > 30) {
            throw new IllegalArgumentException("prefix length must be between 8 and 30 in '" + text + "'");
        }
        return new Cidr((int) c.lo(), prefix);
    }

    long size() {
        return 1L << (32 - prefix);
    }

    /** The address at offset {@code i} from the base. */
    int at(long i) {
        return (int) (base + i);
    }
}
