/** The flow model: {@link org.beaconwatch.flow.Flow} records and the columnar {@link org.beaconwatch.flow.FlowBatch}. */
package org.beaconwatch.flow;
