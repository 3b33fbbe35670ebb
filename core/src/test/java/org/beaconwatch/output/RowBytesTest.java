package org.beaconwatch.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bytes a CSV row is formatted into read exactly as the text formatters write them, UTF-8
 * encoded: numbers, timestamps (all of 0000-9999 and beyond), and cells with formula starts,
 * quotes, line breaks and non-ASCII text.
 */
class RowBytesTest {
    private static final String[] CELLS = {"", "-", "-1.5", "=1+2", "+49 30", "@x", "\tx", "\rx", "a,b", "say \"hi\"",
        "two\nlines", "±1.2 s ×0.5", "naïve", "\uD83D\uDE00 emoji", "lone \uD800 surrogate", "=\"a\",b", "-12", "10.0.0.1"};

    /** Random text of every width in UTF-8 (one to four bytes, lone surrogates too) reads as the JDK encodes it. */
    @ParameterizedTest
    @ValueSource(longs = {6, 7})
    void anyTextEncodesAsTheJdkDoes(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int k = 0; k < 5_000; k++) {
            StringBuilder t = new StringBuilder();
            for (int i = r.nextInt(12); i > 0; i--) {
                t.append(switch (r.nextInt(5)) {
                    case 0 -> (char) r.nextInt(0x80);
                    case 1 -> (char) (0x80 + r.nextInt(0x780));
                    case 2 -> (char) (0x800 + r.nextInt(0xd800 - 0x800));
                    case 3 -> (char) (0xd800 + r.nextInt(0x800)); // a surrogate, paired or not by chance
                    default -> (char) (0xe000 + r.nextInt(0x2000));
                });
            }
            String v = t.toString();
            assertThat(new RowBytes(1).text(v).toByteArray()).as("%s", v.chars().boxed().toList()).isEqualTo(utf8(v));
        }
    }

    private static String text(RowBytes b) {
        return new String(b.toByteArray(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void numbersAndTimesReadAsTheTextFormatters(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int k = 0; k < 20_000; k++) {
            double v = switch (k % 5) {
                case 0 -> r.nextDouble();
                case 1 -> (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(20));
                case 2 -> r.nextInt(100_000) / 1000.0;
                case 3 -> k % 2 == 0 ? Double.NaN : Double.POSITIVE_INFINITY;
                default -> -r.nextDouble() * 1e-3;
            };
            int decimals = r.nextInt(7);
            assertThat(new RowBytes(4).num(v, decimals).toByteArray()).as("%s %d", v, decimals)
                    .isEqualTo(utf8(FindingWriter.appendNum(new StringBuilder(), v, decimals)));
            long micros = k % 3 == 0 ? r.nextLong(-62_167_219_200_000_000L, 253_402_300_800_000_000L)
                    : k % 3 == 1 ? r.nextLong(1_500_000_000_000_000L, 1_900_000_000_000_000L)
                    : r.nextLong(-70_000_000_000_000_000L, 260_000_000_000_000_000L);
            assertThat(text(new RowBytes(4).isoMicros(micros))).as("%d", micros).isEqualTo(FindingWriter.isoMicros(micros));
            long n = r.nextBoolean() ? r.nextLong() : r.nextInt(1000) - 10;
            assertThat(text(new RowBytes(4).number(n))).isEqualTo(Long.toString(n));
        }
        assertThat(text(new RowBytes(4).number(Long.MIN_VALUE))).isEqualTo(Long.toString(Long.MIN_VALUE));
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void cellsReadAsTheTextCells(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int k = 0; k < 2_000; k++) {
            String v = CELLS[r.nextInt(CELLS.length)] + (r.nextBoolean() ? CELLS[r.nextInt(CELLS.length)] : "");
            StringBuilder want = new StringBuilder("x,");
            CsvFindingWriter.cell(want, v).append(",y");
            assertThat(new RowBytes(2).ascii("x,").cell(v).ascii(",y").toByteArray()).as(v).isEqualTo(utf8(want));
        }
        StringBuilder none = new StringBuilder();
        for (String end : new String[] {"ends high \uD83D", "\uDE00 starts low", "\uDE00\uD83D swapped", "→ … ± é 😀"}) {
            assertThat(new RowBytes(1).text(end).toByteArray()).as(end).isEqualTo(utf8(end));
        }
        CsvFindingWriter.cell(none, null);
        assertThat(new RowBytes(2).cell(null).size()).isZero();
        assertThat(none).isEmpty();
    }
}
