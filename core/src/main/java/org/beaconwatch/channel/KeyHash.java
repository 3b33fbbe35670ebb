package org.beaconwatch.channel;

/** The hash of a channel or destination key (up to four longs and an int), for the open-addressing tables here. */
final class KeyHash {
    private KeyHash() {
    }

    static int of(long a, long b, long c, long d, int e) {
        long h = a * 0x9E3779B97F4A7C15L;
        h = (h ^ b) * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ c) * 0x9E3779B97F4A7C15L;
        h = (h ^ d) * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ e) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32) ^ (h >>> 17));
    }
}
