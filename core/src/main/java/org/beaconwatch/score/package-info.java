/**
 * Beacon scoring: one class per sub-score (timing, periodicity, size, persistence, prevalence),
 * {@link org.beaconwatch.score.BeaconDetector} as the entry point, {@link org.beaconwatch.score.Finding}
 * per channel (its {@link org.beaconwatch.score.ChannelId}, {@link org.beaconwatch.score.Scores} and
 * {@link org.beaconwatch.score.Evidence}: numbers only, worded by {@code output.Explanations}) and
 * {@link org.beaconwatch.score.DetectionResult} for a whole run. Every weight lives in
 * {@link org.beaconwatch.score.ScoreWeights}.
 *
 * <p>Sources cited in the scorers: [1] RITA beacon analysis (activecm/rita, analysis/beacons.go);
 * [2] Hu et al., "BAYWATCH: Robust Beaconing Detection to Identify Infected Hosts in Large-Scale
 * Enterprise Networks", DSN 2016.
 */
package org.beaconwatch.score;
