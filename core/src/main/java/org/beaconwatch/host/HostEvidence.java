package org.beaconwatch.host;

/**
 * One piece of evidence against an internal host.
 *
 * @param host        the internal host (source address)
 * @param type        what kind of evidence
 * @param score       in [0, 1], on the same scale as channel scores (0.6 = default alert threshold)
 * @param alert       at or above the alert threshold
 * @param dst         the destination it is about ("3.4.5.6:443", a domain, or "42 addresses")
 * @param count       how many things it counts (connections, targets, mail servers, queries)
 * @param explanation one plain clause
 */
public record HostEvidence(String host, EvidenceType type, double score, boolean alert, String dst, long count,
                           String explanation) {
}
