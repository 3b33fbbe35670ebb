/**
 * Feature sets: per event (the beacon events CSV), per entity and time (Featuretools-style
 * counts and rolling statistics from strictly earlier records), per record (generic numeric and
 * categorical columns, e.g. NSL-KDD, flows, channel tables). Every encoder is fitted on training
 * rows only ({@link org.beaconwatch.ml.features.FeatureSet#fit}) and then applied unchanged.
 */
package org.beaconwatch.ml.features;
