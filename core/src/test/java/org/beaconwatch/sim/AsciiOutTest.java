package org.beaconwatch.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-rolled number formatting against String-based formatting on seeded random inputs. */
class AsciiOutTest {
    @Test
    void formatsIntegersTimestampsAndAddressesLikeTheSlowReference() throws IOException {
        SplittableRandom r = new SplittableRandom(42);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringBuilder expected = new StringBuilder();
        try (AsciiOut out = new AsciiOut(bytes)) {
            long[] edge = {0, 9, 10, 99, 100, 999_999_999, 1_000_000_000, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L,
                Long.MAX_VALUE, -1, -1234567890123L};
            for (long v : edge) {
                out.ensureRoom();
                out.putLong(v).tab();
                expected.append(v).append('\t');
            }
            for (int i = 0; i < 20_000; i++) {
                out.ensureRoom();
                long v = switch (i % 4) {
                    case 0 -> r.nextInt(1000);
                    case 1 -> r.nextLong(1L << 31);
                    case 2 -> r.nextLong(Long.MAX_VALUE);
                    default -> -r.nextLong(1L << 40);
                };
                long micros = r.nextLong(4_000_000_000_000_000L);
                int ip = r.nextInt();
                long ts = 1_767_571_20_000_000L + i * 400_000L + r.nextInt(400_000);
                out.putLong(v).tab().putMicros(micros).tab().putTimestamp(ts).tab().putIpv4(ip).newline();
                expected.append(v).append('\t')
                        .append(seconds(micros))
                        .append('\t').append(seconds(ts))
                        .append('\t').append((ip >>> 24) & 0xff).append('.').append((ip >>> 16) & 0xff).append('.')
                        .append((ip >>> 8) & 0xff).append('.').append(ip & 0xff).append('\n');
            }
        }
        assertThat(bytes.toString(StandardCharsets.US_ASCII)).isEqualTo(expected.toString());
    }

    /** The slow reference: BigDecimal moves the point six places. */
    private static String seconds(long micros) {
        return BigDecimal.valueOf(micros, 6).toPlainString();
    }
}
