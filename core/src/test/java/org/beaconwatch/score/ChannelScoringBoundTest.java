package org.beaconwatch.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.beaconwatch.channel.ChannelAggregator;
import org.beaconwatch.channel.ChannelContext;
import org.beaconwatch.channel.ChannelKeys;
import org.beaconwatch.channel.ChannelSeries;
import org.beaconwatch.flow.FlowBatch;
import org.junit.jupiter.api.Test;

/**
 * {@link ChannelScoring#upperBound} is what output writing only some findings may skip channels
 * by: no finding may score above it, before or after ranking (cohort damping, the first-seen
 * modifier of a multi-day input), and it must be tight enough to rule most channels out of an alert.
 */
class ChannelScoringBoundTest {

    @Test
    void noFindingScoresAboveItsChannelsBound() {
        SplittableRandom r = new SplittableRandom(9);
        Flows f = new Flows();
        for (int h = 1; h <= 8; h++) {
            String src = "10.0.0." + h;
            for (int k = 0; k < 10; k++) {
                int n = 3 + r.nextInt(300);
                BeaconDetectorTest.beacon(f, src, "198.51." + (h * 20 + k) + ".9", 443, 30 + r.nextInt(900),
                        0.05 * (k % 8), n, r);
                BeaconDetectorTest.random(f, src, "203.0." + (h * 20 + k) + ".7", 443, 60 + r.nextInt(3000),
                        2 + r.nextInt(200), r);
            }
            BeaconDetectorTest.beacon(f, src, "192.0.2.1", 443, 120, 0.02, 200, r); // shared: rarity < 1
            // a channel first seen on the last day, weeks after the rest (the first-seen modifier)
            long late = Flows.START + 30 * 86_400_000_000L; // after every other channel
            for (int i = 0; i < 100; i++) {
                f.add(src, "192.0.2." + (100 + h), 8443, late + i * 60_000_000L + r.nextInt(500_000), 300);
            }
        }
        DetectOptions o = DetectOptions.defaults();
        ChannelAggregator agg = new ChannelAggregator(o.scope());
        for (FlowBatch b : f.batches()) {
            agg.add(b);
        }
        ChannelKeys keys = agg.keys();
        ChannelContext ctx = ChannelContext.of(keys, agg.destinationCount());
        List<Finding> findings = new ArrayList<>();
        List<long[]> starts = new ArrayList<>();
        List<Double> bounds = new ArrayList<>();
        int ruledOut = 0;
        for (int i = 0; i < keys.count(); i++) {
            ChannelSeries c = agg.series(i);
            double bound = ChannelScoring.upperBound(c, ctx.prevalence()[i], ctx.internalSources(), ctx.siblings()[i], o);
            Finding x = ChannelScoring.score(c, ctx.prevalence()[i], ctx.internalSources(), ctx.siblings()[i], o);
            if (x == null) {
                assertThat(bound).as("channel %d makes no finding", i).isZero();
                continue;
            }
            assertThat(x.score()).as(x.channel()).isLessThanOrEqualTo(bound);
            if (bound < o.alertThreshold()) {
                ruledOut++;
            }
            findings.add(x);
            starts.add(ChannelScoring.rankingStarts(c, x));
            bounds.add(bound);
        }
        assertThat(findings).hasSizeGreaterThan(100);
        assertThat(ruledOut).as("findings the bound rules out of an alert").isPositive();
        java.util.Map<String, Double> boundOf = new java.util.HashMap<>();
        for (int i = 0; i < findings.size(); i++) {
            boundOf.put(findings.get(i).channel(), bounds.get(i));
        }
        int modified = 0;
        for (Finding x : ChannelScoring.rank(findings, starts, o)) {
            assertThat(x.score()).as("ranked " + x.channel()).isLessThanOrEqualTo(boundOf.get(x.channel()));
            if (x.features().get("first_seen_recent") == 1.0) {
                modified++;
            }
        }
        assertThat(modified).as("findings raised by the first-seen modifier").isPositive();
    }
}
