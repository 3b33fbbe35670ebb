package org.beaconwatch.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.beaconwatch.io.spi.Bytes;
import org.beaconwatch.io.spi.DateTimes;
import org.junit.jupiter.api.Test;

/** Exact number and timestamp parsing from bytes. */
class BytesAndTimesTest {

    private static long micros(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return Bytes.parseMicros(b, 0, b.length);
    }

    private static long time(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return DateTimes.parse(b, 0, b.length);
    }

    @Test
    void secondsBecomeExactMicros() {
        assertThat(micros("1545403524.386000")).isEqualTo(1_545_403_524_386_000L);
        assertThat(micros("0.000001")).isEqualTo(1);
        assertThat(micros("19.98")).isEqualTo(19_980_000L);
        assertThat(micros("7")).isEqualTo(7_000_000L);
        assertThat(micros(".5")).isEqualTo(500_000L);
        assertThat(micros("0.09628199999999865")).isEqualTo(96_282L);
        assertThat(micros("0.0000005")).isEqualTo(1);
        assertThat(micros("-1.5")).isEqualTo(-1_500_000L);
        assertThat(micros("1.2.3")).isEqualTo(Bytes.BAD);
        assertThat(micros("")).isEqualTo(Bytes.BAD);
        assertThat(micros("-")).isEqualTo(Bytes.BAD);
        assertThat(micros("1e9")).isEqualTo(Bytes.BAD);
        assertThat(Bytes.parseMicros("1.5e9")).isEqualTo(1_500_000_000_000_000L);
    }

    @Test
    void calendarTimesMatchJavaTime() {
        assertThat(time("2011/08/16 10:01:46.972101")).isEqualTo(1_313_488_906_972_101L);
        assertThat(time("2025-02-02 19:44:31")).isEqualTo(Instant.parse("2025-02-02T19:44:31Z").toEpochMilli() * 1000);
        assertThat(time("2024-01-02T03:04:05.25+02:00")).isEqualTo(
                Instant.parse("2024-01-02T01:04:05.250Z").toEpochMilli() * 1000);
        assertThat(time("1970/01/01 01:00:00.000000")).isEqualTo(3_600_000_000L);
        assertThat(time("2024-13-01 00:00:00")).isEqualTo(Bytes.BAD);
        assertThat(time("yesterday")).isEqualTo(Bytes.BAD);
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 2000; i++) {
            Instant t = Instant.ofEpochSecond(r.nextLong(-2_000_000_000L, 4_000_000_000L), r.nextInt(1_000_000) * 1000L);
            String iso = OffsetDateTime.ofInstant(t, java.time.ZoneOffset.UTC).toString();
            assertThat(time(iso)).as(iso).isEqualTo(ChronoUnit.MICROS.between(Instant.EPOCH, t));
        }
    }
}
