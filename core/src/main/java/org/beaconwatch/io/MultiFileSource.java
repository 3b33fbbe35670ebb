package org.beaconwatch.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.flow.UidSet;
import org.beaconwatch.io.spi.DnsIndex;
import org.beaconwatch.io.spi.FormatReader;
import org.beaconwatch.io.spi.Problems;
import org.beaconwatch.io.spi.ServerNames;
import org.beaconwatch.io.spi.UidHash;

/**
 * Streams the flow files one after another. A batch never spans two files (so its extra columns
 * are those of one format); companion names are joined by uid as rows arrive.
 *
 * <p>Rows are checked as they arrive, before anyone sees them: a time far outside the bulk of
 * its file ({@link TimeWindow}) is a malformed record under the error policy, and a Zeek
 * connection whose uid was seen before (in this file or an earlier one) is counted once, with a
 * note in the file's report. Argus has no uid; its batches say that the sensor splits
 * connections into several records ({@link FlowBatch#splitRecords()}).
 */
final class MultiFileSource implements FlowSource {
    private final List<FlowInputs.InputFile> files;
    private final ReadOptions options;
    private final ServerNames serverNames;
    private final DnsIndex dns;
    private final List<FileReport> reports;
    private final List<String> names = new ArrayList<>();
    private int currentIndex;
    private int next;
    private FlowInputs.InputFile currentFile;
    private FormatReader current;
    private InputStream currentIn;
    private List<String> extraColumns = List.of();
    /** The uids seen; made on the first Zeek row checked, sized from the input ({@link #newUidSet}). */
    private UidSet uids;
    /** The caller checks uids (see {@link #leaveDuplicatesToCaller()}): no uid set here. */
    private boolean uidsDeferred;
    private final long[] uidHash = new long[2];
    private TimeWindow window;
    private long leftOut;          // rows of the current file the reader counted but we dropped
    private long duplicateUids;    // of the current file
    private boolean zeek;
    private boolean split;

    // parsing ahead on worker threads (null: this thread parses, one file after another)
    private final ReadAhead ahead;
    private int taskIndex;
    private ReadAhead.Task task;
    private Problems fileProblems;   // the current file's problems, under the user's policy
    private long fileLines;          // lines of the current file before the current task
    private long fileRecords;        // records parsed from the current file so far
    private long lineShift;          // added to the current task's line numbers
    private int eventPos;            // next recorded problem of the current task to replay
    private int seqFree;             // room left in the batch a sequential read would be filling
    private final List<byte[]> lateHeaders = new ArrayList<>();
    private ClientSignatures clients = new ClientSignatures();
    private FlowBatch pending;       // read(batch) in parallel mode: rows not yet copied out
    private int pendingPos;
    private final java.util.concurrent.ConcurrentLinkedQueue<FlowBatch> spare = new java.util.concurrent.ConcurrentLinkedQueue<>();

    MultiFileSource(List<FlowInputs.InputFile> files, ReadOptions options, ServerNames serverNames, DnsIndex dns,
                    List<FileReport> companionReports) throws IOException {
        this(files, options, serverNames, dns, companionReports, 1, ReadAhead.DEFAULT_RANGE_BYTES);
    }

    /**
     * @param readers    threads parsing ahead (1: parse on the caller's thread)
     * @param rangeBytes byte range per parsing task of a large plain Zeek TSV file
     */
    MultiFileSource(List<FlowInputs.InputFile> files, ReadOptions options, ServerNames serverNames, DnsIndex dns,
                    List<FileReport> companionReports, int readers, long rangeBytes) throws IOException {
        this.ahead = readers > 1 && !files.isEmpty() ? new ReadAhead(files, options, readers, rangeBytes) : null;
        this.files = files;
        this.options = options;
        this.serverNames = serverNames;
        this.dns = dns;
        this.reports = new ArrayList<>(companionReports);
        for (FileReport r : companionReports) {
            names.add(r.file());
        }
    }

