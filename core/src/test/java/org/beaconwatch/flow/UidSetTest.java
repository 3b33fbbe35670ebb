package org.beaconwatch.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The uid set answers "seen before?" the same way however it was sized, across growth, with key 0 kept as 1. */
class UidSetTest {
    @Test
    void sameAnswersAsAHashSetWhateverTheStartingSize() {
        SplittableRandom r = new SplittableRandom(7);
        long[] keys = new long[60_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i % 5 == 0 && i > 0 ? keys[r.nextInt(i)] : r.nextLong(); // a fifth logged twice
        }
        for (UidSet set : new UidSet[] {new UidSet(), UidSet.forRows(10), UidSet.forRows(60_000),
            UidSet.forRows(1_000_000)}) {
            Set<Long> want = new HashSet<>();
            for (long k : keys) {
                long key = k == 0 ? 1 : k;
                assertThat(set.add(k)).isEqualTo(want.add(key));
            }
            assertThat(set.size()).isEqualTo(want.size());
        }
    }

    @Test
    void zeroAndOneAreTheSameKey() {
        UidSet set = UidSet.forRows(4);
        assertThat(set.add(0)).isTrue();
        assertThat(set.add(1)).isFalse();
        assertThat(set.add(-1)).isTrue();
    }
}
