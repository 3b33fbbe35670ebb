/**
 * DNS tunnel detection from Zeek dns.log: per (source, registrable domain) aggregates of the
 * queried names, scored for tunnelling.
 */
package org.beaconwatch.dns;