    @Override
    public boolean read(FlowBatch batch) throws IOException {
        batch.clear();
        if (ahead != null) {
            return copyOut(batch);
        }
        while (true) {
            if (current == null && !openNext()) {
                exhausted();
                return false;
            }
            if (batch.isEmpty() && !batch.extraColumns().equals(extraColumns)) {
                batch.extraColumns(extraColumns);
            }
            batch.splitRecords(split);
            int before = batch.size();
            boolean more = current.fill(batch);
            int after = check(batch, before, batch.size());
            serverNames.join(batch, before, after);
            leaveUnchecked(batch, before, after);
            for (int i = before; i < after; i++) {
                batch.file[i] = currentIndex;
            }
            if (!more) {
                finishCurrent();
                if (!batch.isEmpty()) {
                    return true;
                }
                continue;
            }
            if (batch.isFull()) {
                return true;
            }
        }
    }

    /** Parallel mode through {@link #read}: copies rows of the parsed batches into the caller's batch. */
    private boolean copyOut(FlowBatch batch) throws IOException {
        if (pending == null) {
            pending = next();
            pendingPos = 0;
            if (pending == null) {
                return false;
            }
        }
        batch.extraColumns(pending.extraColumns());
        batch.splitRecords(pending.splitRecords());
        int n = Math.min(batch.capacity(), pending.size() - pendingPos);
        batch.copyRows(pending, pendingPos, n);
        pendingPos += n;
        if (pendingPos == pending.size()) {
            release(pending);
            pending = null;
        }
        return true;
    }

    /**
     * The next batch, owned by the source until {@link #release}: in parallel mode the batches the
     * workers parsed, checked here in reading order (time window, uids seen before, companion
     * names, recorded problems replayed under the error policy), so the rows equal those of
     * {@link #read}.
     */
    @Override
    public FlowBatch next() throws IOException {
        if (ahead == null) {
            FlowBatch b = spare.poll();
            if (b == null) {
                b = new FlowBatch();
            }
            if (read(b)) {
                return b;
            }
            spare.offer(b);
            return null;
        }
        while (true) {
            if (task == null) {
                if (taskIndex >= ahead.size()) {
                    exhausted();
                    return null;
                }
                ReadAhead.Task t = ahead.task(taskIndex);
                if (t.cancelled) {
                    ahead.done(taskIndex++);
                    continue;
                }
                if (t.first) {
                    startFile(t.input);
                }
                task = t;
                eventPos = 0;
                lineShift = t.first ? 0 : fileLines - t.headLines;
            }
            ReadAhead.Task t = task;
            Object o = take(t);
            if (o == ReadAhead.END) {
                endTask(t);
                continue;
            }
            FlowBatch b = (FlowBatch) o;
            int n = b.size();
            if (lineShift != 0) {
                for (int i = 0; i < n; i++) {
                    b.line[i] += lineShift;
                }
            }
            boolean endOfFile = t.last && peek(t) == ReadAhead.END;
            b.extraColumns(t.extraColumns);
            b.splitRecords(split);
            // problems and checks in the order a sequential read meets them: it fills a batch of
            // FlowBatch.DEFAULT_CAPACITY rows (the reader reporting malformed lines on the way, and
            // everything left at the end of the file), then checks the rows that fill added
            int out = 0;
            int from = 0;
            while (from < n) {
                int to = Math.min(n, from + seqFree);
                boolean lastSegment = endOfFile && to == n;
                replay(t, lastSegment ? Long.MAX_VALUE : b.line[to - 1]);
                int kept = check(b, from, to, out);
                out += kept;
                seqFree -= kept;
                if (seqFree == 0 || lastSegment) {
                    seqFree = FlowBatch.DEFAULT_CAPACITY;
                }
                from = to;
            }
            if (out != n) {
                b.truncate(out);
            }
            serverNames.join(b, 0, out);
            leaveUnchecked(b, 0, out);
            java.util.Arrays.fill(b.file, 0, out, currentIndex);
            if (out == 0) {
                release(b);
                continue;
            }
            extraColumns = t.extraColumns;
            return b;
        }
    }

