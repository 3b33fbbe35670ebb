package org.beaconwatch.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.io.spi.DnsIndex;
import org.beaconwatch.io.spi.FormatReader;
import org.beaconwatch.io.spi.ServerNames;

/**
 * Streams the flow files one after another. A batch never spans two files (so its extra columns
 * are those of one format); companion names are joined by uid as rows arrive.
 *
 * <p>Rows are checked as they arrive, before anyone sees them ({@link RowChecks}): a time far
 * outside the bulk of its file ({@link TimeWindow}) is a malformed record under the error policy,
 * and a Zeek connection whose uid was seen before (in this file or an earlier one) is counted
 * once, with a note in the file's report ({@link FileReports}). Argus has no uid; its batches say
 * that the sensor splits connections into several records ({@link FlowBatch#splitRecords()}).
 *
 * <p>With one reader the files are parsed here, on the caller's thread; with more, workers parse
 * ahead ({@link ReadAhead}) and {@link ReadAheadHandOff} checks their batches in reading order, so
 * the rows are the same.
 */
final class MultiFileSource implements FlowSource {
    private final List<FlowInputs.InputFile> files;
    private final ReadOptions options;
    private final ServerNames serverNames;
    private final DnsIndex dns;
    private final FileReports reports;
    private final RowChecks checks;
    private int currentIndex;
    private int next;
    private FlowInputs.InputFile currentFile;
    private FormatReader current;
    private InputStream currentIn;
    private List<String> extraColumns = List.of();
    private boolean split;

    // parsing ahead on worker threads (null: this thread parses, one file after another)
    private final ReadAheadHandOff ahead;
    private ClientSignatures clients = new ClientSignatures();
    private FlowBatch pending;       // read(batch) in parallel mode: rows not yet copied out
    private int pendingPos;
    private final ConcurrentLinkedQueue<FlowBatch> spare = new ConcurrentLinkedQueue<>();

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
        ReadAhead workers = readers > 1 && !files.isEmpty() ? new ReadAhead(files, options, readers, rangeBytes) : null;
        this.files = files;
        this.options = options;
        this.serverNames = serverNames;
        this.dns = dns;
        this.reports = new FileReports(companionReports);
        this.checks = new RowChecks(files);
        this.ahead = workers == null ? null : new ReadAheadHandOff(workers, options, serverNames, checks, reports);
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
            int after = checks.check(batch, before, batch.size(), current.problems());
            serverNames.join(batch, before, after);
            checks.leaveUnchecked(batch, before, after);
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
     * workers parsed, checked in reading order by {@link ReadAheadHandOff} (time window, uids seen
     * before, companion names, recorded problems replayed under the error policy), so the rows
     * equal those of {@link #read}.
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
        FlowBatch b = ahead.next();
        if (b == null) {
            exhausted();
        }
        return b;
    }

    /**
     * Every row has been read: frees what only reading needed (the uids seen, hundreds of MB for
     * tens of millions of connections; the parsed batches waiting for reuse) while the caller
     * goes on to score with the source still open.
     */
    private void exhausted() {
        checks.dropUids();
        spare.clear();
        if (ahead != null) {
            ahead.dropPool();
        }
    }

    @Override
    public void release(FlowBatch b) {
        if (ahead != null) {
            ahead.release(b);
        } else if (b.capacity() == FlowBatch.DEFAULT_CAPACITY) {
            spare.offer(b);
        }
    }

    @Override
    public long estimatedRows() {
        return RowEstimate.of(files);
    }

    @Override
    public boolean leaveDuplicatesToCaller() {
        checks.leaveDuplicatesToCaller();
        return true;
    }

    @Override
    public void duplicatesFound(long[] perFile) {
        reports.duplicatesFound(perFile);
    }

    private boolean openNext() throws IOException {
        if (next >= files.size()) {
            return false;
        }
        currentFile = files.get(next++);
        currentIndex = reports.opened(currentFile.name());
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
        checks.startFile(currentFile.format());
        split = currentFile.format() == LogFormat.ARGUS_BINETFLOW;
        return true;
    }

    private void finishCurrent() throws IOException {
        reports.finished(currentFile, current.recordsRead(), current.problems(), checks.leftOut(),
                checks.duplicateUids());
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
        return reports.reports();
    }

    /** Companion logs first (read during open), then flow files as they are opened. */
    @Override
    public List<String> files() {
        return reports.names();
    }

    @Override
    public List<String> extraColumns() {
        return ahead != null ? ahead.extraColumns() : extraColumns;
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
