package org.beaconwatch.io;

/** What a reader does with a malformed record. */
public enum ErrorPolicy {
    /** Stop at the first malformed record with a {@link MalformedRecordException}. */
    FAIL,
    /** Skip malformed records and count them, silently. */
    SKIP,
    /** Skip and count malformed records; the caller prints a per-file summary with examples. */
    WARN
}