    private Object lookahead;

    /**
     * Every row has been read: frees what only reading needed (the uids seen, hundreds of MB for
     * tens of millions of connections; the parsed batches waiting for reuse) while the caller
     * goes on to score with the source still open.
     */
    private void exhausted() {
        uids = null;
        spare.clear();
        if (ahead != null) {
            ahead.dropPool();
        }
    }

    private Object take(ReadAhead.Task t) throws IOException {
        Object o = peek(t);
        lookahead = null;
        return o;
    }

    private Object peek(ReadAhead.Task t) throws IOException {
        if (lookahead == null) {
            try {
                lookahead = t.out.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while reading " + t.input.name());
            }
        }
        return lookahead;
    }

    @Override
    public void release(FlowBatch b) {
        if (ahead != null) {
            ahead.release(b);
        } else if (b.capacity() == FlowBatch.DEFAULT_CAPACITY) {
            spare.offer(b);
        }
    }

    private void startFile(FlowInputs.InputFile f) {
        currentFile = f;
        currentIndex = names.size();
        names.add(f.name());
        fileProblems = new Problems(f.name(), options.errorPolicy(), options.maxExamples());
        fileLines = 0;
        fileRecords = 0;
        lateHeaders.clear();
        window = new TimeWindow();
        leftOut = 0;
        duplicateUids = 0;
        seqFree = FlowBatch.DEFAULT_CAPACITY;
        LogFormat fmt = f.format();
        zeek = fmt == LogFormat.ZEEK_CONN_TSV || fmt == LogFormat.ZEEK_CONN_JSON;
        split = fmt == LogFormat.ARGUS_BINETFLOW;
        extraColumns = List.of();
    }

    /** Replays the current task's recorded problems up to file line {@code upTo} (all: Long.MAX_VALUE). */
    private void replay(ReadAhead.Task t, long upTo) throws IOException {
        Problems p = t.problems;
        if (p == null) {
            return;
        }
        List<Problems.Event> ev = p.events();
        while (eventPos < ev.size() && ev.get(eventPos).line() + lineShift <= upTo) {
            fileProblems.replay(ev.get(eventPos++), lineShift);
        }
    }

    private void endTask(ReadAhead.Task t) throws IOException {
        replay(t, Long.MAX_VALUE);
        if (t.failure != null) {
            Throwable f = t.failure;
            if (f instanceof MalformedRecordException m && lineShift != 0 && m.line() > 0) {
                throw new MalformedRecordException(m.file(), m.line() + lineShift, m.reason());
            }
            WorkerFailure.rethrow(f);
        }
        extraColumns = t.extraColumns;
        fileRecords += t.records;
        fileLines += t.first ? t.lines : t.lines - t.headLines;
        lateHeaders.addAll(t.late);
        task = null;
        if (!t.late.isEmpty() && !t.last) {
            // a second header block: the ranges after this one were read with the first header
            int i = taskIndex + 1;
            while (i < ahead.size() && !ahead.task(i).first) {
                ahead.task(i).cancelled = true;
                i++;
            }
            java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
            ReadAhead.Task after = ahead.task(taskIndex + 1); // a range of the same file: has the head block
            head.write(after.head, 0, after.head.length);
            int headLines = after.headLines;
            for (byte[] l : lateHeaders) {
                head.write(l, 0, l.length);
                head.write('\n');
                headLines++;
            }
            ahead.done(taskIndex);
            taskIndex = i;
            task = ahead.rereadRest(currentFile, t.rangeEnd, head.toByteArray(), headLines);
            eventPos = 0;
            lineShift = fileLines - headLines;
            return;
        }
        if (t.ranged() && t.end == Long.MAX_VALUE) {
            // the re-read rest of a file: not one of the planned tasks
            finishFile();
            return;
        }
        ahead.done(taskIndex++);
        if (t.last) {
            finishFile();
        }
    }

