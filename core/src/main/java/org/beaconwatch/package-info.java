/** Beaconwatch core: flows, readers, channels, scores and the simulator. */
package org.beaconwatch;
