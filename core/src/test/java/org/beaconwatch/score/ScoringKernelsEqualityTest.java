package org.beaconwatch.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.beaconwatch.channel.ChannelAggregator;
import org.beaconwatch.channel.ChannelContext;
import org.beaconwatch.channel.ChannelSources;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.host.ChannelEvidence;
import org.beaconwatch.io.FlowInputs;
import org.beaconwatch.io.FlowSource;
import org.beaconwatch.io.ReadOptions;
import org.beaconwatch.sim.SimulationConfig;
import org.beaconwatch.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scoring kernels made cheaper for large inputs give what the previous code gave, bit for bit
 * (records compare their doubles as {@link Double#compare} does): size, timing and persistence on
 * seeded random channels of every shape (metronomes, jitter, missed beats, bursts, random
 * traffic, office hours over days, repeated start times, unknown sizes) and length (short runs
 * are sorted, long ones selected), and the peer cohort on the findings of simulated traffic,
 * from the findings themselves and from the flat arrays recorded while scoring.
 */
class ScoringKernelsEqualityTest {
    private static final long START = 1_700_000_000_000_000L;
    private static final long SECOND = 1_000_000L;

    /** Ascending start times of one of seven shapes. */
    static long[] times(SplittableRandom r, int n, int shape) {
        long[] t = new long[n];
        double period = (1 + r.nextInt(3600)) * 1e6 * (shape == 6 ? 1 : 1 + r.nextDouble());
        long x = START + r.nextLong(86_400 * SECOND);
        for (int i = 0; i < n; i++) {
            t[i] = x;
            switch (shape) {
                case 0 -> x += (long) period; // metronome
                case 1 -> x += (long) (period * (1 + 0.6 * (2 * r.nextDouble() - 1))); // jitter
                case 2 -> x += (long) (-Math.log(1 - r.nextDouble()) * period); // random traffic
                case 3 -> x += r.nextInt(3) == 0 ? (long) period : r.nextLong(3 * SECOND); // bursts
                case 4 -> x += ((long) period) * (r.nextInt(10) < 3 ? 2 + r.nextInt(3) : 1); // missed beats
                case 5 -> { // office hours over days: beats between 08:00 and 18:00 only
                    x += (long) (period * (1 + 0.1 * r.nextDouble()));
                    long hour = Math.floorMod(x, 86_400 * SECOND) / (3600 * SECOND);
                    if (hour >= 18) {
                        x += (14L + r.nextInt(3)) * 3600 * SECOND;
                    }
                }
                default -> x += r.nextInt(4) == 0 ? 0 : (long) period / 60 * (1 + r.nextInt(3)); // repeated starts
            }
        }
        return t;
    }

    /** Byte counts or durations of one of five shapes; -1 is unknown. */
    static long[] amounts(SplittableRandom r, int n, int shape) {
        long[] v = new long[n];
        long base = 1L + r.nextInt(5000);
        for (int i = 0; i < n; i++) {
            v[i] = switch (shape) {
                case 0 -> base; // the same request every time
                case 1 -> base + 48L * r.nextInt(4); // ties
                case 2 -> r.nextLong(10_000_000L); // spread out
                case 3 -> r.nextInt(3) == 0 ? -1 : base + r.nextInt(100); // some unknown
                default -> -1; // unknown
            };
        }
        return v;
    }

    @Test
    void sizeTimingAndPersistenceEqualThePreviousCodeBitForBit() {
        SplittableRandom r = new SplittableRandom(42);
        ScoreScratch scratch = new ScoreScratch();
        int sortedGapsReused = 0;
        for (int rep = 0; rep < 6000; rep++) {
            int n = rep % 10 == 0 ? 41 + r.nextInt(600) : r.nextInt(45);
            int shape = rep % 7;
            long[] t = times(r, n, shape);
            String at = "rep " + rep + ", n " + n + ", shape " + shape;
            long[] ob = amounts(r, n, r.nextInt(5));
            long[] rb = amounts(r, n, r.nextInt(5));
            long[] du = amounts(r, n, r.nextInt(5));
            assertThat(SizeScore.of(ob, rb, du, n, scratch)).as(at).isEqualTo(ReferenceSizeScore.of(ob, rb, du, n));
            TimingScore.Timing timing = TimingScore.evaluate(t, n, scratch);
            assertThat(timing).as(at).isEqualTo(ReferenceTimingScore.evaluate(t, n));
            if (timing.score() > 0 && timing.burstRatio() == 0) {
                sortedGapsReused++;
            }
            double period = r.nextInt(4) == 0 ? timing.periodMicros() : r.nextDouble() * 7200e6;
            double window = r.nextInt(2) == 0 ? TimingScore.BURST_FRACTION * period : r.nextDouble() * 10e6;
            assertThat(TimingScore.at(t, n, period, window, scratch)).as(at)
                    .isEqualTo(ReferenceTimingScore.at(t, n, period, window));
            double bucketPeriod = r.nextInt(3) == 0 ? 0 : r.nextDouble() * 7200e6;
            assertThat(PersistenceScore.of(t, n, bucketPeriod)).as(at)
                    .isEqualTo(ReferencePersistenceScore.of(t, n, bucketPeriod));
        }
        assertThat(sortedGapsReused).as("channels whose first candidate merged nothing").isGreaterThan(500);
    }

    @Test
    void peerCohortEqualsThePreviousCodeOnSimulatedFindings(@TempDir Path dir) throws IOException {
        Simulator.simulate(SimulationConfig.forRows(150_000, 9), dir);
        DetectOptions o = DetectOptions.defaults();
        ChannelAggregator agg = new ChannelAggregator(o.scope());
        try (FlowSource s = FlowInputs.open(List.of(dir), ReadOptions.defaults())) {
            FlowBatch b;
            while ((b = s.next()) != null) {
                agg.add(b);
                s.release(b);
            }
        }
        int nc = agg.keys().count();
        ChannelContext context = ChannelContext.of(agg.keys(), agg.destinationCount());
        Finding[] scored = new Finding[nc];
        long[][] starts = new long[nc][];
        ScoringThreads.Seen seen = new ScoringThreads.Seen(nc);
        ScoringThreads.scoreChannels(agg, context, o, scored, new ChannelEvidence.Counts(nc), starts, seen, true);

        Finding[] want = scored.clone();
        ReferencePeerCohort.apply(want, starts, o);
        Finding[] fromFindings = scored.clone();
        PeerCohort.apply(fromFindings, starts, o);
        Finding[] fromArrays = scored.clone();
        ChannelSources sources = context.sources();
        PeerCohort.apply(fromArrays, starts, o, sources::of, sources.count(), seen.period);
        assertThat(fromFindings).containsExactly(want);
        assertThat(fromArrays).containsExactly(want);
        int changed = 0;
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        for (int i = 0; i < nc; i++) {
            changed += want[i] == null || want[i].equals(scored[i]) ? 0 : 1;
            if (scored[i] != null) {
                first = Math.min(first, scored[i].firstSeen());
                last = Math.max(last, scored[i].lastSeen());
            }
        }
        assertThat(changed).as("findings in a cohort").isPositive();
        assertThat(new long[] {seen.first.get(), seen.last.get()}).containsExactly(first, last);
    }
}
