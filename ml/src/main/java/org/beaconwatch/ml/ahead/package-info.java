/**
 * Prediction ahead of time on computer-to-computer events (LANL auth/flows/redteam files and the
 * Featuretools LANL export): reading, one example per pair and window with features from the past
 * only, and a simulated LANL-format fixture.
 */
package org.beaconwatch.ml.ahead;
