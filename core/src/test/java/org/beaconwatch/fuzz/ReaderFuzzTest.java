package org.beaconwatch.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded structure-aware fuzzing of every reader (see {@link Mutator} and {@link ReaderFuzzer}).
 * The default run is short (a few hundred inputs per reader, inside {@code ./mvnw verify}); a long
 * run takes its size and seed from system properties:
 * {@code ./mvnw -q -pl core test -Dtest=ReaderFuzzTest -Dbeaconwatch.fuzz.iterations=200000
 * -Dbeaconwatch.fuzz.seed=1} and prints, per reader, the executions, the outcomes and the findings.
 * {@code -Dbeaconwatch.fuzz.only=N} replays iteration N alone. Real files are read from the shared
 * data folder when present; the small fixtures of {@link ReaderTarget} are used in any case.
 * {@link ReaderJazzerFuzzTest} drives the same checks with coverage guidance.
 */
class ReaderFuzzTest {
    private static final long SEED = Long.getLong("beaconwatch.fuzz.seed", 20240601L);
    private static final String ITERATIONS = System.getProperty("beaconwatch.fuzz.iterations");
    private static final long ONLY = Long.getLong("beaconwatch.fuzz.only", -1L);
    private static ReaderFuzzer fuzzer;

    @BeforeAll
    static void start() {
        fuzzer = new ReaderFuzzer();
    }

    @AfterAll
    static void stop() {
        fuzzer.close();
    }

    @ParameterizedTest
    @EnumSource(ReaderTarget.class)
    void mutatedInputsAreReadOrRejectedCleanly(ReaderTarget target) {
        boolean longRun = ITERATIONS != null || ONLY >= 0;
        long from = ONLY >= 0 ? ONLY : 0;
        long to = ONLY >= 0 ? ONLY + 1 : ITERATIONS != null ? Long.parseLong(ITERATIONS) : 400;
        long t0 = System.nanoTime();
        ReaderFuzzer.Stats st = fuzzer.fuzz(target, SEED, from, to, !longRun);
        if (longRun) {
            System.out.printf(java.util.Locale.ROOT, "%s  (%.1f s, seed %d)%n", st.summary(target).stripTrailing(),
                    (System.nanoTime() - t0) / 1e9, SEED);
        }
        assertThat(st.findings.values()).as("fuzz findings for %s (seed %d)", target, SEED).isEmpty();
    }
}
