package org.beaconwatch.io.spi;

import java.util.ArrayList;
import java.util.List;
import org.beaconwatch.io.ErrorPolicy;
import org.beaconwatch.io.MalformedRecordException;

/**
 * Applies the {@link ErrorPolicy} to malformed records of one file: throws at the first one under
 * FAIL, otherwise counts them and keeps the first few "file:line: reason" examples. Also records
 * whether the file ended early (truncated compressed stream).
 */
public final class Problems {
    private final String file;
    private final ErrorPolicy policy;
    private final int maxExamples;
    private final List<String> examples = new ArrayList<>();
    private long skipped;
    private String truncation;
    /** Recording mode (a worker parsing part of a file): events kept raw, replayed in order later. */
    private final List<Event> recorded;

    /** One malformed record or truncation, as a worker saw it (line relative to its part). */
    public record Event(long line, String reason, boolean truncation) {
    }

    public Problems(String file, ErrorPolicy policy, int maxExamples) {
        this.file = file;
        this.policy = policy;
        this.maxExamples = maxExamples;
        this.recorded = null;
    }

    private Problems(String file) {
        this.file = file;
        this.policy = ErrorPolicy.SKIP;
        this.maxExamples = 0;
        this.recorded = new ArrayList<>();
    }

    /**
     * Problems of a part of a file parsed on a worker thread: never throws, keeps every event for
     * {@link #replay} into the file's own problems, in line order, by the thread that owns them.
     */
    public static Problems recording(String file) {
        return new Problems(file);
    }

    /** The recorded events (recording mode), in the order they happened. */
    public List<Event> events() {
        return recorded == null ? List.of() : recorded;
    }

    /** Applies one recorded event with its line moved by {@code lineShift}. */
    public void replay(Event e, long lineShift) throws MalformedRecordException {
        if (e.truncation()) {
            truncated(e.line() + lineShift, e.reason());
        } else {
            malformed(e.line() + lineShift, e.reason());
        }
    }

    /** The file as the user named it. */
    public String file() {
        return file;
    }

    /**
     * A malformed record at {@code line}: throws under FAIL, else counts it.
     *
     * @throws MalformedRecordException under {@link ErrorPolicy#FAIL}
     */
    public void malformed(long line, String reason) throws MalformedRecordException {
        if (recorded != null) {
            recorded.add(new Event(line, reason, false));
            return;
        }
        if (policy == ErrorPolicy.FAIL) {
            throw new MalformedRecordException(file, line, reason);
        }
        skipped++;
        if (examples.size() < maxExamples) {
            examples.add(file + ":" + line + ": " + reason);
        }
    }

    /**
     * Marks the file as ending early after {@code line}, the last good line; the records before
     * it are kept.
     *
     * @throws MalformedRecordException under {@link ErrorPolicy#FAIL}
     */
    public void truncated(long line, String reason) throws MalformedRecordException {
        if (recorded != null) {
            recorded.add(new Event(line, reason, true));
            return;
        }
        if (policy == ErrorPolicy.FAIL) {
            throw new MalformedRecordException(file, line, reason);
        }
        if (truncation == null) {
            truncation = reason;
            String ex = line > 0 ? file + ":" + line + ": " + reason + " (records up to this line kept)"
                    : file + ": " + reason;
            if (examples.size() < maxExamples) {
                examples.add(ex);
            } else {
                examples.set(examples.size() - 1, ex);
            }
        }
    }

    public long skipped() {
        return skipped;
    }

    public List<String> examples() {
        return examples;
    }

    /** Why the file ended early, or null when it was read to its end. */
    public String truncation() {
        return truncation;
    }
}
