package org.beaconwatch.io.spi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The 128-bit hash a Zeek connection uid is known by once read: the key of the companion-name
 * join ({@link ServerNames}) and of the "connection logged twice" check, and the
 * {@code FlowBatch.uidHi/uidLo} columns, so the hot path needs no uid String. It is a hash of the
 * uid's UTF-8 bytes, so a uid read from bytes (Zeek TSV) and the same uid read as text (JSON,
 * CSV, unescaped TSV) hash alike. Never (0, 0), which stands for "no uid".
 *
 * <p>Eight bytes per step in two lanes with different odd multipliers, then MurmurHash3's 64-bit
 * finaliser on each lane mixed with the other: 3 steps for an 18-character Zeek uid where the
 * byte-by-byte hashes it replaces took 18 per lane (measured with ReaderCpuTimeBenchmark and
 * {@code detect --timing}). Not a defence against crafted collisions: a uid collision merges two
 * connections' names or drops one connection as logged twice.
 */
public final class UidHash {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long SEED_A = 0x9E3779B97F4A7C15L, SEED_B = 0xC2B2AE3D27D4EB4FL;
    private static final long M_A = 0xFF51AFD7ED558CCDL, M_B = 0xC4CEB9FE1A85EC53L;

    private UidHash() {
    }

    /** Hash of bytes {@code a[p, q)} (UTF-8) into {@code out[0]} (high word) and {@code out[1]} (low word). */
    public static void of(byte[] a, int p, int q, long[] out) {
        int n = q - p;
        long x = SEED_A ^ n, y = SEED_B + n;
        int i = p;
        for (; i + 8 <= q; i += 8) {
            long w = (long) LONGS.get(a, i);
            x = Long.rotateLeft((x ^ w) * M_A, 31);
            y = Long.rotateLeft((y ^ w) * M_B, 27);
        }
        if (i < q) {
            long w;
            int left = q - i;
            if (i + 8 <= a.length) {
                w = (long) LONGS.get(a, i) & (-1L >>> ((8 - left) << 3));
            } else {
                w = 0;
                for (int k = 0; k < left; k++) {
                    w |= (a[i + k] & 0xffL) << (k << 3);
                }
            }
            x = Long.rotateLeft((x ^ w) * M_A, 31);
            y = Long.rotateLeft((y ^ w) * M_B, 27);
        }
        long hi = fmix(x + Long.rotateLeft(y, 17));
        long lo = fmix(y ^ Long.rotateLeft(x, 41) ^ SEED_A);
        if (hi == 0 && lo == 0) {
            lo = 1;
        }
        out[0] = hi;
        out[1] = lo;
    }

    /** Hash of the UTF-8 bytes of {@code uid} (equal to {@link #of(byte[], int, int, long[])} of those bytes). */
    public static void of(String uid, long[] out) {
        byte[] b = uid.getBytes(StandardCharsets.UTF_8);
        of(b, 0, b.length, out);
    }

    private static long fmix(long h) {
        h ^= h >>> 33;
        h *= M_A;
        h ^= h >>> 33;
        h *= M_B;
        h ^= h >>> 33;
        return h;
    }
}
