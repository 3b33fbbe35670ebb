package org.beaconwatch.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.io.spi.DnsIndex;
import org.beaconwatch.io.spi.FormatReader;
import org.beaconwatch.io.spi.ServerNames;

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
    private final UidSet uids = new UidSet();
    private TimeWindow window;
    private long leftOut;          // rows of the current file the reader counted but we dropped
    private long duplicateUids;    // of the current file
    private boolean zeek;
    private boolean split;

    MultiFileSource(List<FlowInputs.InputFile> files, ReadOptions options, ServerNames serverNames, DnsIndex dns,
                    List<FileReport> companionReports) {
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
        while (true) {
            if (current == null && !openNext()) {
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

    /**
     * Drops rows [from, to) with an absurd time (reported under the error policy) or a uid seen
     * before (counted), compacting the batch; returns its new size.
     */
    private int check(FlowBatch b, int from, int to) throws IOException {
        TimeWindow w = window;
        if (!w.started()) {
            w.start(b, from, to);
        }
        final long[] ts = b.ts;
        final String[] uid = b.uid;
        final boolean dedupe = zeek;
        int out = from;
        for (int i = from; i < to; i++) {
            long t = ts[i];
            if ((t < w.lo || t > w.hi) && TimeWindow.hasAddresses(b, i)) {
                String why = w.check(t);
                if (why != null) {
                    current.problems().malformed(b.line[i], why);
                    leftOut++;
                    continue;
                }
            }
            if (dedupe && uid[i] != null && !uids.add(uid[i])) {
                duplicateUids++;
                leftOut++;
                continue;
            }
            if (out != i) {
                b.moveRow(i, out);
            }
            out++;
        }
        if (out != to) {
            b.truncate(out);
        }
        return out;
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
        List<String> notes = duplicateUids == 0 ? List.of() : List.of(String.format(java.util.Locale.ROOT,
                "%,d connection%s with a uid seen before (logged twice): counted once", duplicateUids,
                duplicateUids == 1 ? "" : "s"));
        reports.add(new FileReport(currentFile.name(), currentFile.format(), current.recordsRead() - leftOut,
                current.problems().skipped(), current.problems().examples(), current.problems().truncation() != null,
                notes));
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
    public void close() throws IOException {
        closeCurrent();
    }
}
