package org.beaconwatch.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.io.spi.UidHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uid hash the readers put in every row: equal for a uid read as bytes or as text, at any
 * offset and length, so the companion join and the logged-twice check do not depend on which
 * reader read a uid or whether it kept the text.
 */
class UidHashTest {
    @TempDir
    Path tmp;

    private static long[] of(String s) {
        long[] h = new long[2];
        UidHash.of(s, h);
        return h;
    }

    @Test
    void bytesAtAnyOffsetHashLikeTheText() {
        SplittableRandom rnd = new SplittableRandom(7);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789é-";
        for (int t = 0; t < 2000; t++) {
            int n = rnd.nextInt(40);
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < n; k++) {
                sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            String uid = sb.toString();
            byte[] b = uid.getBytes(StandardCharsets.UTF_8);
            int pre = rnd.nextInt(9), post = rnd.nextInt(9); // buffers that end right after the uid too
            byte[] buf = new byte[pre + b.length + post];
            rnd.nextBytes(buf);
            System.arraycopy(b, 0, buf, pre, b.length);
            long[] h = new long[2];
            UidHash.of(buf, pre, pre + b.length, h);
            assertThat(h).as(uid).containsExactly(of(uid));
            assertThat(h[0] | h[1]).isNotZero();
        }
    }

    @Test
    void distinctUidsHashApart() {
        Set<Long> lows = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            lows.add(of("C" + i)[1]);
            lows.add(of("C" + i + "\0")[1]); // a trailing zero byte is not the same uid
        }
        assertThat(lows).hasSize(400_000);
    }

    @Test
    void tsvRowsCarryTheHashOfTheirUidTextWithOrWithoutTheText() throws IOException {
        Path f = tmp.resolve("conn.log");
        Files.writeString(f, """
                #separator \\x09
                #fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto
                1700000000.000000\tCplain1\t10.0.0.1\t1000\t8.8.8.8\t53\tudp
                1700000001.000000\tC\\x41esc\t10.0.0.1\t1001\t8.8.8.8\t53\tudp
                1700000002.000000\tCé\t10.0.0.1\t1002\t8.8.8.8\t53\tudp
                1700000003.000000\t-\t10.0.0.1\t1003\t8.8.8.8\t53\tudp
                """, StandardCharsets.UTF_8);
        List<String> texts = List.of("Cplain1", "CAesc", "Cé");
        for (boolean text : new boolean[] {true, false}) {
            FlowBatch b = new FlowBatch();
            try (FlowSource s = FlowInputs.open(List.of(f), ReadOptions.defaults().withUidText(text))) {
                assertThat(s.read(b)).isTrue();
            }
            assertThat(b.size()).isEqualTo(4);
            for (int i = 0; i < 3; i++) {
                assertThat(new long[] {b.uidHi[i], b.uidLo[i]}).as(texts.get(i)).containsExactly(of(texts.get(i)));
                assertThat(b.uid[i]).isEqualTo(text ? texts.get(i) : null);
            }
            assertThat(b.uidHi[3] | b.uidLo[3]).isZero();
            assertThat(b.uid[3]).isNull();
        }
    }
}
