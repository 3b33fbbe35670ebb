package org.beaconwatch.score;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When `detect` cuts an input by source host, and into how many partitions. */
class SourcePartitionsChoiceTest {
    private static final long GB = 1L << 30;

    @Test
    void inputsThatFitTheHeapAreGroupedWhole() {
        assertThat(DetectionPipeline.sourcePartitions(20_000_000, 6 * GB)).isZero();
        assertThat(DetectionPipeline.sourcePartitions(-1, 6 * GB)).as("size unknown").isZero();
        assertThat(DetectionPipeline.sourcePartitions(0, 6 * GB)).isZero();
    }

    @Test
    void aWeekOfLogsIsCutIntoPartitionsOfAboutAThirtySecondOfTheHeap() {
        assertThat(DetectionPipeline.sourcePartitions(217_670_740, 6 * GB)).isEqualTo(128);
        assertThat(DetectionPipeline.sourcePartitions(217_670_740, 24 * GB)).isEqualTo(32);
        assertThat(DetectionPipeline.sourcePartitions(40_000_000, 6 * GB)).isEqualTo(32);
    }

    @Test
    void partitionsAreAPowerOfTwoAndCapped() {
        for (long rows = 1_000_000; rows < 100_000_000_000L; rows *= 3) {
            int p = DetectionPipeline.sourcePartitions(rows, GB / 4);
            assertThat(p == 0 || Integer.bitCount(p) == 1).as("rows %d: %d", rows, p).isTrue();
            assertThat(p).isLessThanOrEqualTo(DetectionPipeline.MAX_SOURCE_PARTITIONS);
        }
        assertThat(DetectionPipeline.sourcePartitions(100_000_000_000L, GB)).isEqualTo(1024);
    }
}
