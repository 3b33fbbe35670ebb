package org.beaconwatch.io;

/**
 * Receives every DNS query record a dns.log companion holds, as it is read (once) for the DNS
 * answer index: the DNS tunnel detector aggregates them without reading the file again. Values
 * are as the log gives them; any may be null where the record has no such field.
 */
@FunctionalInterface
public interface DnsQueries {
    /** One query record: {@code src} is id.orig_h, {@code qtype} the qtype_name ("A", "TXT", ...). */
    void query(String src, String query, String qtype);
}
