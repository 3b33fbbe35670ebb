/**
 * Pure numeric kernels on primitive arrays: robust statistics ({@link org.beaconwatch.signal.RobustStats})
 * and the periodogram with its false-alarm probability and autocorrelation
 * ({@link org.beaconwatch.signal.Periodogram}). No knowledge of flows or channels.
 */
package org.beaconwatch.signal;
