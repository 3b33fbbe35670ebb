package org.beaconwatch.live;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import org.beaconwatch.output.AlertInfo;
import org.beaconwatch.output.AlertSink;
import org.beaconwatch.score.Finding;

/**
 * Makes alerts written where they cannot be taken back (stdout) exactly-once across a kill -9.
 *
 * <p>Every emission of the watcher has a sequence number; the checkpoint records how many there
 * were. After each flush of the output, the emissions just written are appended to
 * {@code alerts.journal} in the state folder ({@code seq alert_id reason} per line) and the
 * journal is forced to disk. A restart goes on from the checkpoint and, being deterministic,
 * emits again what followed it: the emissions the journal lists after the checkpoint's count were
 * written already and are passed over, as long as they match (id and reason) in order. The
 * journal is emptied at each checkpoint.
 *
 * <p>What remains: alerts written to the output in the moment between their flush and the
 * journal's write reaching the disk are written again after a kill -9 in that moment (at most
 * one scoring's alerts). Once the journal no longer matches what is emitted (other logs, other
 * options), nothing more is passed over.
 */
final class AlertJournal implements AlertSink {
    static final String FILE = "alerts.journal";
    /** A journal line longer than this is damage, not an entry. */
    private static final int MAX_LINE = 256;

    private final AlertSink out;
    private final FileChannel journal;
    private final Path path;
    /** Entries after the checkpoint: emissions written before the restart, to pass over. */
    private final Deque<String> written = new ArrayDeque<>();
    /** Entries passed over since the restart (still not covered by a checkpoint). */
    private final StringBuilder matched = new StringBuilder();
    private final StringBuilder pending = new StringBuilder();
    private long seq;
    private long skipped;

    /**
     * @param stateDir   the state folder
     * @param checkpoint emissions counted in the checkpoint (0 without one)
     */
    AlertJournal(AlertSink out, Path stateDir, long checkpoint) throws IOException {
        this.out = out;
        this.seq = checkpoint;
        Files.createDirectories(stateDir);
        this.path = stateDir.resolve(FILE);
        this.journal = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        long size = journal.size();
        if (size > (64L << 20)) {
            throw new IOException(path + ": journal of " + size + " bytes is larger than any checkpoint interval writes");
        }
        ByteBuffer all = ByteBuffer.allocate((int) size);
        while (all.hasRemaining() && journal.read(all, all.position()) >= 0) {
            // read on
        }
        byte[] a = all.array();
        int start = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != '\n') {
                continue;
            }
            String line = new String(a, start, i - start, StandardCharsets.UTF_8);
            start = i + 1;
            int sp = line.indexOf(' ');
            if (sp <= 0 || line.length() > MAX_LINE) {
                throw new IOException(path + ": damaged alert journal (line '" + line.substring(0,
                        Math.min(line.length(), 40)) + "')");
            }
            long n;
            try {
                n = Long.parseLong(line.substring(0, sp));
            } catch (NumberFormatException e) {
                throw new IOException(path + ": damaged alert journal (no sequence number)", e);
            }
            if (n > checkpoint) {
                written.add(line);
            }
        }
        journal.truncate(start); // a line cut short by a kill is dropped, so the next one starts clean
        journal.position(start);
    }

    /** Emissions passed over because the journal says they were written before the restart. */
    long skipped() {
        return skipped;
    }

    @Override
    public void emit(Finding finding, AlertInfo alert) throws IOException {
        seq++;
        String entry = seq + " " + alert.alertId() + " " + alert.reason().label();
        if (!written.isEmpty()) {
            if (written.peekFirst().equals(entry)) {
                written.removeFirst();
                matched.append(entry).append('\n');
                skipped++;
                return;
            }
            // no longer the run the journal describes: drop the rest of it, write everything from here on
            written.clear();
            journal.truncate(0);
            journal.position(0);
            pending.append(matched);
            matched.setLength(0);
        }
        out.emit(finding, alert);
        pending.append(entry).append('\n');
    }

    @Override
    public void flush() throws IOException {
        out.flush();
        if (pending.length() > 0) {
            ByteBuffer b = ByteBuffer.wrap(pending.toString().getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                journal.write(b);
            }
            journal.force(false);
            pending.setLength(0);
        }
    }

    /** After a checkpoint (taken after a flush): the entries so far are covered by it. */
    void checkpointed() throws IOException {
        if (written.isEmpty() && pending.length() == 0) {
            matched.setLength(0);
            journal.truncate(0);
            journal.position(0);
            journal.force(false);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            journal.close();
        }
    }
}
