/**
 * CSV reader (FastCSV) with a column mapping and built-in profiles: per-event beacon CSV,
 * NSL-KDD / KDD'99 records, and time,src,dst flow CSVs (LANL style).
 */
package org.beaconwatch.io.csv;
