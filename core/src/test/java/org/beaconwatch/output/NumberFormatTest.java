package org.beaconwatch.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written formatters against the JDK's slow, obviously-correct ones on random inputs. */
class NumberFormatTest {

    static String reference(double v, int decimals) {
        BigDecimal d = new BigDecimal(Math.round(v * Math.pow(10, decimals))).movePointLeft(decimals);
        d = d.setScale(decimals, RoundingMode.UNNECESSARY).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }

    @Test
    void numMatchesBigDecimal() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 20_000; i++) {
            double v = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(8));
            int decimals = r.nextInt(5);
            assertThat(FindingWriter.num(v, decimals)).as("%s with %d decimals", v, decimals).isEqualTo(reference(v, decimals));
        }
        assertThat(FindingWriter.num(Double.NaN, 3)).isEmpty();
        assertThat(FindingWriter.num(-0.00001, 3)).isEqualTo("0");
    }

    @Test
    void isoMicrosMatchesDateTimeFormatter() {
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < 20_000; i++) {
            long micros = r.nextLong(-10_000_000_000_000L, 4_000_000_000_000_000L);
            Instant t = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
            assertThat(FindingWriter.isoMicros(micros)).isEqualTo(FindingWriter.ISO.format(t));
        }
    }
}
