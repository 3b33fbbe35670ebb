package org.beaconwatch.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.io.spi.Problems;
import org.beaconwatch.io.spi.ServerNames;

/**
 * Hands on the batches {@link ReadAhead}'s workers parsed, in task order, as a sequential read
 * would have made them: line numbers moved to the file's numbering, each task's recorded problems
 * replayed under the error policy where a sequential read meets them, rows checked
 * ({@link RowChecks}) and joined with companion names in reading order, and a file's report
 * added after its last task. A range that found a second header block has the rest of its file
 * read again with that header.
 */
final class ReadAheadHandOff {
    private final ReadAhead ahead;
    private final ReadOptions options;
    private final ServerNames serverNames;
    private final RowChecks checks;
    private final FileReports reports;
    private int taskIndex;
    private ParseTask task;
    private Object lookahead;        // the current task's next item, taken from its queue by peek
    private FlowInputs.InputFile currentFile;
    private int currentIndex;
    private boolean split;
    private List<String> extraColumns = List.of();
    private Problems fileProblems;   // the current file's problems, under the user's policy
    private long fileLines;          // lines of the current file before the current task
    private long fileRecords;        // records parsed from the current file so far
    private long lineShift;          // added to the current task's line numbers
    private int eventPos;            // next recorded problem of the current task to replay
    private int seqFree;             // room left in the batch a sequential read would be filling
    private final List<byte[]> lateHeaders = new ArrayList<>();

    ReadAheadHandOff(ReadAhead ahead, ReadOptions options, ServerNames serverNames, RowChecks checks,
                     FileReports reports) {
        this.ahead = ahead;
        this.options = options;
        this.serverNames = serverNames;
        this.checks = checks;
        this.reports = reports;
    }

    /**
     * The next checked batch, owned by the caller until {@link #release}; null when every task is
     * done.
     */
    FlowBatch next() throws IOException {
        while (true) {
            if (task == null) {
                if (taskIndex >= ahead.size()) {
                    return null;
                }
                ParseTask t = ahead.task(taskIndex);
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
            ParseTask t = task;
            Object o = take(t);
            if (o == ParseTask.END) {
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
            boolean endOfFile = t.last && peek(t) == ParseTask.END;
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
                int kept = checks.check(b, from, to, out, fileProblems);
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
            checks.leaveUnchecked(b, 0, out);
            Arrays.fill(b.file, 0, out, currentIndex);
            if (out == 0) {
                release(b);
                continue;
            }
            extraColumns = t.extraColumns;
            return b;
        }
    }

    /** Extra columns of the file being read. */
    List<String> extraColumns() {
        return extraColumns;
    }

    /** Hands back a batch from {@link #next} for the workers to reuse. */
    void release(FlowBatch b) {
        ahead.release(b);
    }

    /** Every row has been read: drops the parsed batches waiting for reuse. */
    void dropPool() {
        ahead.dropPool();
    }

    /** Stops the workers. */
    void close() {
        ahead.close();
    }

    private Object take(ParseTask t) throws IOException {
        Object o = peek(t);
        lookahead = null;
        return o;
    }

    private Object peek(ParseTask t) throws IOException {
        if (lookahead == null) {
            try {
                lookahead = t.out.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading " + t.input.name());
            }
        }
        return lookahead;
    }

    private void startFile(FlowInputs.InputFile f) {
        currentFile = f;
        currentIndex = reports.opened(f.name());
        fileProblems = new Problems(f.name(), options.errorPolicy(), options.maxExamples());
        fileLines = 0;
        fileRecords = 0;
        lateHeaders.clear();
        checks.startFile(f.format());
        seqFree = FlowBatch.DEFAULT_CAPACITY;
        split = f.format() == LogFormat.ARGUS_BINETFLOW;
        extraColumns = List.of();
    }

    /** Replays the current task's recorded problems up to file line {@code upTo} (all: Long.MAX_VALUE). */
    private void replay(ParseTask t, long upTo) throws IOException {
        Problems p = t.problems;
        if (p == null) {
            return;
        }
        List<Problems.Event> ev = p.events();
        while (eventPos < ev.size() && ev.get(eventPos).line() + lineShift <= upTo) {
            fileProblems.replay(ev.get(eventPos++), lineShift);
        }
    }

    private void endTask(ParseTask t) throws IOException {
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
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            ParseTask after = ahead.task(taskIndex + 1); // a range of the same file: has the head block
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
        reports.finished(currentFile, fileRecords, fileProblems, checks.leftOut(), checks.duplicateUids());
    }
}
