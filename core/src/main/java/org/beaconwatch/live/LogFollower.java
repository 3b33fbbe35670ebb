package org.beaconwatch.live;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.io.ReadOptions;
import org.beaconwatch.io.spi.LineSource;
import org.beaconwatch.io.spi.Problems;
import org.beaconwatch.io.zeek.ZeekJsonReader;
import org.beaconwatch.io.zeek.ZeekTsvReader;

/**
 * Reads a Zeek log directory incrementally: the growing {@code current/conn.log} (and ssl, http,
 * dns) in follow mode, after a back-fill of the rotated logs of the last window when started
 * without a checkpoint ({@link #backfillStep}), or every log of the folder once, in time order, in replay mode (dated
 * folders in name order, then logs in the folder itself, then {@code current/}; within one
 * rotation period the companions before conn). Only complete lines are consumed, so a partial last
 * line waits for its end. Each file is tracked by inode and byte offset: a file replaced under the
 * same name (rotation, sensor restart) is read to its end through the still-open old handle and
 * the new one from its start; a file that shrank (truncation) is read again from its start. After
 * a restart whose file was rotated away meanwhile, the rotated copy is found in the dated folders
 * by its first line and its unread rest is read first.
 *
 * <p>Server names come from the companions through two generations of uid tables, each covering
 * about an hour of event time (at most 256 MiB of lines; the raw companion lines are kept too, for
 * the checkpoint), so memory is bounded whatever the uptime ({@link CompanionGenerations}). The
 * directory layout is {@link LogDirectory}, a followed file {@link TrackedFile}, file identity
 * {@link FileIdentity}, the back-fill's start {@link BackfillWindow}, file names and bytes
 * {@link LogFiles}.
 */
final class LogFollower {
    /** Receives conn flows, server names joined. */
    interface Sink {
        void accept(FlowBatch batch) throws IOException;
    }

    private static final int CHUNK = LogFiles.CHUNK;

    private final LogDirectory dir;
    private final Path root;
    private final ReadOptions options;
    private final Consumer<String> warnings;
    private final CompanionGenerations companions;
    /** Follow mode: the tracked current/ files by type. */
    private final TrackedFile[] current = new TrackedFile[LogFiles.TYPES.size()];
    /** Replay mode: path of the last file finished and the offset in the file being read. */
    private String replayFile = "";
    private long replayOffset;
    private boolean replayDone;
    /** Follow mode: the back-fill's first rotation period (null until chosen), checks done, whether over. */
    private String backfillFrom;
    private int backfillChecks;
    private boolean backfillDone;
    private long skipped;

    LogFollower(Path root, ReadOptions options, Consumer<String> warnings) {
        this.dir = new LogDirectory(root);
        this.root = root;
        this.options = options;
        this.warnings = warnings;
        this.companions = new CompanionGenerations(options, this::report);
    }

    /** Records skipped as malformed so far. */
    long skipped() {
        return skipped;
    }

    // ---------------------------------------------------------------- replay

    /**
     * Reads the next chunk of the replay; returns false when every log was read. The position
     * (file and offset) is part of the checkpoint.
     */
    boolean replayStep(Sink sink) throws IOException {
        if (replayDone) {
            return false;
        }
        if (!step(dir.replayOrder(), false, sink)) {
            replayDone = true;
            return false;
        }
        return true;
    }

    /**
     * Reads the next chunk of {@code files} (in that order) after the recorded position; false when
     * all were read. With {@code skipCurrent}, a file that is also {@code current/} (same first
     * record) is passed over: following reads it.
     */
    private boolean step(List<Path> files, boolean skipCurrent, Sink sink) throws IOException {
        for (Path p : files) {
            String key = root.relativize(p).toString();
            if (!replayFile.isEmpty() && compareKeys(files, key, replayFile) < 0) {
                continue;
            }
            if (key.equals(replayFile) && replayOffset < 0) {
                continue; // finished
            }
            long from = key.equals(replayFile) ? replayOffset : 0;
            if (skipCurrent && from == 0 && isCurrent(p)) {
                warnings.accept(p + " is also " + root.resolve("current") + "; reading it there");
                replayFile = key;
                replayOffset = -1;
                continue;
            }
            byte[] header = from > 0 ? LogFiles.header(p) : new byte[0];
            ByteArrayOutputStream chunk = new ByteArrayOutputStream();
            long next;
            try (InputStream in = LogFiles.open(p)) {
                in.skipNBytes(from);
                byte[] buf = in.readNBytes(CHUNK);
                int end = buf.length;
                boolean eof = buf.length < CHUNK || in.read() < 0;
                if (!eof) {
                    end = LogFiles.lastNewline(buf, buf.length) + 1;
                    if (end == 0) {
                        throw new IOException(p + ": line longer than " + CHUNK + " bytes");
                    }
                }
                chunk.write(buf, 0, end);
                next = eof ? -1 : from + end;
            }
            replayFile = key;
            replayOffset = next;
            process(LogFiles.type(p), p.toString(), header, chunk.toByteArray(), sink);
            return true;
        }
        return false;
    }

