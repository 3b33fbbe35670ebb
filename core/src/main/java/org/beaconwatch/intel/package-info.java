/**
 * Threat-intelligence indicators (addresses, CIDR prefixes, domains) read from plain lists and
 * abuse.ch Feodo Tracker exports, matched offline at analysis time.
 */
package org.beaconwatch.intel;
