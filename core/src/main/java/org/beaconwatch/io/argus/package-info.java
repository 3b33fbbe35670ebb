/** Argus binetflow reader (CTU-13 style, comma or tab separated, columns by header name). */
package org.beaconwatch.io.argus;
