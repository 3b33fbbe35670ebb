package org.beaconwatch.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.beaconwatch.flow.Flow;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.flow.NameSource;
import org.beaconwatch.flow.Protocol;
import org.junit.jupiter.api.Test;

class ChannelAggregatorTest {

    static Flow flow(String src, String dst, int port, Protocol p, long ts, String name, String label) {
        return new Flow(ts, 1000, IpAddress.parse(src), (int) (1024 + Math.floorMod(ts * 7919 + NEXT_PORT++, 60_000L)), IpAddress.parse(dst), port, p, null, 10, 20, 1, 1, 50, 60,
                "SF", null, label, null, name, name == null ? NameSource.NONE : NameSource.TLS_SNI, Map.of());
    }

    private static int NEXT_PORT;

    static ChannelScope defaults() {
        return new ChannelScope(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("fc00::/7")), false, false, Allowlist.empty());
    }

    @Test
    void groupsByTupleAndByServerNameAndSortsTime() {
        FlowBatch b = new FlowBatch(64);
        b.add(flow("10.0.0.1", "198.51.100.1", 443, Protocol.TCP, 300, null, "Malicious"));
        b.add(flow("10.0.0.1", "198.51.100.1", 443, Protocol.TCP, 100, null, "Malicious"));
        b.add(flow("10.0.0.1", "198.51.100.1", 443, Protocol.UDP, 200, null, null));
        b.add(flow("10.0.0.1", "198.51.100.1", 80, Protocol.TCP, 200, null, "Benign"));
        b.add(flow("10.0.0.1", "198.51.100.2", 443, Protocol.TCP, 50, "Api.Example.com", null));
        b.add(flow("10.0.0.1", "198.51.100.3", 443, Protocol.TCP, 60, "api.example.com", null));
        b.add(flow("10.0.0.1", "198.51.100.3", 443, Protocol.TCP, 70, "api.example.com", null));
        b.add(flow("fd00::5", "2001:db8::9", 443, Protocol.TCP, 10, null, null));
        ChannelAggregator a = new ChannelAggregator(defaults());
        a.add(b);
        List<ChannelSeries> cs = a.finish();
        assertThat(cs).hasSize(5);
        ChannelSeries first = cs.get(0);
        assertThat(first.size()).isEqualTo(2);
        assertThat(first.ts()).containsExactly(100, 300);
        assertThat(first.label()).isEqualTo("Malicious");
        ChannelSeries named = cs.stream().filter(c -> c.kind() == ChannelKind.SERVER_NAME).findFirst().orElseThrow();
        assertThat(named.serverName()).isEqualTo("api.example.com");
        assertThat(named.size()).isEqualTo(3);
        assertThat(IpAddress.format(named.dstHi(), named.dstLo())).isEqualTo("198.51.100.3");
        assertThat(a.flowsUsed()).isEqualTo(8);
    }

    @Test
    void manyChannelsSurviveTableGrowth() {
        ChannelAggregator a = new ChannelAggregator(defaults());
        FlowBatch b = new FlowBatch(1000);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 20_000; i++) {
                if (b.isFull()) {
                    a.add(b);
                    b.clear();
                }
                b.add(flow("10.0." + (i / 250) + "." + (i % 250), "198.51.100." + (i % 7), 443, Protocol.TCP, round, null, null));
            }
        }
        a.add(b);
        List<ChannelSeries> cs = a.finish();
        assertThat(cs).hasSize(20_000).allMatch(c -> c.size() == 3);
    }

    @Test
    void multicastBroadcastAndLinkLocalAreNotCandidates() {
        FlowBatch b = new FlowBatch(8);
        b.add(flow("10.0.0.1", "224.0.0.251", 5353, Protocol.UDP, 1, null, null));
        b.add(flow("10.0.0.1", "255.255.255.255", 67, Protocol.UDP, 1, null, null));
        b.add(flow("10.0.0.1", "169.254.1.1", 80, Protocol.TCP, 1, null, null));
        b.add(flow("fd00::1", "ff02::fb", 5353, Protocol.UDP, 1, null, null));
        ChannelAggregator a = new ChannelAggregator(defaults());
        a.add(b);
        assertThat(a.finish()).isEmpty();
        assertThat(a.skippedDestination()).isEqualTo(4);
    }

    @Test
    void argusStatusRecordsOfOneConnectionAreMergedButNewConnectionsAreNot() {
        FlowBatch b = new FlowBatch(16);
        b.splitRecords(true);
        for (int k = 0; k < 3; k++) { // one connection split into three 60 s status records
            int i = b.add(flow("10.0.0.1", "198.51.100.1", 443, Protocol.TCP, k * 60_000_000L, null, null));
            b.duration[i] = 60_000_000L;
            b.srcPort[i] = 40001;
        }
        for (int k = 0; k < 2; k++) { // same source port, but long after: a new connection
            int i = b.add(flow("10.0.0.1", "198.51.100.1", 443, Protocol.TCP, 3_600_000_000L + k * 600_000_000L, null, null));
            b.srcPort[i] = 40001;
        }
        ChannelAggregator a = new ChannelAggregator(defaults());
        a.add(b);
        ChannelSeries c = a.finish().get(0);
        assertThat(c.size()).isEqualTo(3);
        assertThat(c.duration()[0]).isEqualTo(180_000_000L);
        assertThat(c.origBytes()[0]).isEqualTo(30);
        assertThat(c.continuations()).isEqualTo(2);
    }
}
