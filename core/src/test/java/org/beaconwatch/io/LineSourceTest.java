package org.beaconwatch.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.beaconwatch.io.spi.LineSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The line splitter against String.split on random text delivered in random small pieces. */
class LineSourceTest {

    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L, 4L})
    void splitsLikeTheObviousWay(long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder();
        int max = 300;
        List<String> expected = new ArrayList<>();
        List<Boolean> tooLong = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            int len = r.nextInt(20) == 0 ? r.nextInt(1000) : r.nextInt(40);
            StringBuilder line = new StringBuilder();
            for (int k = 0; k < len; k++) {
                line.append((char) ('a' + r.nextInt(26)));
            }
            if (r.nextInt(10) == 0) {
                line.append('\r');
            }
            sb.append(line).append('\n');
            String clean = line.toString().replace("\r", "");
            expected.add(line.length() > max ? "" : clean);
            tooLong.add(line.length() - (line.toString().endsWith("\r") ? 1 : 0) > max);
        }
        byte[] data = sb.toString().getBytes(StandardCharsets.US_ASCII);
        InputStream trickle = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + r.nextInt(4096)));
            }
        };
        LineSource ls = new LineSource(trickle, max, null);
        List<String> got = new ArrayList<>();
        List<Boolean> gotTooLong = new ArrayList<>();
        while (ls.next()) {
            got.add(new String(ls.buf(), ls.start, ls.end - ls.start, StandardCharsets.US_ASCII));
            gotTooLong.add(ls.tooLong());
            assertThat(ls.lineNo()).isEqualTo(got.size());
        }
        assertThat(got).isEqualTo(expected);
        assertThat(gotTooLong).isEqualTo(tooLong);
        assertThat(ls.truncation()).isNull();
    }
}
