package org.beaconwatch.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The periodogram is skipped where even perfect regularity and persistence could not alert; that
 * bound must be the score's own formula with the same {@link ScoreWeights}. Recomputed here from
 * ScoreWeights alone, it must bound every beacon score, and every channel that skipped the
 * periodogram must be unable to alert under it.
 */
class ScoreWeightsTest {

    @Test
    void thePruningBoundAndTheScoreUseTheSameWeights() {
        SplittableRandom r = new SplittableRandom(5);
        Flows f = new Flows();
        for (int h = 1; h <= 6; h++) {
            String src = "10.0.0." + h;
            for (int k = 0; k < 12; k++) {
                double jitter = 0.05 * (k % 8);
                int n = 6 + r.nextInt(300);
                BeaconDetectorTest.beacon(f, src, "198.51." + (h * 20 + k) + ".9", 443, 30 + r.nextInt(900), jitter, n, r);
                BeaconDetectorTest.random(f, src, "203.0." + (h * 20 + k) + ".7", 443, 60 + r.nextInt(3000),
                        5 + r.nextInt(200), r);
            }
            BeaconDetectorTest.beacon(f, src, "192.0.2.1", 443, 120, 0.02, 200, r); // shared: rarity < 1
        }
        DetectOptions o = DetectOptions.defaults();
        DetectionResult res = new BeaconDetector().detect(f.batches(), o);
        int pruned = 0;
        int checked = 0;
        for (Finding x : res.findings()) {
            if (x.type() != FindingType.BEACON) {
                continue;
            }
            Map<String, Double> v = x.features();
            double n = v.get("conns");
            double bound = ScoreWeights.base(1.0, v.get("size_score"), 1.0)
                    * ScoreWeights.confidence((int) n, v.get("span_s") * 1e6) * v.get("rarity_factor")
                    * (v.get("ntp_like") > 0 ? ScoreWeights.NTP_FACTOR : 1.0);
            assertThat(v.get("beacon_score")).as(x.channel()).isLessThanOrEqualTo(bound + 1e-9);
            checked++;
            if (v.get("periodogram_run") == 0 && n >= ScoreWeights.PERIODOGRAM_MIN_CONNS) {
                assertThat(bound).as(x.channel()).isLessThan(o.alertThreshold() + 1e-9);
                pruned++;
            }
        }
        assertThat(checked).isGreaterThan(100);
        assertThat(pruned).as("channels whose periodogram was skipped").isPositive();
    }
}
