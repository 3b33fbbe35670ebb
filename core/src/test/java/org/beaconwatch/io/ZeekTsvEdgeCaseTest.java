package org.beaconwatch.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.beaconwatch.flow.Flow;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.flow.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Zeek TSV details: header blocks, escapes, unset values, IPv6, bad rows and the error policy. */
class ZeekTsvEdgeCaseTest {
    @TempDir
    Path tmp;

    @Test
    void secondHeaderBlockChangesTheColumnMapping() throws IOException {
        TestData.Result r = TestData.readAll(TestData.fixture("conn-two-blocks.log"));
        assertThat(r.flows()).hasSize(4);
        Flow a = r.flows().get(0);
        assertThat(a.tsMicros()).isEqualTo(1_700_000_000_000_001L);
        assertThat(a.durationMicros()).isEqualTo(1_500_000L);
        assertThat(a.origBytes()).isEqualTo(100);
        assertThat(a.respBytes()).isEqualTo(2000);
        assertThat(a.connState()).isEqualTo("SF");
        Flow v6 = r.flows().get(1);
        assertThat(v6.tsMicros()).isEqualTo(1_700_000_001_250_000L);
        assertThat(v6.src()).isEqualTo(IpAddress.parse("2001:db8::1"));
        assertThat(v6.src().isV4()).isFalse();
        assertThat(v6.durationMicros()).isEqualTo(Flow.UNSET);
        assertThat(v6.origBytes()).isEqualTo(Flow.UNSET);
        assertThat(v6.proto()).isEqualTo(Protocol.UDP);
        Flow esc = r.flows().get(2);
        assertThat(esc.service()).isEqualTo("we\tird\\name");
        assertThat(esc.connState()).isNull();
        assertThat(esc.origPkts()).isEqualTo(Flow.UNSET);
        assertThat(esc.durationMicros()).isEqualTo(1);
        Flow second = r.flows().get(3);
        assertThat(second.uid()).isNull();
        assertThat(second.dstPort()).isEqualTo(6667);
        assertThat(second.label()).isEqualTo("Malicious");
        assertThat(second.detailedLabel()).isEqualTo("C&C");
        assertThat(second.tsMicros()).isEqualTo(1_700_000_100_500_000L);
    }

    @Test
    void badRowsAreSkippedCountedAndExplained() throws IOException {
        Path f = TestData.fixture("conn-bad-rows.log");
        TestData.Result r = TestData.readAll(f);
        assertThat(r.flows()).hasSize(2);
        FileReport rep = r.reports().get(0);
        assertThat(rep.recordsRead()).isEqualTo(2);
        assertThat(rep.recordsSkipped()).isEqualTo(3);
        assertThat(rep.examples()).containsExactly(
                f + ":10: expected 14 tab-separated fields, found 7",
                f + ":11: bad number in orig_bytes: 'abc'",
                f + ":12: bad address in id.orig_h: '300.1.1.1'");
    }

    @Test
    void failPolicyStopsAtTheFirstBadRow() {
        Path f = TestData.fixture("conn-bad-rows.log");
        assertThatThrownBy(() -> TestData.readAll(ReadOptions.defaults().withErrorPolicy(ErrorPolicy.FAIL), f))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessage(f + ":10: expected 14 tab-separated fields, found 7")
                .satisfies(e -> assertThat(((MalformedRecordException) e).line()).isEqualTo(10));
    }

    @Test
    void examplesAreCappedButEveryBadRowIsCounted() throws IOException {
        Path f = TestData.fixture("conn-bad-rows.log");
        ReadOptions o = new ReadOptions(ErrorPolicy.SKIP, java.util.Map.of(), 1, ReadOptions.DEFAULT_MAX_LINE_BYTES);
        FileReport rep = TestData.readAll(o, f).reports().get(0);
        assertThat(rep.recordsSkipped()).isEqualTo(3);
        assertThat(rep.examples()).hasSize(1);
    }

    @Test
    void lineLongerThanTheLimitIsAMalformedRecord() throws IOException {
        StringBuilder sb = new StringBuilder("#separator \\x09\n#fields\tts\tid.orig_h\tid.resp_h\n");
        sb.append("1.0\t10.0.0.1\t10.0.0.2\n");
        sb.append("2.0\t10.0.0.1\t").append("x".repeat(2 << 20)).append('\n');
        sb.append("3.0\t10.0.0.1\t10.0.0.3\n");
        Path f = TestData.write(tmp, "long.log", sb.toString());
        TestData.Result r = TestData.readAll(f);
        assertThat(r.flows()).extracting(Flow::tsMicros).containsExactly(1_000_000L, 3_000_000L);
        assertThat(r.reports().get(0).examples()).containsExactly(f + ":4: line longer than 1 MiB");
    }

    @Test
    void zeekLogWithoutFieldsLineIsRejected() {
        Path f = TestData.write(tmp, "nofields.log", "#separator \\x09\n#path\tconn\n1.0\tCx\t10.0.0.1\n");
        assertThatThrownBy(() -> TestData.readAll(f)).isInstanceOf(MalformedRecordException.class)
                .hasMessage(f + ": Zeek log without #fields line");
    }

    @Test
    void headerOnlyLogHasNoRecordsAndNoError() throws IOException {
        Path f = TestData.write(tmp, "conn.log", "#separator \\x09\n#path\tconn\n#fields\tts\tid.orig_h\n#close\tx\n");
        TestData.Result r = TestData.readAll(f);
        assertThat(r.flows()).isEmpty();
        assertThat(r.reports().get(0).recordsRead()).isZero();
    }

    @Test
    void crlfLineEndingsAndMissingFinalNewline() throws IOException {
        Path f = TestData.write(tmp, "crlf.log",
                "#separator \\x09\r\n#fields\tts\tid.orig_h\tconn_state\r\n1.5\t10.0.0.1\tSF\r\n2.5\t10.0.0.2\tS0");
        TestData.Result r = TestData.readAll(f);
        assertThat(r.flows()).extracting(Flow::connState).containsExactly("SF", "S0");
    }
}
