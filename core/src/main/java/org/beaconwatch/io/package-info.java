/** Reading logs: format detection, error policy, and one reader subpackage per format. */
package org.beaconwatch.io;
