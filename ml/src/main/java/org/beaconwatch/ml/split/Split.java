package org.beaconwatch.ml.split;

/**
 * Row indices of a training part and a test (or validation) part.
 *
 * @param train       training rows, ascending
 * @param test        test rows, ascending
 * @param description what was done, for reports (e.g. "group:host_id: 120 groups train, 30 test")
 */
// arrays by design: columnar data handed over without copies; never compared or hashed by value
@SuppressWarnings("ArrayRecordComponent")
public record Split(int[] train, int[] test, String description) {
}
