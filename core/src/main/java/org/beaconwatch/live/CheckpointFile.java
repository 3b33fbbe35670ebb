package org.beaconwatch.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.beaconwatch.output.AtomicOutput;

/**
 * The frame of {@code checkpoint.bin}: magic ({@code BWWATCH1}), a body that opens with the format
 * version, and the CRC-32 of the body (big-endian). Written atomically; read back only after the
 * size, the magic, the checksum and the version are checked. What the body holds is
 * {@link LiveWatcher}'s business ({@link StateFile} encodes it).
 */
final class CheckpointFile {
    static final String NAME = "checkpoint.bin";
    private static final byte[] MAGIC = "BWWATCH1".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 2;

    private CheckpointFile() {
    }

    /** A new body, its version written. */
    static StateFile.Out body() throws IOException {
        return new StateFile.Out().i32(VERSION);
    }

    /** Writes the body, framed, to {@code stateDir/checkpoint.bin} atomically (the folder is created). */
    static void write(Path stateDir, StateFile.Out o) throws IOException {
        byte[] body = o.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(body);
        Files.createDirectories(stateDir);
        AtomicOutput.write(stateDir.resolve(NAME), raw -> {
            raw.write(MAGIC);
            raw.write(body);
            long c = crc.getValue();
            raw.write(new byte[] {(byte) (c >>> 24), (byte) (c >>> 16), (byte) (c >>> 8), (byte) c});
        });
    }

    /** Reads and checks a checkpoint; returns its body, positioned after the version. */
    static StateFile.In read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > (4L << 30)) {
            throw new IOException(file + ": state file of " + size + " bytes is larger than any checkpoint");
        }
        byte[] all = Files.readAllBytes(file);
        if (all.length < MAGIC.length + 4 || !Arrays.equals(all, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IOException(file + ": not a Beaconwatch watch checkpoint");
        }
        byte[] body = Arrays.copyOfRange(all, MAGIC.length, all.length - 4);
        CRC32 crc = new CRC32();
        crc.update(body);
        long stored = ((all[all.length - 4] & 0xffL) << 24) | ((all[all.length - 3] & 0xffL) << 16)
                | ((all[all.length - 2] & 0xffL) << 8) | (all[all.length - 1] & 0xffL);
        if (crc.getValue() != stored) {
            throw new IOException(file + ": damaged checkpoint (checksum mismatch)");
        }
        StateFile.In in = new StateFile.In(body, file.toString());
        int version = in.i32();
        if (version != VERSION) {
            throw new IOException(file + ": checkpoint version " + version + " is not supported");
        }
        return in;
    }
}
