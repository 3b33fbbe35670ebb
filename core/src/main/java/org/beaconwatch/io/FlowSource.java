package org.beaconwatch.io;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import org.beaconwatch.flow.FlowBatch;

/**
 * A stream of flows from one or many inputs, read in batches in constant memory.
 *
 * <p>Usage: {@code try (FlowSource s = FlowInputs.open(paths, options)) { FlowBatch b = new FlowBatch();
 * while (s.read(b)) { ... } }}.
 */
public interface FlowSource extends Closeable {

    /**
     * Clears {@code batch} and fills it with the next records (up to its capacity).
     *
     * @return false when the input is exhausted and nothing was added
     * @throws MalformedRecordException under {@link ErrorPolicy#FAIL}, or when a whole input is unreadable
     */
    boolean read(FlowBatch batch) throws IOException;

    /**
     * The next batch, owned by the source until handed back with {@link #release} (a source
     * parsing on several threads returns its own batches without copying them).
     *
     * @return the batch, or null when the input is exhausted
     */
    default FlowBatch next() throws IOException {
        FlowBatch b = new FlowBatch();
        return read(b) ? b : null;
    }

    /** Hands back a batch from {@link #next}; the source may reuse it. */
    default void release(FlowBatch batch) {
    }

    /** Per-file reports so far (complete after the source is exhausted), in reading order. */
    List<FileReport> reports();

    /**
     * The input files in reading order, as named to the user; {@code FlowBatch.file[i]} indexes
     * this list. Grows as the source opens files.
     */
    default List<String> files() {
        return reports().stream().map(FileReport::file).toList();
    }

    /**
     * A rough count of the rows the source holds, from the sizes of its files (a compressed file is
     * taken as eight times its size), for choosing how to process it; -1 when unknown. Never used
     * for a result.
     */
    default long estimatedRows() {
        return -1;
    }

    /**
     * Asks the source to leave the "logged twice" check (a Zeek connection whose uid was seen
     * before) to the caller, which then checks {@code FlowBatch.uidLo} itself (rows that must not be
     * checked come with no uid hash) and reports what it found with {@link #duplicatesFound}. Call
     * before the first row is read. The caller can then check rows in parts (by source host) instead
     * of holding every uid of the input at once.
     *
     * @return false when this source keeps checking itself (the default)
     */
    default boolean leaveDuplicatesToCaller() {
        return false;
    }

    /**
     * The connections the caller dropped as logged twice, per file index ({@code FlowBatch.file});
     * the files' reports count them as they would have had the source checked them.
     */
    default void duplicatesFound(long[] perFile) {
    }

    /** Names of extra columns carried by the flows (CSV profiles); empty for most formats. */
    default List<String> extraColumns() {
        return List.of();
    }

    /** Address-to-name index from the Zeek dns.log files among the inputs; empty by default. */
    default DnsNames dnsNames() {
        return DnsNames.empty();
    }

    /** Client facts (user agents, JA3, missing Host headers) from the ssl.log and http.log among the inputs. */
    default ClientSignatures clientSignatures() {
        return new ClientSignatures();
    }
}
