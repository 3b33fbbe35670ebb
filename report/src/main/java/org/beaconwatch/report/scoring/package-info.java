/**
 * The analyst page written by {@code score --html}: host triage with reasons, the risk
 * distribution, and what the scoring model was trained on with its test figures.
 */
package org.beaconwatch.report.scoring;
