/**
 * Host triage: every internal host scored from all its evidence (channel findings, scans, SMTP
 * fan-out, failed connections, threat-intel hits), so an analyst can start from the most
 * suspicious host rather than the most suspicious channel. Evidence and host scores are figures;
 * {@code output.Explanations} words them. This package does not import {@code score}: the detector
 * hands channel findings in as {@link org.beaconwatch.host.HostEvidence} (a finding is a
 * {@link org.beaconwatch.host.HostEvidence.Detail}).
 */
package org.beaconwatch.host;
