/**
 * The severity scale shared by channel findings ({@code score}) and host triage ({@code host}):
 * one small package below both, so neither has to import the other for it.
 */
package org.beaconwatch.severity;
