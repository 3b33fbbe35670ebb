/**
 * Host triage: every internal host scored from all its evidence (channel findings, scans, SMTP
 * fan-out, failed connections, threat-intel hits), so an analyst can start from the most
 * suspicious host rather than the most suspicious channel.
 */
package org.beaconwatch.host;
