package org.beaconwatch.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.beaconwatch.io.spi.Problems;
import org.junit.jupiter.api.Test;

/** The per-file reports a user reads in the warnings: counts, notes on connections logged twice, file order. */
class FileReportsTest {

    private static final FlowInputs.InputFile CONN =
            new FlowInputs.InputFile(Path.of("conn.log"), "conn.log", LogFormat.ZEEK_CONN_TSV, null);

    @Test
    void companionLogsComeFirstAndFlowFilesAreIndexedAfterThem() {
        FileReports r = new FileReports(List.of(new FileReport("dns.log", LogFormat.ZEEK_OTHER, 5, 0, List.of())));
        assertThat(r.opened("conn.log")).isEqualTo(1);
        assertThat(r.opened("conn.1.log")).isEqualTo(2);
        assertThat(r.names()).containsExactly("dns.log", "conn.log", "conn.1.log");
    }

    @Test
    void rowsLeftOutAreNotCountedAndConnectionsLoggedTwiceGetANote() throws Exception {
        FileReports r = new FileReports(List.of());
        r.opened(CONN.name());
        Problems p = new Problems(CONN.name(), ErrorPolicy.WARN, 5);
        p.malformed(14, "expected 23 tab-separated fields, found 3");
        r.finished(CONN, 100, p, 4, 1);
        FileReport report = r.reports().get(0);
        assertThat(report.recordsRead()).isEqualTo(96);
        assertThat(report.recordsSkipped()).isEqualTo(1);
        assertThat(report.notes()).containsExactly("1 connection with a uid seen before (logged twice): counted once");
    }

    @Test
    void duplicatesTheCallerFoundAreCountedAsIfFoundWhileReading() throws Exception {
        FileReports r = new FileReports(List.of(new FileReport("dns.log", LogFormat.ZEEK_OTHER, 5, 0, List.of())));
        r.opened(CONN.name());
        r.finished(CONN, 5_000, new Problems(CONN.name(), ErrorPolicy.WARN, 5), 0, 0);
        r.duplicatesFound(new long[] {0, 1_234});
        FileReport report = r.reports().get(1);
        assertThat(report.recordsRead()).isEqualTo(3_766);
        assertThat(report.notes()).containsExactly("1,234 connections with a uid seen before (logged twice): counted once");
        assertThat(r.reports().get(0).notes()).isEmpty();
    }
}
