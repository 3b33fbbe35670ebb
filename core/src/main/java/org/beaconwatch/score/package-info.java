/**
 * Beacon scoring: one class per sub-score (timing, periodicity, size, persistence, prevalence),
 * {@link org.beaconwatch.score.BeaconDetector} as the entry point, {@link org.beaconwatch.score.Finding}
 * per channel and {@link org.beaconwatch.score.DetectionResult} for a whole run.
 *
 * <p>Sources cited in the scorers: [1] RITA beacon analysis (activecm/rita, analysis/beacons.go);
 * [2] Hu et al., "BAYWATCH: Robust Beaconing Detection to Identify Infected Hosts in Large-Scale
 * Enterprise Networks", DSN 2016.
 */
package org.beaconwatch.score;
