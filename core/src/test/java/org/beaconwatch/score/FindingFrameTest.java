package org.beaconwatch.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Every double, written short or in full, reads back bit for bit; whole numbers take few bytes. */
class FindingFrameTest {
    private static final double[] SPECIAL = {0.0, -0.0, 1.0, -1.0, 2.0, 47.0, 1e6, 1e12, 0.5, -0.25, 1.0 / 3,
        Double.NaN, Double.longBitsToDouble(0x7ff8_0000_0000_0abcL), Double.longBitsToDouble(0xfff0_0000_0000_0001L),
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE,
        -Double.MAX_VALUE, 0x1p40, -0x1p40, 0x1p40 + 1, -0x1p40 - 1, 0x1p53, 0x1p63, -0x1p63, 0x1p64, Long.MAX_VALUE,
        Long.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, 1.7e15, 4.9e-324};

    private static double[] roundTrip(double[] values) throws IOException {
        FindingFrame w = new FindingFrame();
        for (double v : values) {
            w.putCompactDouble(v);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            w.writeTo(out);
        }
        FindingFrame r = new FindingFrame();
        r.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        double[] back = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            back[i] = r.getCompactDouble();
        }
        r.finish();
        return back;
    }

    private static long[] bits(double[] d) {
        long[] b = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            b[i] = Double.doubleToRawLongBits(d[i]);
        }
        return b;
    }

    @Test
    void specialAndRandomDoublesSurviveBitForBit() throws IOException {
        assertThat(bits(roundTrip(SPECIAL))).isEqualTo(bits(SPECIAL));
        SplittableRandom r = new SplittableRandom(3);
        double[] random = new double[20_000];
        for (int i = 0; i < random.length; i++) {
            random[i] = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(r.nextLong()); // any bit pattern, NaN payloads included
                case 1 -> r.nextInt(-1000, 1000);
                case 2 -> (double) r.nextLong(-(1L << 45), 1L << 45);
                default -> r.nextDouble() * 1e4;
            };
        }
        assertThat(bits(roundTrip(random))).isEqualTo(bits(random));
    }

    @Test
    void wholeNumbersAreShort() {
        FindingFrame w = new FindingFrame();
        w.putCompactDouble(0.0);
        w.putCompactDouble(1.0);
        w.putCompactDouble(31.0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            w.writeTo(out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(bytes.size()).as("length byte + three one-byte numbers (magnitudes up to 31)").isEqualTo(4);
    }
}
