package org.beaconwatch.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Address parsing and formatting, checked against the JDK's InetAddress on random addresses. */
class IpAddressTest {

    @Test
    void ipv4IsStoredMappedAndPrintedDotted() {
        IpAddress a = IpAddress.parse("192.168.1.115");
        assertThat(a.isV4()).isTrue();
        assertThat(a.hi()).isZero();
        assertThat(a.lo()).isEqualTo(0x0000_ffff_c0a8_0173L);
        assertThat(a).hasToString("192.168.1.115");
        assertThat(IpAddress.ofV4(0xc0a80173)).isEqualTo(a);
    }

    @Test
    void ipv6FormsAreNormalised() {
        assertThat(IpAddress.parse("fd2d:ab8c:225:0:81d3:fd3e:7f62:aec8")).hasToString("fd2d:ab8c:225:0:81d3:fd3e:7f62:aec8");
        assertThat(IpAddress.parse("FE80:0:0:0:0:0:0:1%eth0")).hasToString("fe80::1");
        assertThat(IpAddress.parse("ff02::1:3")).isEqualTo(IpAddress.parse("ff02:0:0:0:0:0:1:3"));
        assertThat(IpAddress.parse("::ffff:10.0.0.1")).isEqualTo(IpAddress.parse("10.0.0.1"));
        assertThat(IpAddress.parse("[2001:db8::1]")).hasToString("2001:db8::1");
        assertThat(IpAddress.NONE).hasToString("-");
        assertThat(IpAddress.parse("::1").compareTo(IpAddress.parse("::2"))).isNegative();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", "1.2.3.4 ", "abc", "1:2:3:4:5:6:7:8:9",
        "1::2::3", ":1:2", "1:2:3:4:5:6:7:", "12345::", "g::1", "00:0c:29:aa:bb:cc", "0"})
    void nonAddressesAreRejected(String text) {
        long[] out = new long[2];
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        assertThat(IpAddress.parse(b, 0, b.length, out)).isFalse();
        assertThatThrownBy(() -> IpAddress.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an IP address");
    }

    @Test
    void randomAddressesRoundTripLikeTheJdk() throws Exception {
        SplittableRandom r = new SplittableRandom(11);
        long[] out = new long[2];
        for (int i = 0; i < 5_000; i++) {
            byte[] raw = new byte[r.nextBoolean() ? 4 : 16];
            r.nextBytes(raw);
            if (raw.length == 16 && r.nextInt(3) == 0) {
                int from = r.nextInt(16), to = Math.min(16, from + r.nextInt(12));
                for (int z = from; z < to; z++) {
                    raw[z] = 0;
                }
            }
            InetAddress jdk = InetAddress.getByAddress(raw);
            String text = jdk.getHostAddress();
            byte[] b = text.getBytes(StandardCharsets.US_ASCII);
            assertThat(IpAddress.parse(b, 0, b.length, out)).as(text).isTrue();
            IpAddress a = new IpAddress(out[0], out[1]);
            // our canonical text parses back to the same bits and to the same JDK address
            assertThat(IpAddress.parse(a.toString())).isEqualTo(a);
            if (raw.length == 16 && !(jdk instanceof java.net.Inet4Address)) {
                assertThat(InetAddress.getByName(a.toString()).getAddress()).isEqualTo(raw);
            } else {
                assertThat(a.toString()).isEqualTo(jdk.getHostAddress());
            }
        }
    }
}