    private void finishFile() {
        reports.add(fileReport(currentFile, fileRecords, fileProblems));
    }

    private FileReport fileReport(FlowInputs.InputFile f, long records, Problems p) {
        List<String> notes = duplicateUids == 0 ? List.of() : List.of(duplicateNote(duplicateUids));
        return new FileReport(f.name(), f.format(), records - leftOut, p.skipped(), p.examples(),
                p.truncation() != null, notes);
    }

    /**
     * Drops rows [from, to) with an absurd time (reported under the error policy) or a uid seen
     * before (counted), compacting the batch; returns its new size.
     */
    private int check(FlowBatch b, int from, int to) throws IOException {
        int out = from + check(b, from, to, from);
        if (out != to) {
            b.truncate(out);
        }
        return out;
    }

    /** Checks rows [from, to), moving the kept ones to {@code at} onwards; returns how many were kept. */
    private int check(FlowBatch b, int from, int to, int at) throws IOException {
        TimeWindow w = window;
        if (!w.started()) {
            w.start(b, from, to);
        }
        final long[] ts = b.ts;
        final boolean dedupe = zeek && !uidsDeferred;
        if (dedupe && uids == null) {
            uids = newUidSet();
        }
        int out = at;
        for (int i = from; i < to; i++) {
            if (dedupe && (i - from) % UidSet.WARM_BLOCK == 0) {
                uids.warm(b.uidLo, i, Math.min(to, i + UidSet.WARM_BLOCK));
            }
            long t = ts[i];
            if ((t < w.lo || t > w.hi) && TimeWindow.hasAddresses(b, i)) {
                String why = w.check(t);
                if (why != null) {
                    (ahead != null ? fileProblems : current.problems()).malformed(b.line[i], why);
                    leftOut++;
                    continue;
                }
            }
            if (dedupe && seenBefore(b, i)) {
                duplicateUids++;
                leftOut++;
                continue;
            }
            if (out != i) {
                b.moveRow(i, out);
            }
            out++;
        }
        return out - at;
    }

    /** Bytes of a plain connection log per row, for {@link #estimatedRows()} (a Zeek TSV row is 130-250). */
    private static final long BYTES_PER_ROW = 130;
    /** How much larger a compressed log is when decompressed, for {@link #estimatedRows()}. */
    private static final long COMPRESSION_RATIO = 8;

    @Override
    public long estimatedRows() {
        long rows = 0;
        for (FlowInputs.InputFile f : files) {
            if (f.path() == null) {
                return -1;
            }
            long size;
            try {
                size = java.nio.file.Files.size(f.path());
            } catch (IOException e) {
                return -1;
            }
            boolean compressed = f.compression() != null || f.entry() != null;
            rows += size / BYTES_PER_ROW * (compressed ? COMPRESSION_RATIO : 1);
        }
        return rows;
    }

    /**
     * A uid set sized for three quarters of {@link #estimatedRows()} (a row of Zeek's conn.log
     * takes 130 bytes or more, 150-250 in real logs), so it seldom grows while reading: growing a
     * table of millions of uids rehashes it, about a tenth of the reading thread's time.
     */
    private UidSet newUidSet() {
        long rows = estimatedRows();
        return rows > 0 ? UidSet.forRows(rows / 4 * 3) : new UidSet();
    }

    @Override
    public boolean leaveDuplicatesToCaller() {
        uidsDeferred = true;
        return true;
    }

