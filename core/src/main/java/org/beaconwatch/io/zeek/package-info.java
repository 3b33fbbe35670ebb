/**
 * Zeek readers: conn.log as TSV (hand-written byte parser) and JSON lines (jackson-core
 * streaming), and the companion ssl/http/dns logs that add server names and DNS answers.
 */
package org.beaconwatch.io.zeek;
