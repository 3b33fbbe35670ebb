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
            int before = batch.size();
            boolean more = current.fill(batch);
            int after = batch.size();
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

    private boolean openNext() throws IOException {
        if (next >= files.size()) {
            return false;
        }
        currentFile = files.get(next++);
        currentIndex = names.size();
        names.add(currentFile.name());
        Decompression.Opened o = Decompression.open(currentFile.path());
        currentIn = o.in();
        try {
            current = FlowInputs.reader(currentFile, options, currentIn, o.compression());
        } catch (IOException | RuntimeException e) {
            currentIn.close();
            currentIn = null;
            throw e;
        }
        extraColumns = current.extraColumns();
        return true;
    }

    private void finishCurrent() throws IOException {
        reports.add(new FileReport(currentFile.name(), currentFile.format(), current.recordsRead(),
                current.problems().skipped(), current.problems().examples(), current.problems().truncation() != null));
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
