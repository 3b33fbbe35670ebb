/**
 * Building blocks shared by the format readers: a fast byte line source, the error-policy
 * bookkeeping, number parsing from bytes and a string cache. Public only so that the reader
 * subpackages can share them; not a stable API for callers, who use
 * {@link org.beaconwatch.io.FlowInputs}.
 */
package org.beaconwatch.io.spi;
