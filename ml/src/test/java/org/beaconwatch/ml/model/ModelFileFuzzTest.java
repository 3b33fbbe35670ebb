package org.beaconwatch.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutation fuzzing of the model loader: real small model files (gbt, rf, iforest) with bytes
 * flipped, inserted or deleted -- in the raw file, and inside one entry re-packed into a valid zip
 * so the mutation reaches the JSON and protobuf readers past the zip's CRC. A load must succeed or
 * throw {@link IOException}; any other exception or error fails with the seed to reproduce it.
 * {@code -Dbeaconwatch.fuzz.iterations=N} runs longer (default 300), {@code -Dbeaconwatch.fuzz.seed=S}
 * starts elsewhere.
 */
class ModelFileFuzzTest {
    static final int ITERATIONS = Integer.getInteger("beaconwatch.fuzz.iterations", 300);
    static final long SEED = Long.getLong("beaconwatch.fuzz.seed", 20240611L);

    @TempDir
    Path dir;

    @Test
    void mutatedModelFilesLoadOrFailWithAnIOException() throws Exception {
        List<byte[]> bases = new ArrayList<>();
        for (ModelKind k : ModelKind.values()) {
            bases.add(ModelFiles.small(k));
        }
        SplittableRandom rnd = new SplittableRandom(SEED);
        Path f = dir.resolve("fuzz.bwm");
        int loaded = 0;
        int refused = 0;
        long start = System.nanoTime();
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] base = bases.get(rnd.nextInt(bases.size()));
            byte[] mutated;
            String where;
            if (rnd.nextInt(3) == 0) {
                mutated = mutate(base, rnd);
                where = "whole file";
            } else {
                Map<String, byte[]> e = ModelFiles.entries(base);
                List<String> names = new ArrayList<>(e.keySet());
                where = names.get(rnd.nextInt(names.size()));
                e.put(where, mutate(e.get(where), rnd));
                mutated = ModelFiles.zip(e);
            }
            Files.write(f, mutated);
            String context = "iteration " + i + " (seed " + SEED + ", " + where + ")";
            Throwable[] thrown = new Throwable[1];
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try {
                    TrainedModel.load(f);
                } catch (Throwable t) {
                    thrown[0] = t;
                }
            }, context);
            if (thrown[0] == null) {
                loaded++;
            } else if (thrown[0] instanceof IOException io) {
                refused++;
                assertThat(io.getMessage()).as(context).contains(f.toString()).doesNotContain("\n");
            } else {
                fail(context + ": " + thrown[0], thrown[0]);
            }
        }
        System.err.printf(java.util.Locale.ROOT, "model file fuzz: %d iterations, %d loaded, %d refused, %.1f s%n",
                ITERATIONS, loaded, refused, (System.nanoTime() - start) / 1e9);
        assertThat(refused).isPositive();
    }

    /** One to eight flips, insertions or deletions of bytes. */
    static byte[] mutate(byte[] in, SplittableRandom rnd) {
        byte[] b = in.clone();
        int ops = 1 + rnd.nextInt(8);
        for (int k = 0; k < ops; k++) {
            int pos = b.length == 0 ? 0 : rnd.nextInt(b.length);
            switch (rnd.nextInt(4)) {
                case 0 -> {
                    if (b.length > 0) {
                        b[pos] ^= (byte) (1 << rnd.nextInt(8));
                    }
                }
                case 1 -> {
                    if (b.length > 0) {
                        b[pos] = (byte) (rnd.nextBoolean() ? 0xff : rnd.nextInt(256));
                    }
                }
                case 2 -> {
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, pos);
                    c[pos] = (byte) rnd.nextInt(256);
                    System.arraycopy(b, pos, c, pos + 1, b.length - pos);
                    b = c;
                }
                default -> {
                    if (b.length > 0) {
                        byte[] c = new byte[b.length - 1];
                        System.arraycopy(b, 0, c, 0, pos);
                        System.arraycopy(b, pos + 1, c, pos, b.length - pos - 1);
                        b = c;
                    }
                }
            }
        }
        return b;
    }
}
