package org.beaconwatch.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.beaconwatch.flow.FlowBatch;
import org.junit.jupiter.api.Test;

/**
 * A young channel with regular intervals makes a scoring due at its 6th, 8th, ... 20th connection
 * and never after; a burst of connections less than a second apart does not; the state survives a
 * checkpoint.
 */
class YoungChannelsTest {
    private static final long SECOND = 1_000_000L;

    private static FlowBatch flow(int dst, long ts) {
        FlowBatch b = new FlowBatch(1);
        int i = b.add();
        b.address(i, true, new long[] {0, 0x0a000005L});
        b.address(i, false, new long[] {0, 0xcb007100L + dst});
        b.dstPort[i] = 443;
        b.ts[i] = ts;
        return b;
    }

    private static List<Integer> dueAt(YoungChannels young, int dst, long start, long gap, int count) {
        List<Integer> due = new ArrayList<>();
        for (int k = 1; k <= count; k++) {
            if (young.arrived(flow(dst, start + (k - 1) * gap), 0, start + (k - 1) * gap)) {
                due.add(k);
            }
        }
        return due;
    }

    @Test
    void regularChannelIsDueAtTheEarlyCountsOnly() {
        assertThat(dueAt(new YoungChannels(), 7, 0, 60 * SECOND, 30)).containsExactly(6, 8, 10, 12, 16, 20);
    }

    @Test
    void subSecondBurstIsNeverDue() {
        assertThat(dueAt(new YoungChannels(), 7, 0, SECOND / 10, 30)).isEmpty();
    }

    @Test
    void stateSurvivesACheckpointAndEvictionForgets() throws IOException {
        YoungChannels young = new YoungChannels();
        assertThat(dueAt(young, 7, 0, 60 * SECOND, 5)).isEmpty();
        StateFile.Out o = new StateFile.Out();
        young.save(o);
        YoungChannels loaded = new YoungChannels();
        loaded.load(new StateFile.In(o.toByteArray(), "test"));
        assertThat(loaded.arrived(flow(7, 5 * 60 * SECOND), 0, 5 * 60 * SECOND)).as("6th connection").isTrue();

        loaded.evictBefore(10 * 60 * SECOND);
        assertThat(dueAt(loaded, 7, 10 * 60 * SECOND, 60 * SECOND, 5)).as("counted from 1 again").isEmpty();
        assertThat(loaded.arrived(flow(7, 15 * 60 * SECOND), 0, 15 * 60 * SECOND)).isTrue();
    }
}
