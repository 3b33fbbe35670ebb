package org.beaconwatch.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Server names (TLS SNI) made up from syllables, unique, indexed for the byte-level writer. */
final class NameTable {
    private static final String[] SYLLABLES = {
        "ka", "lo", "mi", "ra", "te", "nu", "vo", "si", "ber", "tan", "quo", "lex", "dor", "fin", "gal",
        "hub", "jet", "kor", "lum", "mar", "nex", "ori", "pax", "rio", "sol", "tor", "umi", "ven", "wix", "zen",
    };
    private static final String[] TLDS = {"com", "com", "com", "net", "org", "io", "de", "co.uk", "fr"};
    private static final String[] ODD_TLDS = {"top", "xyz", "info", "net", "site", "online", "biz"};

    private final List<String> names = new ArrayList<>();
    private final List<byte[]> bytes = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final SplittableRandom rng;

    NameTable(long seed) {
        this.rng = Sampling.stream(seed, 2, 0);
    }

    /** A made-up word of 2–3 syllables. */
    String word() {
        int n = 2 + rng.nextInt(2);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(SYLLABLES[rng.nextInt(SYLLABLES.length)]);
        }
        return sb.toString();
    }

    /** Adds {@code prefix + word + suffix + "." + tld}, with a fresh word until unique; returns its index. */
    int add(String prefix, String suffix, boolean oddTld) {
        while (true) {
            String tld = oddTld ? ODD_TLDS[rng.nextInt(ODD_TLDS.length)] : TLDS[rng.nextInt(TLDS.length)];
            String name = prefix + word() + suffix + "." + tld;
            if (seen.add(name)) {
                names.add(name);
                bytes.add(name.getBytes(StandardCharsets.US_ASCII));
                return names.size() - 1;
            }
        }
    }

    String name(int i) {
        return names.get(i);
    }

    byte[][] toBytes() {
        return bytes.toArray(new byte[0][]);
    }
}
