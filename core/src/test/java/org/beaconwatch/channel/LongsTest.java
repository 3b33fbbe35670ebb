package org.beaconwatch.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongsTest {
    private static final int CHUNK = 1 << 16;

    @Test
    void timestampsInArrivalOrderStayNarrowAndReadBackExactly() {
        Longs col = new Longs(0);
        long t = 1_700_000_000_000_000L;
        long[] want = new long[3 * CHUNK + 17];
        Random rnd = new Random(7);
        for (int r = 0; r < want.length; r++) {
            t += rnd.nextInt(5_000);
            want[r] = t;
            col.add(t);
        }
        for (int r = 0; r < want.length; r++) {
            assertEquals(want[r], col.get(r), "row " + r);
        }
        for (int c = 0; c < 4; c++) {
            assertFalse(col.wide(c), "chunk " + c);
        }
    }

    @Test
    void aValueThatDoesNotFitWidensOnlyItsChunk() {
        Longs col = new Longs(0);
        long[] want = new long[2 * CHUNK + 5];
        for (int r = 0; r < want.length; r++) {
            want[r] = r == CHUNK + 3 ? Long.MAX_VALUE : r == CHUNK + 9 ? Long.MIN_VALUE : -r;
            col.add(want[r]);
        }
        for (int r = 0; r < want.length; r++) {
            assertEquals(want[r], col.get(r), "row " + r);
        }
        assertFalse(col.wide(0));
        assertTrue(col.wide(1));
        assertFalse(col.wide(2));
    }

    @Test
    void skippedRowsReadAsTheFillValueWhateverTheChunksFirstValue() {
        Longs col = new Longs(-5);
        col.set(0, 1_000_000_000_000L); // the chunk's base
        col.set(10, 1_000_000_000_001L); // rows 1 to 9 skipped
        col.set(CHUNK * 3L + 4, 42); // chunks 1 and 2 never made, chunk 3 begins mid-way
        for (int r = 1; r < 10; r++) {
            assertEquals(-5, col.get(r), "row " + r);
        }
        assertEquals(1_000_000_000_000L, col.get(0));
        assertEquals(1_000_000_000_001L, col.get(10));
        assertEquals(-5, col.get(11));
        assertEquals(-5, col.get(CHUNK + 1L));
        assertEquals(-5, col.get(CHUNK * 3L));
        assertEquals(42, col.get(CHUNK * 3L + 4));
        assertEquals(-5, col.get(CHUNK * 3L + 5), "beyond the last row");
        assertEquals(-5, col.get(CHUNK * 40L), "beyond every chunk");
    }

    @Test
    void permutedColumnsReadInTheNewOrderAndFreedChunksAreGone() {
        Random rnd = new Random(3);
        int n = 3 * CHUNK + 101;
        Longs col = new Longs(0);
        Ints ints = new Ints(-1);
        long[] want = new long[n];
        for (int r = 0; r < n; r++) {
            want[r] = r % 50_000 == 7 ? Long.MIN_VALUE + r : 1_700_000_000_000_000L + rnd.nextInt(1 << 30);
            col.add(want[r]);
            ints.add(r);
        }
        int[] ord = new int[n];
        for (int k = 0; k < n; k++) {
            ord[k] = (int) ((k * 7919L) % n); // 7919 is prime and does not divide n: a permutation
        }
        Longs p = col.permute(ord);
        Ints q = ints.permute(ord);
        long[] run = new long[n - 5];
        p.copy(5, run);
        int[] runInts = new int[n - 5];
        q.copy(5, runInts);
        for (int k = 0; k < n; k++) {
            assertEquals(want[ord[k]], p.get(k), "row " + k);
            if (k >= 5) {
                assertEquals(want[ord[k]], run[k - 5], "copied row " + k);
                assertEquals(ord[k], runInts[k - 5], "copied int row " + k);
            }
        }
        p.releaseBefore(2L * CHUNK + 3);
        q.releaseBefore(2L * CHUNK + 3);
        assertEquals(0, p.get(0), "a freed chunk reads as the fill value");
        assertEquals(-1, q.get(CHUNK + 1L));
        for (long k = 2L * CHUNK; k < n; k++) {
            assertEquals(want[ord[(int) k]], p.get(k), "row " + k + " after freeing");
            assertEquals(ord[(int) k], q.get(k));
        }
    }

    @Test
    void randomWritesMatchAMap() {
        Random rnd = new Random(11);
        Longs col = new Longs(0);
        Map<Long, Long> want = new HashMap<>();
        long size = 0;
        for (int k = 0; k < 200_000; k++) {
            long r = rnd.nextInt(1_000) == 0 && size < 12L * CHUNK ? size + rnd.nextInt(3 * CHUNK)
                    : rnd.nextInt((int) size + 1);
            long v = switch (rnd.nextInt(4)) {
                case 0 -> rnd.nextLong();
                case 1 -> rnd.nextInt();
                case 2 -> 1_700_000_000_000_000L + rnd.nextInt(1_000_000);
                default -> 0;
            };
            col.set(r, v);
            want.put(r, v);
            size = Math.max(size, r + 1);
        }
        for (long r = 0; r < size; r++) {
            assertEquals(want.getOrDefault(r, 0L), col.get(r), "row " + r);
        }
    }
}
