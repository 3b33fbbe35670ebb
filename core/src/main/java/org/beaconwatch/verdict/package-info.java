/**
 * Analyst verdicts on channels (benign, malicious, unsure), read from a small CSV file. {@code detect}
 * suppresses channels judged benign (counting them) and marks malicious ones; {@code train} can use them
 * as channel labels.
 */
package org.beaconwatch.verdict;
