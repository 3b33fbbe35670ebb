/**
 * Live watch: follows a Zeek log directory as it grows and rotates, keeps the flows of a sliding
 * event-time window in bounded memory, re-scores with the same {@link org.beaconwatch.score.BeaconDetector}
 * as detect, emits each alert once (again when it escalates or returns), and checkpoints its state
 * in a compact binary format of its own (never Java serialisation) so a restart loses and repeats
 * nothing.
 */
package org.beaconwatch.live;
