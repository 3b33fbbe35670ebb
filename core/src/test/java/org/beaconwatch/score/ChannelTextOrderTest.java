package org.beaconwatch.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ChannelId#compareText} against the order of the channel texts it stands for, on random
 * channels built to tie on their first characters: sources and addresses that are prefixes of each
 * other, IPv6 addresses (bracketed with a port), ports of different lengths, no port, server names
 * beside addresses.
 */
class ChannelTextOrderTest {
    private static final String[] SOURCES = {"10.0.0.1", "10.0.0.12", "10.0.0.123", "10.0.0.2", "fd00::1", "fd00::12"};
    private static final String[] DESTINATIONS = {"192.0.2.1", "192.0.2.10", "192.0.2.100", "192.0.2.2", "2001:db8::1",
        "2001:db8::1a", "[2001:db8::2]", "-", "example.com", "example.co"};
    private static final int[] PORTS = {-1, 0, 5, 53, 80, 443, 4430, 8080, 65535};
    private static final String[] PROTOS = {"tcp", "udp", "icmp", "tc"};
    private static final String[] NAMES = {null, null, "a.example", "a.example.com", "b.example", "192.0.2.1:80/tcp"};

    static ChannelId random(SplittableRandom r) {
        return new ChannelId(SOURCES[r.nextInt(SOURCES.length)], DESTINATIONS[r.nextInt(DESTINATIONS.length)],
                PORTS[r.nextInt(PORTS.length)], PROTOS[r.nextInt(PROTOS.length)], NAMES[r.nextInt(NAMES.length)]);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void comparesAsTheChannelTexts(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int k = 0; k < 20_000; k++) {
            ChannelId a = random(r), b = random(r);
            assertThat(Integer.signum(a.compareText(b))).as("%s vs %s", a.text(), b.text())
                    .isEqualTo(Integer.signum(a.text().compareTo(b.text())));
        }
    }
}
