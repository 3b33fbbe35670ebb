package org.beaconwatch.output;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Bounded first-in first-out queue of messages on disk, so alerts for a slow or dead receiver
 * survive both the outage and a restart. Messages are appended to segment files
 * ({@code seg-NNNNNNNNNNNNNNNN.q}, about 1 MiB each) as records {@code length(4) crc32(4) bytes};
 * the reader's position is kept in {@code ack} (written atomically). Every length is checked
 * against the largest message before anything is allocated, and a record whose checksum does not
 * match ends its segment (a torn write after a crash). When the queue would exceed its byte
 * bound, the oldest segment is dropped and counted in {@link #dropped()}: the bound wins over
 * keeping every message, and the loss is reported, never silent.
 *
 * <p>Thread-safe: one thread appends while another reads and acknowledges.
 */
public final class SpoolQueue {
    /** Largest message accepted (bytes). */
    public static final int MAX_MESSAGE = 1 << 20;
    private static final long SEGMENT_BYTES = 1 << 20;

    private final Path dir;
    private final long maxBytes;
    private final List<Long> segments = new ArrayList<>();
    private long readSegment;
    private long readOffset;
    private long dropped;
    private long bytes;

    /**
     * Opens (creating if needed) the queue in {@code dir}.
     *
     * @param maxBytes bound on the bytes kept on disk (at least 2 MiB)
     */
    public SpoolQueue(Path dir, long maxBytes) throws IOException {
        if (maxBytes < 2 * SEGMENT_BYTES) {
            throw new IllegalArgumentException("spool bound must be at least 2 MiB, got " + maxBytes);
        }
        this.dir = dir;
        this.maxBytes = maxBytes;
        Files.createDirectories(dir);
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("seg-") && n.endsWith(".q"))
                    .forEach(n -> {
                        try {
                            segments.add(Long.parseLong(n.substring(4, n.length() - 2)));
                        } catch (NumberFormatException e) {
                            // not ours
                        }
                    });
        }
        segments.sort(null);
        for (long s : segments) {
            bytes += Files.size(segment(s));
        }
        Path ack = dir.resolve("ack");
        if (Files.exists(ack) && Files.size(ack) < 64) {
            String[] parts = Files.readString(ack, StandardCharsets.US_ASCII).trim().split(" ", -1);
            try {
                readSegment = Long.parseLong(parts[0]);
                readOffset = Long.parseLong(parts[1]);
            } catch (RuntimeException e) {
                readSegment = 0;
                readOffset = 0;
            }
        }
        if (segments.isEmpty() || readSegment < segments.get(0)) {
            readSegment = segments.isEmpty() ? 0 : segments.get(0);
            readOffset = 0;
        }
    }

    private Path segment(long n) {
        return dir.resolve(String.format(Locale.ROOT, "seg-%016d.q", n));
    }

    /** Appends a message (written to the file system before returning). */
    public synchronized void append(byte[] message) throws IOException {
        if (message.length > MAX_MESSAGE) {
            throw new IllegalArgumentException("message of " + message.length + " bytes is over the spool's limit");
        }
        long need = message.length + 8L;
        while (bytes + need > maxBytes && segments.size() > 1) {
            dropOldest();
        }
        if (segments.isEmpty() || Files.size(segment(last())) >= SEGMENT_BYTES) {
            segments.add(segments.isEmpty() ? Math.max(1, readSegment) : last() + 1);
        }
        CRC32 crc = new CRC32();
        crc.update(message);
        ByteBuffer b = ByteBuffer.allocate(message.length + 8);
        b.putInt(message.length).putInt((int) crc.getValue()).put(message).flip();
        try (FileChannel ch = FileChannel.open(segment(last()), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
        bytes += need;
    }

    private long last() {
        return segments.get(segments.size() - 1);
    }

    private void dropOldest() throws IOException {
        long s = segments.remove(0);
        Path p = segment(s);
        long from = s == readSegment ? readOffset : 0;
        if (s >= readSegment) {
            dropped += count(p, from);
        }
        bytes -= Files.size(p);
        Files.deleteIfExists(p);
        if (s >= readSegment) {
            readSegment = segments.get(0);
            readOffset = 0;
        }
    }

    private static long count(Path p, long from) throws IOException {
        long n = 0;
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "r")) {
            long pos = from;
            while (pos + 8 <= f.length()) {
                f.seek(pos);
                int len = f.readInt();
                if (len < 0 || len > MAX_MESSAGE) {
                    break;
                }
                pos += 8L + len;
                n++;
            }
        }
        return n;
    }

    /** The oldest message not yet acknowledged, or null when the queue is empty. */
    public synchronized byte[] peek() throws IOException {
        while (!segments.isEmpty()) {
            if (readSegment < segments.get(0)) {
                readSegment = segments.get(0);
                readOffset = 0;
            }
            Path p = segment(readSegment);
            byte[] m = Files.exists(p) ? read(p, readOffset) : null;
            if (m != null) {
                return m;
            }
            if (readSegment == last()) {
                return null;
            }
            // segment finished (or torn): drop it and go on with the next one
            segments.remove(Long.valueOf(readSegment));
            bytes -= Files.exists(p) ? Files.size(p) : 0;
            Files.deleteIfExists(p);
            readSegment = segments.get(0);
            readOffset = 0;
            saveAck();
        }
        return null;
    }

    private static byte[] read(Path p, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "r")) {
            if (offset + 8 > f.length()) {
                return null;
            }
            f.seek(offset);
            int len = f.readInt();
            int crc = f.readInt();
            if (len < 0 || len > MAX_MESSAGE || offset + 8 + len > f.length()) {
                return null;
            }
            byte[] m = new byte[len];
            f.readFully(m);
            CRC32 c = new CRC32();
            c.update(m);
            return (int) c.getValue() == crc ? m : null;
        }
    }

    /** Acknowledges the message {@link #peek()} returned: it will not be returned again. */
    public synchronized void ack(byte[] message) throws IOException {
        readOffset += 8L + message.length;
        saveAck();
    }

    private void saveAck() throws IOException {
        Path tmp = dir.resolve("ack.tmp");
        Files.writeString(tmp, readSegment + " " + readOffset + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, dir.resolve("ack"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Messages dropped because the bound was reached. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Messages waiting (counted by reading the segments; for reports and tests). */
    public synchronized long pending() throws IOException {
        long n = 0;
        for (long s : segments) {
            if (s >= readSegment) {
                n += count(segment(s), s == readSegment ? readOffset : 0);
            }
        }
        return n;
    }
}