    @Override
    public void duplicatesFound(long[] perFile) {
        for (int f = 0; f < Math.min(perFile.length, reports.size()); f++) {
            long d = perFile[f];
            if (d > 0) {
                FileReport r = reports.get(f);
                List<String> notes = new ArrayList<>(r.notes());
                notes.add(duplicateNote(d));
                reports.set(f, new FileReport(r.file(), r.format(), r.recordsRead() - d, r.recordsSkipped(),
                        r.examples(), r.truncated(), notes));
            }
        }
    }

    private static String duplicateNote(long duplicates) {
        return String.format(java.util.Locale.ROOT, "%,d connection%s with a uid seen before (logged twice): counted once",
                duplicates, duplicates == 1 ? "" : "s");
    }

    /**
     * With the uid check left to the caller: gives rows of Zeek connection logs their uid hash
     * (from the text when the reader gave only that) and clears it on other rows (which are never
     * checked), after the name join has read it.
     */
    private void leaveUnchecked(FlowBatch b, int from, int to) {
        if (!uidsDeferred) {
            return;
        }
        for (int i = from; i < to; i++) {
            if (!zeek) {
                b.uidHi[i] = 0;
                b.uidLo[i] = 0;
            } else {
                hashUid(b, i);
            }
        }
    }

    /**
     * Gives row i its uid hash from the uid text when the reader gave only the text; returns
     * whether the row has a uid.
     */
    private boolean hashUid(FlowBatch b, int i) {
        if (b.uidLo[i] != 0 || b.uidHi[i] != 0) {
            return true;
        }
        String u = b.uid[i];
        if (u == null) {
            return false;
        }
        UidHash.of(u, uidHash);
        b.uidHi[i] = uidHash[0];
        b.uidLo[i] = uidHash[1];
        return true;
    }

    /**
     * Whether row i's uid was seen before (adding it otherwise); false without a uid. A row whose
     * reader gave only the uid text gets its hash columns here.
     */
    private boolean seenBefore(FlowBatch b, int i) {
        return hashUid(b, i) && !uids.add(b.uidLo[i]);
    }

    private boolean openNext() throws IOException {
        if (next >= files.size()) {
            return false;
        }
        currentFile = files.get(next++);
        currentIndex = names.size();
        names.add(currentFile.name());
        Decompression.Opened o = currentFile.open();
        currentIn = o.in();
        try {
            current = FlowInputs.reader(currentFile, options, currentIn, o.compression());
        } catch (IOException | RuntimeException e) {
            currentIn.close();
            currentIn = null;
            throw e;
        }
        extraColumns = current.extraColumns();
        window = new TimeWindow();
        leftOut = 0;
        duplicateUids = 0;
        LogFormat f = currentFile.format();
        zeek = f == LogFormat.ZEEK_CONN_TSV || f == LogFormat.ZEEK_CONN_JSON;
        split = f == LogFormat.ARGUS_BINETFLOW;
        return true;
    }

    private void finishCurrent() throws IOException {
        reports.add(fileReport(currentFile, current.recordsRead(), current.problems()));
        closeCurrent();
    }

    private void closeCurrent() throws IOException {
        try {
            if (current != null) {
                current.close();
            }
        } finally {
            current = null;
            if (currentIn != null) {
                currentIn.close();
                currentIn = null;
            }
        }
    }

    @Override
    public List<FileReport> reports() {
        return Collections.unmodifiableList(reports);
    }

    /** Companion logs first (read during open), then flow files as they are opened. */
    @Override
    public List<String> files() {
        return Collections.unmodifiableList(names);
    }

    @Override
    public List<String> extraColumns() {
        return extraColumns;
    }

    @Override
    public DnsNames dnsNames() {
        return dns;
    }

    @Override
    public ClientSignatures clientSignatures() {
        return clients;
    }

    /** The client facts the companion logs gave (set once, before reading). */
    MultiFileSource withClientSignatures(ClientSignatures c) {
        this.clients = c;
        return this;
    }

    @Override
    public void close() throws IOException {
        if (ahead != null) {
            ahead.close();
        }
        closeCurrent();
    }
}
