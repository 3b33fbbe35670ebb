package org.beaconwatch.sim;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Addresses: internal hosts are numbered from the second /24 of the internal network (last octet
 * 1–254), the resolver is .53 of the first /24; external addresses are drawn from public /8
 * blocks (no private, shared, loopback, link-local or documentation ranges) and never repeat, so
 * a beacon's destination is contacted by its host only.
 */
final class AddressPlan {
    private static final int[] PUBLIC_SLASH8 = {
        13, 20, 23, 31, 34, 35, 37, 40, 45, 46, 51, 52, 54, 62, 64, 66, 69, 74, 77, 78, 80, 81, 82, 85, 87, 88,
        89, 91, 93, 94, 95, 104, 107, 108, 128, 130, 131, 135, 136, 137, 138, 139, 141, 142, 143, 144, 145, 146,
        148, 149, 151, 152, 154, 155, 157, 158, 159, 160, 162, 163, 164, 165, 167, 168, 170, 173, 176, 178, 179,
        185, 188, 193, 194, 195, 199, 204, 205, 206, 207, 208, 209, 212, 213, 216, 217,
    };

    private final Cidr net;
    private final Set<Integer> used = new HashSet<>();
    private final SplittableRandom rng;

    AddressPlan(Cidr net, long seed) {
        this.net = net;
        this.rng = Sampling.stream(seed, 1, 0);
    }

    /** Addresses a network of {@code hosts} hosts needs. */
    static long addressesNeeded(int hosts) {
        return 256L * (2 + (hosts + 252) / 253);
    }

    int host(int i) {
        return net.at(256L * (1 + i / 253) + 1 + i % 253);
    }

    int resolver() {
        return net.at(53);
    }

    /** A fresh public IPv4 address never returned before. */
    int external() {
        int first = net.base() >>> 24;
        while (true) {
            int a = PUBLIC_SLASH8[rng.nextInt(PUBLIC_SLASH8.length)];
            if (a == first) {
                continue;
            }
            int v = (a << 24) | (rng.nextInt(256) << 16) | (rng.nextInt(256) << 8) | (1 + rng.nextInt(254));
            if (used.add(v)) {
                return v;
            }
        }
    }

    /** Dotted-quad text (setup and ground truth only). */
    static String text(int v4) {
        return ((v4 >>> 24) & 0xff) + "." + ((v4 >>> 16) & 0xff) + "." + ((v4 >>> 8) & 0xff) + "." + (v4 & 0xff);
    }
}