    /** Order of two relative paths in {@code files}. */
    private int compareKeys(List<Path> files, String a, String b) {
        int ia = -1, ib = -1;
        for (int i = 0; i < files.size(); i++) {
            String k = root.relativize(files.get(i)).toString();
            if (k.equals(a)) {
                ia = i;
            }
            if (k.equals(b)) {
                ib = i;
            }
        }
        return Integer.compare(ia, ib);
    }

    // ---------------------------------------------------------------- back-fill

    /**
     * Follow mode, started without a checkpoint: reads the next chunk of the rotated logs (dated
     * folders) whose events fall inside the last {@code windowMicros} of event time, in time order;
     * false when there is nothing more to back-fill, then following {@code current/} begins. The
     * window ends at the first record of {@code current/conn.log} (or, without one, one rotation
     * period after the first record of the newest rotated conn log); a rotation period is read
     * when its conn log's events can reach into it. A rotated file that is also the current one
     * (same first record) is left to following, so nothing is read twice. After the first poll of
     * {@code current/}, the dated folders are looked at once more, for a file rotated in between.
     */
    boolean backfillStep(long windowMicros, Sink sink) throws IOException {
        if (backfillDone) {
            return false;
        }
        if (backfillFrom == null) {
            backfillFrom = BackfillWindow.start(dir, windowMicros, options.maxLineBytes());
        }
        if (step(backfillOrder(), true, sink)) {
            return true;
        }
        if (backfillChecks++ > 0) {
            backfillDone = true;
        }
        return false;
    }

    /** Whether the back-fill is over (or was never due, after a restart from a checkpoint). */
    boolean backfillDone() {
        return backfillDone;
    }

