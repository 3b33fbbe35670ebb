package org.beaconwatch.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.beaconwatch.io.spi.Problems;

/**
 * The files of one read in reading order, as named to the user, and the report of each file read
 * to its end: companion logs first (read during open), then flow files as they are opened and
 * finished. A flow file's report counts the records its reader parsed less the rows the checks
 * left out, and notes the connections logged twice, whether the source or its caller found them.
 */
final class FileReports {
    private final List<FileReport> reports;
    private final List<String> names = new ArrayList<>();

    FileReports(List<FileReport> companionReports) {
        this.reports = new ArrayList<>(companionReports);
        for (FileReport r : companionReports) {
            names.add(r.file());
        }
    }

    /** Names a file being opened; returns its index ({@code FlowBatch.file}). */
    int opened(String name) {
        int index = names.size();
        names.add(name);
        return index;
    }

    /**
     * Adds the report of file {@code f}, read to its end: {@code records} parsed, of which
     * {@code leftOut} the checks dropped ({@code duplicateUids} of them as logged twice), with the
     * problems {@code p} met under the error policy.
     */
    void finished(FlowInputs.InputFile f, long records, Problems p, long leftOut, long duplicateUids) {
        List<String> notes = duplicateUids == 0 ? List.of() : List.of(duplicateNote(duplicateUids));
        reports.add(new FileReport(f.name(), f.format(), records - leftOut, p.skipped(), p.examples(),
                p.truncation() != null, notes));
    }

    /** The connections the caller dropped as logged twice, per file index: counted as if found here. */
    void duplicatesFound(long[] perFile) {
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
        return String.format(Locale.ROOT, "%,d connection%s with a uid seen before (logged twice): counted once",
                duplicates, duplicates == 1 ? "" : "s");
    }

    /** The reports so far (a live, read-only view). */
    List<FileReport> reports() {
        return Collections.unmodifiableList(reports);
    }

    /** The file names so far (a live, read-only view). */
    List<String> names() {
        return Collections.unmodifiableList(names);
    }
}
