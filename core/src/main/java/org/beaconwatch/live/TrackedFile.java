package org.beaconwatch.live;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * One followed file of {@code current/}: its identity (inode, first-record fingerprint), the byte
 * offset read so far and its open handle, and the reading of what was appended since (complete
 * lines only, a partial last line waits; a file that shrank or was rewritten is read again from
 * its start).
 */
final class TrackedFile {
    /** Receives complete lines read from a file, with the file's TSV header when they do not start it. */
    interface Lines {
        void accept(String name, byte[] header, byte[] chunk) throws IOException;
    }

    Path path;
    long inode;
    long offset;
    String fingerprint;
    FileChannel channel;
    byte[] header;

    /** Reads the complete lines appended since the last call into {@code out}. */
    void drain(Consumer<String> warnings, Lines out) throws IOException {
        long size = channel.size();
        String now = fingerprint == null ? null : FileIdentity.fingerprint(path);
        boolean rewritten = now != null && !now.equals(fingerprint) && FileIdentity.inode(path) == inode;
        if (size < offset || rewritten) {
            warnings.accept(path + " shrank from " + offset + " to " + size + " bytes or was rewritten "
                    + "(truncated); reading it again from the start");
            offset = 0;
            header = new byte[0];
            fingerprint = FileIdentity.fingerprint(path);
        }
        while (offset < size) {
            int want = (int) Math.min(LogFiles.CHUNK, size - offset);
            ByteBuffer b = ByteBuffer.allocate(want);
            while (b.hasRemaining()) {
                if (channel.read(b, offset + b.position()) < 0) {
                    break;
                }
            }
            int end = LogFiles.lastNewline(b.array(), b.position()) + 1;
            if (end == 0) {
                if (want == LogFiles.CHUNK) {
                    throw new IOException(path + ": line longer than " + LogFiles.CHUNK + " bytes");
                }
                return; // partial last line: wait for the rest
            }
            byte[] chunk = Arrays.copyOf(b.array(), end);
            if (offset == 0) {
                header = LogFiles.headerOf(chunk);
                out.accept(path.toString(), new byte[0], chunk);
            } else {
                out.accept(path.toString(), header, chunk);
            }
            offset += end;
            if (fingerprint == null) {
                fingerprint = FileIdentity.fingerprint(path);
            }
            size = channel.size();
        }
    }

    /** Writes path, inode, offset and fingerprint to the checkpoint. */
    void save(StateFile.Out o) throws IOException {
        o.str(path.toString()).i64(inode).i64(offset).str(fingerprint);
    }

    /**
     * Reads what {@link #save} wrote and reopens the file when it is still the same one; otherwise
     * the handle stays null (the file was rotated away while stopped).
     */
    static TrackedFile load(StateFile.In in) throws IOException {
        TrackedFile tr = new TrackedFile();
        tr.path = Path.of(in.str());
        tr.inode = in.i64();
        tr.offset = in.i64();
        tr.fingerprint = in.str();
        long inode = FileIdentity.inode(tr.path);
        String fp = FileIdentity.fingerprint(tr.path);
        if (inode == tr.inode && (tr.fingerprint == null || tr.fingerprint.equals(fp))) {
            tr.channel = FileChannel.open(tr.path, StandardOpenOption.READ);
            tr.header = tr.offset > 0 ? LogFiles.header(tr.path) : new byte[0];
        }
        return tr;
    }
}
