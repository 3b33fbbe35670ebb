package org.beaconwatch.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Map;
import org.beaconwatch.io.ErrorPolicy;
import org.beaconwatch.io.ReadOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing of every reader with Jazzer: its bytes go through the same oracle as the
 * seeded fuzzer ({@link ReaderFuzzer#check}). The last byte of an input chooses the read options
 * (see {@link #options}), the bytes before it are the log file.
 *
 * <p>In the normal build ({@code ./mvnw -q verify}) Jazzer runs each method in regression mode: on
 * the files in {@code src/test/resources/org/beaconwatch/fuzz/ReaderJazzerFuzzTestInputs/<method>/}
 * and an empty input, nothing else. To fuzz one reader for a bounded time (one method per run):
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -q -pl core test -Dtest=ReaderJazzerFuzzTest#zeekTsv -Djazzer.max_duration=3m
 * </pre>
 * ({@code -Djazzer.max_executions=N} bounds the runs instead). Jazzer keeps its growing corpus in
 * {@code core/.cifuzz-corpus/} and writes the input of a finding as {@code crash-<sha1>} into the
 * method's inputs directory; both are ignored by git. To keep a finding as a regression input,
 * minimise it, rename it to say what it pins and commit it next to a test that asserts the fixed
 * behaviour.
 */
class ReaderJazzerFuzzTest {
    private static ReaderFuzzer fuzzer;

    @BeforeAll
    static void start() {
        fuzzer = new ReaderFuzzer();
    }

    @AfterAll
    static void stop() {
        fuzzer.close();
    }

    /**
     * The options from one byte: bits 0-1 the error policy (0, 1 skip; 2 warn; 3 fail), bit 2 a small
     * maximum line length (64 << bits 4-5 bytes, else the default), bit 3 a batch of one row.
     */
    static ReadOptions options(byte b) {
        int policy = b & 3;
        ErrorPolicy p = policy < 2 ? ErrorPolicy.SKIP : policy == 2 ? ErrorPolicy.WARN : ErrorPolicy.FAIL;
        int maxLine = (b & 4) != 0 ? 64 << ((b >>> 4) & 3) : ReadOptions.DEFAULT_MAX_LINE_BYTES;
        return new ReadOptions(p, Map.of(), 3, maxLine);
    }

    private static void check(ReaderTarget t, FuzzedDataProvider data) {
        byte b = data.consumeByte(); // from the end of the input
        fuzzer.check(t, data.consumeRemainingAsBytes(), options(b), (b & 8) != 0 ? 1 : 64);
    }

    @FuzzTest(maxDuration = "2m")
    void zeekTsv(FuzzedDataProvider data) {
        check(ReaderTarget.ZEEK_TSV, data);
    }

    @FuzzTest(maxDuration = "2m")
    void zeekJson(FuzzedDataProvider data) {
        check(ReaderTarget.ZEEK_JSON, data);
    }

    @FuzzTest(maxDuration = "2m")
    void binetflow(FuzzedDataProvider data) {
        check(ReaderTarget.BINETFLOW, data);
    }

    @FuzzTest(maxDuration = "2m")
    void csvBeaconEvents(FuzzedDataProvider data) {
        check(ReaderTarget.CSV_BEACON_EVENTS, data);
    }

    @FuzzTest(maxDuration = "2m")
    void csvNslKdd(FuzzedDataProvider data) {
        check(ReaderTarget.CSV_NSL_KDD, data);
    }

    @FuzzTest(maxDuration = "2m")
    void csvFlows(FuzzedDataProvider data) {
        check(ReaderTarget.CSV_FLOWS, data);
    }

    @FuzzTest(maxDuration = "2m")
    void zeekSsl(FuzzedDataProvider data) {
        check(ReaderTarget.ZEEK_SSL, data);
    }

    @FuzzTest(maxDuration = "2m")
    void zeekHttp(FuzzedDataProvider data) {
        check(ReaderTarget.ZEEK_HTTP, data);
    }

    @FuzzTest(maxDuration = "2m")
    void zeekDns(FuzzedDataProvider data) {
        check(ReaderTarget.ZEEK_DNS, data);
    }
}
