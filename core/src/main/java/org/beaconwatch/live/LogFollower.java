package org.beaconwatch.live;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.io.LogFormat;
import org.beaconwatch.io.ReadOptions;
import org.beaconwatch.io.spi.DnsIndex;
import org.beaconwatch.io.spi.LineSource;
import org.beaconwatch.io.spi.Problems;
import org.beaconwatch.io.spi.ServerNames;
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
 * the checkpoint), so memory is bounded whatever the uptime.
 */
final class LogFollower {
    /** Receives conn flows, server names joined. */
    interface Sink {
        void accept(FlowBatch batch) throws IOException;
    }

    static final List<String> TYPES = List.of("ssl", "http", "dns", "conn");
    private static final int CHUNK = 4 << 20;
    /** Safety bound on one generation of companion lines; normally an hour of event time ends it first. */
    private static final long GENERATION_BYTES = 256L << 20;
    /** Event time one generation of companion lines covers (conn records are joined within it). */
    private static final long GENERATION_MICROS = 3_600_000_000L;
    /** Zeek's default rotation interval, assumed by the back-fill when the logs do not show theirs. */
    private static final long ROTATION_MICROS = 3_600_000_000L;

    private final Path root;
    private final ReadOptions options;
    private final Consumer<String> warnings;
    private final Companions companions = new Companions();
    /** Follow mode: the tracked current/ files by type. */
    private final Tracked[] current = new Tracked[TYPES.size()];
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
        this.root = root;
        this.options = options;
        this.warnings = warnings;
    }

    /** Records skipped as malformed so far. */
    long skipped() {
        return skipped;
    }

    // ---------------------------------------------------------------- replay

    /** The logs of the folder in replay order. */
    List<Path> replayOrder() throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().equals("current")).sorted()
                    .forEach(dirs::add);
        }
        dirs.add(root);
        if (Files.isDirectory(root.resolve("current"))) {
            dirs.add(root.resolve("current"));
        }
        List<Path> out = new ArrayList<>();
        for (Path d : dirs) {
            List<Path> logs = new ArrayList<>();
            try (Stream<Path> s = Files.list(d)) {
                s.filter(Files::isRegularFile).filter(p -> type(p) >= 0).forEach(logs::add);
            }
            logs.sort(Comparator.comparing((Path p) -> period(p)).thenComparingInt(LogFollower::type));
            out.addAll(logs);
        }
        return out;
    }

    /**
     * Reads the next chunk of the replay; returns false when every log was read. The position
     * (file and offset) is part of the checkpoint.
     */
    boolean replayStep(Sink sink) throws IOException {
        if (replayDone) {
            return false;
        }
        if (!step(replayOrder(), false, sink)) {
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
            byte[] header = from > 0 ? header(p) : new byte[0];
            ByteArrayOutputStream chunk = new ByteArrayOutputStream();
            long next;
            try (InputStream in = open(p)) {
                in.skipNBytes(from);
                byte[] buf = in.readNBytes(CHUNK);
                int end = buf.length;
                boolean eof = buf.length < CHUNK || in.read() < 0;
                if (!eof) {
                    end = lastNewline(buf, buf.length) + 1;
                    if (end == 0) {
                        throw new IOException(p + ": line longer than " + CHUNK + " bytes");
                    }
                }
                chunk.write(buf, 0, end);
                next = eof ? -1 : from + end;
            }
            replayFile = key;
            replayOffset = next;
            process(type(p), p.toString(), header, chunk.toByteArray(), sink);
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
            backfillFrom = backfillStart(windowMicros);
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
        for (Path p : replayOrder()) {
            if (isRotated(p) && periodKey(p).compareTo(backfillFrom) >= 0) {
                out.add(p);
            }
        }
        return out;
    }

    /** The period key of the first rotation period that reaches into the window ("\uffff": none). */
    private String backfillStart(long windowMicros) throws IOException {
        List<Path> conns = new ArrayList<>();
        for (Path p : replayOrder()) {
            if (isRotated(p) && TYPES.get(type(p)).equals("conn")) {
                conns.add(p);
            }
        }
        String none = "\uffff";
        if (conns.isEmpty()) {
            return none;
        }
        long end = firstTs(root.resolve("current").resolve("conn.log"));
        int last = conns.size() - 1;
        if (end == Long.MIN_VALUE) {
            long s = firstTs(conns.get(last));
            long before = last > 0 ? firstTs(conns.get(last - 1)) : Long.MIN_VALUE;
            long period = s != Long.MIN_VALUE && before != Long.MIN_VALUE && s > before ? s - before : ROTATION_MICROS;
            end = s == Long.MIN_VALUE ? Long.MIN_VALUE : s + period;
        }
        if (end == Long.MIN_VALUE) {
            return periodKey(conns.get(0)); // no event time to go by: all of it
        }
        String from = none;
        long next = end; // first event after the period being looked at
        for (int i = last; i >= 0; i--) {
            if (next != Long.MIN_VALUE && next <= end - windowMicros) {
                break; // this period ended before the window began
            }
            from = periodKey(conns.get(i));
            long s = firstTs(conns.get(i));
            if (s != Long.MIN_VALUE) {
                next = s;
            }
        }
        return from;
    }

    /** In a dated folder (not the folder itself, not current/). */
    private boolean isRotated(Path p) {
        Path parent = p.getParent();
        return parent != null && !parent.equals(root) && !parent.equals(root.resolve("current"));
    }

    /** "folder/period" of a rotated log: its place in time order, whatever the log type. */
    private String periodKey(Path p) {
        return root.relativize(p.getParent()) + "/" + period(p);
    }

    /** Whether a rotated log is the same file as current/ of its type, or as the one followed there. */
    private boolean isCurrent(Path p) {
        String fp = fingerprint(p);
        if (fp == null) {
            return false;
        }
        int t = type(p);
        Tracked tr = current[t];
        return fp.equals(fingerprint(root.resolve("current").resolve(TYPES.get(t) + ".log")))
                || (tr != null && fp.equals(tr.fingerprint));
    }

    /** Event time (epoch µs) of the earliest record in the first 64 KiB of a conn log, or Long.MIN_VALUE. */
    long firstTs(Path p) {
        byte[] head;
        try (InputStream in = open(p)) {
            head = in.readNBytes(1 << 16);
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
        byte[] lines = Arrays.copyOf(head, lastNewline(head, head.length) + 1);
        Problems problems = new Problems(p.toString(), org.beaconwatch.io.ErrorPolicy.SKIP, 0);
        LineSource src = new LineSource(new ByteArrayInputStream(lines), options.maxLineBytes(), null);
        org.beaconwatch.io.spi.FormatReader reader = firstContentByte(lines) == '{' ? new ZeekJsonReader(src, problems)
                : new ZeekTsvReader(src, problems);
        FlowBatch b = new FlowBatch();
        long min = Long.MIN_VALUE;
        try {
            boolean more = true;
            while (more) {
                b.clear();
                more = reader.fill(b);
                for (int i = 0; i < b.size(); i++) {
                    min = min == Long.MIN_VALUE ? b.ts[i] : Math.min(min, b.ts[i]);
                }
            }
        } catch (IOException e) {
            return min;
        }
        return min;
    }

    // ---------------------------------------------------------------- follow

    /** One tracked file of current/. */
    private static final class Tracked {
        Path path;
        long inode;
        long offset;
        String fingerprint;
        FileChannel channel;
        byte[] header;
    }

    /** Reads what was appended to current/ since the last poll (complete lines only). */
    void poll(Sink sink) throws IOException {
        Path dir = root.resolve("current");
        for (int t = 0; t < TYPES.size(); t++) {
            Path p = dir.resolve(TYPES.get(t) + ".log");
            Tracked tr = current[t];
            long inode = inode(p);
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
                tr = new Tracked();
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
                tr.fingerprint = fingerprint(p);
                tr.header = tr.offset > 0 ? header(p) : new byte[0];
            }
            drain(t, tr, sink);
        }
    }

    private void drain(int t, Tracked tr, Sink sink) throws IOException {
        long size = tr.channel.size();
        String now = tr.fingerprint == null ? null : fingerprint(tr.path);
        boolean rewritten = now != null && !now.equals(tr.fingerprint) && inode(tr.path) == tr.inode;
        if (size < tr.offset || rewritten) {
            warnings.accept(tr.path + " shrank from " + tr.offset + " to " + size + " bytes or was rewritten "
                    + "(truncated); reading it again from the start");
            tr.offset = 0;
            tr.header = new byte[0];
            tr.fingerprint = fingerprint(tr.path);
        }
        while (tr.offset < size) {
            int want = (int) Math.min(CHUNK, size - tr.offset);
            ByteBuffer b = ByteBuffer.allocate(want);
            while (b.hasRemaining()) {
                if (tr.channel.read(b, tr.offset + b.position()) < 0) {
                    break;
                }
            }
            int end = lastNewline(b.array(), b.position()) + 1;
            if (end == 0) {
                if (want == CHUNK) {
                    throw new IOException(tr.path + ": line longer than " + CHUNK + " bytes");
                }
                return; // partial last line: wait for the rest
            }
            byte[] chunk = Arrays.copyOf(b.array(), end);
            if (tr.offset == 0) {
                tr.header = headerOf(chunk);
                process(t, tr.path.toString(), new byte[0], chunk, sink);
            } else {
                process(t, tr.path.toString(), tr.header, chunk, sink);
            }
            tr.offset += end;
            if (tr.fingerprint == null) {
                tr.fingerprint = fingerprint(tr.path);
            }
            size = tr.channel.size();
        }
    }

    private void resumeRotated(int t, Tracked tr, Sink sink) throws IOException {
        List<Path> candidates = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().equals("current"))
                    .sorted(Comparator.reverseOrder()).limit(3).forEach(candidates::add);
        }
        for (Path d : candidates) {
            List<Path> logs = new ArrayList<>();
            try (Stream<Path> s = Files.list(d)) {
                s.filter(p -> type(p) == t).forEach(logs::add);
            }
            for (Path p : logs) {
                if (tr.fingerprint != null && tr.fingerprint.equals(fingerprint(p))) {
                    warnings.accept(tr.path + " was rotated while stopped; reading the rest from " + p);
                    byte[] header = header(p);
                    try (InputStream in = open(p)) {
                        in.skipNBytes(tr.offset);
                        for (byte[] rest = in.readNBytes(CHUNK); rest.length > 0; rest = in.readNBytes(CHUNK)) {
                            int end = rest.length == CHUNK ? lastNewline(rest, rest.length) + 1 : rest.length;
                            process(t, p.toString(), header, Arrays.copyOf(rest, end), sink);
                            if (end < rest.length) {
                                throw new IOException(p + ": line longer than " + CHUNK + " bytes");
                            }
                        }
                    }
                    return;
                }
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
        byte[] all = header.length == 0 ? chunk : concat(header, chunk);
        if (TYPES.get(t).equals("conn")) {
            conn(name, all, sink);
        } else {
            companions.add(t, name, all);
        }
    }

    private void conn(String name, byte[] bytes, Sink sink) throws IOException {
        Problems problems = new Problems(name, options.errorPolicy(), options.maxExamples());
        LineSource lines = new LineSource(new ByteArrayInputStream(bytes), options.maxLineBytes(), null);
        boolean json = firstContentByte(bytes) == '{';
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

    /** Two generations of companion uid tables, with their raw lines for the checkpoint. */
    private final class Companions {
        ServerNames now = new ServerNames();
        ServerNames before = new ServerNames();
        List<byte[]> nowRaw = new ArrayList<>();
        List<byte[]> beforeRaw = new ArrayList<>();
        List<Integer> nowType = new ArrayList<>();
        List<Integer> beforeType = new ArrayList<>();
        long nowBytes;
        long nowStart = Long.MIN_VALUE;
        long connTime = Long.MIN_VALUE;

        void add(int t, String name, byte[] bytes) throws IOException {
            boolean old = nowStart != Long.MIN_VALUE && connTime - nowStart >= GENERATION_MICROS;
            if ((old || nowBytes + bytes.length > GENERATION_BYTES) && !nowRaw.isEmpty()) {
                before = now;
                beforeRaw = nowRaw;
                beforeType = nowType;
                now = new ServerNames();
                nowRaw = new ArrayList<>();
                nowType = new ArrayList<>();
                nowBytes = 0;
                nowStart = connTime;
            }
            if (nowStart == Long.MIN_VALUE) {
                nowStart = connTime;
            }
            parse(t, name, bytes, now);
            nowRaw.add(bytes);
            nowType.add(t);
            nowBytes += bytes.length;
        }

        void parse(int t, String name, byte[] bytes, ServerNames into) throws IOException {
            Problems problems = new Problems(name, options.errorPolicy(), options.maxExamples());
            LineSource lines = new LineSource(new ByteArrayInputStream(bytes), options.maxLineBytes(), null);
            LogFormat f = t == 0 ? LogFormat.ZEEK_SSL : t == 1 ? LogFormat.ZEEK_HTTP : LogFormat.ZEEK_DNS;
            org.beaconwatch.io.zeek.ZeekCompanions.read(f, lines, problems, into, new DnsIndex());
            report(problems);
        }

        void join(FlowBatch b) {
            for (int i = 0; i < b.size(); i++) {
                connTime = Math.max(connTime, b.ts[i]);
            }
            now.join(b, 0, b.size());
            before.join(b, 0, b.size());
        }

        void save(StateFile.Out o) throws IOException {
            o.i64(nowStart).i64(connTime);
            o.i32(beforeRaw.size());
            for (int i = 0; i < beforeRaw.size(); i++) {
                o.u8(beforeType.get(i)).bytes(beforeRaw.get(i));
            }
            o.i32(nowRaw.size());
            for (int i = 0; i < nowRaw.size(); i++) {
                o.u8(nowType.get(i)).bytes(nowRaw.get(i));
            }
        }

        void load(StateFile.In in) throws IOException {
            before = new ServerNames();
            now = new ServerNames();
            beforeRaw = new ArrayList<>();
            nowRaw = new ArrayList<>();
            beforeType = new ArrayList<>();
            nowType = new ArrayList<>();
            nowBytes = 0;
            nowStart = in.i64();
            connTime = in.i64();
            int n = in.count(5);
            for (int i = 0; i < n; i++) {
                int t = Math.min(in.u8(), 2);
                byte[] raw = in.bytes();
                parse(t, "(checkpoint)", raw, before);
                beforeRaw.add(raw);
                beforeType.add(t);
            }
            n = in.count(5);
            for (int i = 0; i < n; i++) {
                int t = Math.min(in.u8(), 2);
                byte[] raw = in.bytes();
                parse(t, "(checkpoint)", raw, now);
                nowRaw.add(raw);
                nowType.add(t);
                nowBytes += raw.length;
            }
        }
    }

    // ---------------------------------------------------------------- checkpoint

    void save(StateFile.Out o) throws IOException {
        o.str(replayFile).i64(replayOffset).u8(replayDone ? 1 : 0).i64(skipped);
        o.str(backfillFrom).i32(backfillChecks).u8(backfillDone ? 1 : 0);
        o.i32(current.length);
        for (Tracked tr : current) {
            if (tr == null) {
                o.u8(0);
            } else {
                o.u8(1).str(tr.path.toString()).i64(tr.inode).i64(tr.offset).str(tr.fingerprint);
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
            if (in.u8() == 0) {
                current[t] = null;
                continue;
            }
            Tracked tr = new Tracked();
            tr.path = Path.of(in.str());
            tr.inode = in.i64();
            tr.offset = in.i64();
            tr.fingerprint = in.str();
            current[t] = tr;
            long inode = inode(tr.path);
            String fp = fingerprint(tr.path);
            if (inode == tr.inode && (tr.fingerprint == null || tr.fingerprint.equals(fp))) {
                tr.channel = FileChannel.open(tr.path, StandardOpenOption.READ);
                tr.header = tr.offset > 0 ? header(tr.path) : new byte[0];
            }
        }
        companions.load(in);
    }

    void close() throws IOException {
        for (Tracked tr : current) {
            if (tr != null && tr.channel != null) {
                tr.channel.close();
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Index into {@link #TYPES} from the file name (conn.log, conn.00:00:00-01:00:00.log.gz), or -1. */
    static int type(Path p) {
        String n = p.getFileName().toString();
        int dot = n.indexOf('.');
        if (dot <= 0 || !(n.endsWith(".log") || n.endsWith(".log.gz"))) {
            return -1;
        }
        return TYPES.indexOf(n.substring(0, dot).toLowerCase(Locale.ROOT));
    }

    /** The rotation period part of a name ("00:00:00-01:00:00" of conn.00:00:00-01:00:00.log.gz). */
    private static String period(Path p) {
        String n = p.getFileName().toString();
        return n.substring(n.indexOf('.'));
    }

    private static InputStream open(Path p) throws IOException {
        InputStream in = Files.newInputStream(p);
        if (p.getFileName().toString().endsWith(".gz")) {
            return new GZIPInputStream(in, 1 << 16);
        }
        return in;
    }

    static long inode(Path p) throws IOException {
        try {
            Object ino = Files.getAttribute(p, "unix:ino");
            return ((Number) ino).longValue();
        } catch (NoSuchFileException e) {
            return 0;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // no inodes on this file system: the creation time stands in for them
            return Files.exists(p) ? Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class)
                    .creationTime().toMillis() | 1 : 0;
        }
    }

    /**
     * Identifies a log across rotation, compression and inode reuse: its header and first record
     * (the bytes up to the end of the first line that is not a '#' header line, at most 64 KiB),
     * as a SHA-256 hex string; null while the file has no complete record yet.
     */
    static String fingerprint(Path p) {
        try (InputStream in = open(p)) {
            byte[] head = in.readNBytes(1 << 16);
            int pos = 0;
            while (pos < head.length) {
                int nl = pos;
                while (nl < head.length && head[nl] != '\n') {
                    nl++;
                }
                if (nl == head.length) {
                    return null;
                }
                if (head[pos] != '#') {
                    java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
                    md.update(head, 0, nl + 1);
                    return java.util.HexFormat.of().formatHex(md.digest());
                }
                pos = nl + 1;
            }
            return null;
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            return null;
        }
    }

    /** The leading '#' lines of a file (a Zeek TSV header), empty for JSON logs. */
    private static byte[] header(Path p) throws IOException {
        try (InputStream in = open(p)) {
            return headerOf(in.readNBytes(1 << 16));
        }
    }

    private static byte[] headerOf(byte[] a) {
        int pos = 0;
        while (pos < a.length && a[pos] == '#') {
            int nl = pos;
            while (nl < a.length && a[nl] != '\n') {
                nl++;
            }
            if (nl == a.length) {
                break;
            }
            pos = nl + 1;
        }
        return Arrays.copyOf(a, pos);
    }

    private static int lastNewline(byte[] a, int len) {
        for (int i = len - 1; i >= 0; i--) {
            if (a[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int firstContentByte(byte[] a) {
        for (byte b : a) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b;
            }
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
