package org.beaconwatch.spark;

import java.io.Serializable;
import org.beaconwatch.io.LogFormat;

/**
 * One unit of reading: a whole file, or for a large uncompressed Zeek TSV file a byte range of it
 * (the lines that start inside [start, end)), read with the header of its file.
 *
 * @param file   index of the file in input order (companion logs included)
 * @param split  index of the range inside its file; -1 for a companion log
 * @param uri    Hadoop URI of the file
 * @param name   the file as the user named it, for messages
 * @param format detected by core's format detector
 * @param start  first byte of the range (0 for a whole file)
 * @param end    end of the range, exclusive; -1 for a whole file
 */
record InputSplit(int file, int split, String uri, String name, LogFormat format, long start, long end)
        implements Serializable {
}
