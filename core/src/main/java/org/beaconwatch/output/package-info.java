/**
 * Writers for findings: a terminal table ({@link org.beaconwatch.output.FindingWriter#table(int)}),
 * CSV and JSON lines, one row per channel finding. Log fields are attacker-controlled: CSV cells
 * that a spreadsheet would run as formulas are defused and JSON is written by jackson-core.
 * {@link org.beaconwatch.output.Explanations} words findings, host evidence and hosts (the scorers
 * return numbers only); {@link org.beaconwatch.output.Numbers} formats every figure a person reads.
 */
package org.beaconwatch.output;
