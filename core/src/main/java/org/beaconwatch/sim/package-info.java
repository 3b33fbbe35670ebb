/**
 * The traffic simulator: writes a realistic Zeek {@code conn.log} and {@code ssl.log} with planted
 * beacons, benign periodic services and bursty background browsing, plus a ground-truth file.
 * Entry point: {@link org.beaconwatch.sim.Simulator#simulate(SimulationConfig, java.nio.file.Path)}.
 */
package org.beaconwatch.sim;