    /** Rotated logs from the back-fill's first period on, in replay order. */
    private List<Path> backfillOrder() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : dir.replayOrder()) {
            if (dir.isRotated(p) && dir.periodKey(p).compareTo(backfillFrom) >= 0) {
                out.add(p);
            }
        }
        return out;
    }

    /** Whether a rotated log is the same file as current/ of its type, or as the one followed there. */
    private boolean isCurrent(Path p) {
        String fp = FileIdentity.fingerprint(p);
        if (fp == null) {
            return false;
        }
        int t = LogFiles.type(p);
        TrackedFile tr = current[t];
        return fp.equals(FileIdentity.fingerprint(dir.current().resolve(LogFiles.TYPES.get(t) + ".log")))
                || (tr != null && fp.equals(tr.fingerprint));
    }

    // ---------------------------------------------------------------- follow

    /** Reads what was appended to current/ since the last poll (complete lines only). */
    void poll(Sink sink) throws IOException {
        Path cur = dir.current();
        for (int t = 0; t < LogFiles.TYPES.size(); t++) {
            Path p = cur.resolve(LogFiles.TYPES.get(t) + ".log");
            TrackedFile tr = current[t];
            long inode = FileIdentity.inode(p);
            if (tr != null && tr.channel == null && tr.inode != 0) {
                // restarted after the file was rotated away: read its rest from the rotated copy
                resumeRotated(t, tr, sink);
                tr = null;
                current[t] = null;
            }
            if (tr != null && tr.channel != null) {
                drain(t, tr, sink);
                if (inode != tr.inode) {
                    tr.channel.close();
                    tr = null;
                    current[t] = null;
                    if (inode != 0) {
                        warnings.accept(p + " was replaced (rotation or sensor restart); reading the new file");
                    }
                }
            }
            if (inode == 0) {
                continue;
            }
            if (tr == null) {
                tr = new TrackedFile();
                tr.path = p;
                tr.inode = inode;
                current[t] = tr;
            }
            if (tr.channel == null) {
                try {
                    tr.channel = FileChannel.open(p, StandardOpenOption.READ);
                } catch (NoSuchFileException e) {
                    current[t] = null;
                    continue;
                }
                tr.fingerprint = FileIdentity.fingerprint(p);
                tr.header = tr.offset > 0 ? LogFiles.header(p) : new byte[0];
            }
            drain(t, tr, sink);
        }
    }

    private void drain(int t, TrackedFile tr, Sink sink) throws IOException {
        tr.drain(warnings, (name, header, chunk) -> process(t, name, header, chunk, sink));
    }

    private void resumeRotated(int t, TrackedFile tr, Sink sink) throws IOException {
        for (Path p : dir.recentRotated(t)) {
            if (tr.fingerprint != null && tr.fingerprint.equals(FileIdentity.fingerprint(p))) {
                warnings.accept(tr.path + " was rotated while stopped; reading the rest from " + p);
                byte[] header = LogFiles.header(p);
                try (InputStream in = LogFiles.open(p)) {
                    in.skipNBytes(tr.offset);
                    for (byte[] rest = in.readNBytes(CHUNK); rest.length > 0; rest = in.readNBytes(CHUNK)) {
                        int end = rest.length == CHUNK ? LogFiles.lastNewline(rest, rest.length) + 1 : rest.length;
                        process(t, p.toString(), header, Arrays.copyOf(rest, end), sink);
                        if (end < rest.length) {
                            throw new IOException(p + ": line longer than " + CHUNK + " bytes");
                        }
                    }
                }
                return;
            }
        }
        warnings.accept(tr.path + " was rotated while stopped and its rotated copy was not found; records after "
                + "byte " + tr.offset + " of it are not analysed");
    }

    // ---------------------------------------------------------------- parsing

    private void process(int t, String name, byte[] header, byte[] chunk, Sink sink) throws IOException {
        if (chunk.length == 0) {
            return;
        }
        byte[] all = header.length == 0 ? chunk : LogFiles.concat(header, chunk);
        if (LogFiles.TYPES.get(t).equals("conn")) {
            conn(name, all, sink);
        } else {
            companions.add(t, name, all);
        }
    }

    private void conn(String name, byte[] bytes, Sink sink) throws IOException {
        Problems problems = new Problems(name, options.errorPolicy(), options.maxExamples());
        LineSource lines = new LineSource(new ByteArrayInputStream(bytes), options.maxLineBytes(), null);
        boolean json = LogFiles.firstContentByte(bytes) == '{';
        org.beaconwatch.io.spi.FormatReader reader = json ? new ZeekJsonReader(lines, problems)
                : new ZeekTsvReader(lines, problems);
        FlowBatch b = new FlowBatch();
        boolean more = true;
        while (more) {
            b.clear();
            more = reader.fill(b);
            companions.join(b);
            if (!b.isEmpty()) {
                sink.accept(b);
            }
        }
        report(problems);
    }

    private void report(Problems problems) {
        if (problems.skipped() > 0) {
            skipped += problems.skipped();
            if (options.errorPolicy() == org.beaconwatch.io.ErrorPolicy.WARN) {
                warnings.accept(problems.file() + ": " + problems.skipped() + " malformed records skipped"
                        + (problems.examples().isEmpty() ? "" : ", e.g. " + problems.examples().get(0)));
            }
        }
    }

    // ---------------------------------------------------------------- checkpoint

    void save(StateFile.Out o) throws IOException {
        o.str(replayFile).i64(replayOffset).u8(replayDone ? 1 : 0).i64(skipped);
        o.str(backfillFrom).i32(backfillChecks).u8(backfillDone ? 1 : 0);
        o.i32(current.length);
        for (TrackedFile tr : current) {
            if (tr == null) {
                o.u8(0);
            } else {
                o.u8(1);
                tr.save(o);
            }
        }
        companions.save(o);
    }

    void load(StateFile.In in) throws IOException {
        replayFile = in.str();
        if (replayFile == null) {
            replayFile = "";
        }
        replayOffset = in.i64();
        replayDone = in.u8() != 0;
        skipped = in.i64();
        backfillFrom = in.str();
        backfillChecks = in.i32();
        backfillDone = in.u8() != 0;
        int n = in.count(1);
        if (n != current.length) {
            throw new IOException("damaged state file: " + n + " tracked log types");
        }
        for (int t = 0; t < n; t++) {
            current[t] = in.u8() == 0 ? null : TrackedFile.load(in);
        }
        companions.load(in);
    }

    void close() throws IOException {
        for (TrackedFile tr : current) {
            if (tr != null && tr.channel != null) {
                tr.channel.close();
            }
        }
    }
}
