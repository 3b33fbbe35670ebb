package org.beaconwatch.io.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.io.LogFormat;
import org.beaconwatch.io.MalformedRecordException;
import org.beaconwatch.io.spi.Bytes;
import org.beaconwatch.io.spi.FormatReader;
import org.beaconwatch.io.spi.GuardedInputStream;
import org.beaconwatch.io.spi.Problems;

/**
 * Reads CSV files with a header (FastCSV) into flows. Which column fills which field comes from
 * {@code ReadOptions.columnMap} ({@code ts=timestamp,src=src_ip,...}) or from a built-in profile
 * chosen by the header:
 * <ul>
 * <li>per-event beacon CSV: timestamp, src_ip, dst_ip, dst_port, protocol (-> proto when it is a
 * transport protocol, and always -> service), bytes_out, bytes_in, label;</li>
 * <li>NSL-KDD / KDD'99 (with header, {@code src_byts} or {@code src_bytes}, or header-less with 41
 * to 43 columns): duration, protocol_type, service, flag (-> conn_state), src/dst bytes, label; no
 * addresses or times (ts 0, src/dst NONE);</li>
 * <li>time,src,dst flow CSVs (LANL flows: time, duration, src_computer, src_port, dst_computer,
 * dst_port, protocol, ...): what matches is mapped; a src/dst value that is not an IP address
 * (LANL computer names such as C123) stays NONE and is kept as extra {@code src_name}/
 * {@code dst_name}; numeric protocols use IANA numbers (6 tcp, 17 udp, 1 icmp, 58 icmpv6);</li>
 * <li>the Featuretools LANL export ({@code secs,src_name,dest_name,src_host,dest_host,label}): secs ->
 * ts (seconds from the start), src_host/dest_host -> src/dst (computer names, so NONE, kept as
 * {@code src_host_name}/{@code dst_host_name}; the user columns src_name/dest_name stay as they are),
 * label A/N/N-A as is ({@code LabelClasses}: A malicious, N benign, N/A unknown).</li>
 * </ul>
 * Every column not mapped is kept as an extra column (empty values stay empty strings).
 * Timestamps: epoch seconds (decimal), {@code yyyy-MM-dd HH:mm:ss[.ffffff]} or ISO-8601 (UTC
 * unless an offset is given).
 * <p>This class runs the record loop (comments, bad records by the error policy, a truncated
 * stream); {@link CsvColumnMapping} maps the header to fields and {@link CsvRowDecoder} decodes
 * each record.
 */
public final class CsvFlowReader implements FormatReader {
    /** Field keys accepted in a column map. */
    public static final List<String> KEYS = CsvColumnMapping.KEYS;

    private final GuardedInputStream in;
    private final CsvReader<CsvRecord> csv;
    private final Iterator<CsvRecord> it;
    private final Problems problems;
    private final CsvColumnMapping mapping;
    private final CsvRowDecoder decoder;
    private CsvRecord pending;
    private long read;
    private long lastLine;
    private boolean done;

    /**
     * @param in        the decompressed stream
     * @param format    the detected CSV profile
     * @param columnMap our field name -> header name (used for {@link LogFormat#CSV_MAPPED})
     */
    public CsvFlowReader(InputStream in, String compression, LogFormat format, Map<String, String> columnMap,
                         Problems problems, int maxLineBytes) throws IOException {
        this.in = new GuardedInputStream(in, compression);
        this.problems = problems;
        this.csv = CsvReader.builder().extraFieldStrategy(FieldMismatchStrategy.IGNORE).missingFieldStrategy(FieldMismatchStrategy.IGNORE).skipEmptyLines(true)
                .detectBomHeader(true).maxBufferSize(Math.max(maxLineBytes, 1 << 16))
                .ofCsvRecord(this.in, StandardCharsets.UTF_8);
        this.it = csv.iterator();
        CsvRecord first = nextRecord();
        if (first == null) {
            throw new MalformedRecordException(problems.file(), 0, "empty file");
        }
        mapping = new CsvColumnMapping(CsvColumnMapping.trimmed(first.getFields()), format, columnMap, problems.file());
        if (mapping.headerless) {
            pending = first; // header-less: the first line is a record
        }
        decoder = new CsvRowDecoder(mapping, format);
    }

    @Override
    public List<String> extraColumns() {
        return mapping.extraNames;
    }

    @Override
    public long recordsRead() {
        return read;
    }

    @Override
    public Problems problems() {
        return problems;
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }

    private CsvRecord nextRecord() throws IOException {
        try {
            return it.hasNext() ? it.next() : null;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (CsvParseException e) {
            String msg = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            problems.malformed(lastLine + 1, "CSV parse error, rest of file not read: " + Bytes.abbreviate(String.valueOf(msg)));
            return null;
        }
    }

    @Override
    public boolean fill(FlowBatch batch) throws IOException {
        while (!batch.isFull()) {
            CsvRecord r;
            if (pending != null) {
                r = pending;
                pending = null;
            } else {
                r = done ? null : nextRecord();
            }
            if (r == null) {
                done = true;
                if (in.truncation() != null) {
                    problems.truncated(lastLine, in.truncation());
                }
                return false;
            }
            lastLine = r.getStartingLineNumber();
            if (r.isComment()) {
                continue;
            }
            int i = batch.add();
            String why = decoder.row(batch, i, r);
            if (why != null) {
                batch.removeLast();
                problems.malformed(r.getStartingLineNumber(), why);
            } else {
                batch.line[i] = r.getStartingLineNumber();
                read++;
            }
        }
        return true;
    }
}
