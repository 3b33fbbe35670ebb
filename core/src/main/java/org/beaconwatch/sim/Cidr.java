package org.beaconwatch.sim;

/** An IPv4 network in CIDR notation, as the simulator needs it (base address and size). */
record Cidr(int base, int prefix) {

    static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("internal network must be an IPv4 CIDR like 10.20.0.0/16: '" + text + "'");
        }
        String addr = text.substring(0, slash).trim();
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length in '" + text + "'", e);
        }
        if (prefix < 8 || prefix > 30) {
            throw new IllegalArgumentException("prefix length must be between 8 and 30 in '" + text + "'");
        }
        String[] parts = addr.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address in '" + text + "'");
        }
        int v = 0;
        for (String p : parts) {
            int o;
            try {
                o = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IPv4 address in '" + text + "'", e);
            }
            if (o < 0 || o > 255) {
                throw new IllegalArgumentException("not an IPv4 address in '" + text + "'");
            }
            v = (v << 8) | o;
        }
        int mask = (int) (0xffff_ffffL << (32 - prefix));
        return new Cidr(v & mask, prefix);
    }

    long size() {
        return 1L << (32 - prefix);
    }

    /** The address at offset {@code i} from the base. */
    int at(long i) {
        return (int) (base + i);
    }
}
