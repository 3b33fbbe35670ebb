package org.beaconwatch.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.flow.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The aggregator's channel keys, read by index from its key columns, say what the flow-less
 * series it used to make (one object per channel) said; the channel context computed from them
 * equals the one computed from those series ({@link ReferenceChannelContext}, the previous code);
 * the distinct sources are every source once.
 */
class ChannelKeysTest {

    /** Keys against the built channels, and a server-name channel's address against its first flow. */
    private static void checkKeys(List<FlowBatch> batches) {
        Map<String, Long> firstNameAddress = new HashMap<>();
        for (FlowBatch b : batches) {
            for (int i = 0; i < b.size(); i++) {
                if (b.serverName[i] != null) {
                    firstNameAddress.putIfAbsent(b.srcHi[i] + "/" + b.srcLo[i] + "/"
                            + b.serverName[i].toLowerCase(Locale.ROOT), b.dstLo[i]);
                }
            }
        }
        ChannelAggregator agg = HostTraffic.aggregate(batches);
        ChannelKeys keys = agg.keys();
        List<ChannelSeries> built = agg.finish();
        assertThat(keys.count()).isEqualTo(built.size()).isPositive();
        for (int c = 0; c < keys.count(); c++) {
            ChannelSeries s = built.get(c);
            String at = "channel " + c;
            assertThat(keys.kind(c)).as(at).isEqualTo(s.kind());
            assertThat(new long[] {keys.srcHi(c), keys.srcLo(c), keys.destinationId(c)}).as(at)
                    .containsExactly(s.srcHi(), s.srcLo(), s.destinationId());
            assertThat(keys.serverName(c)).as(at).isEqualTo(s.serverName());
            if (s.kind() == ChannelKind.ADDRESS) {
                assertThat(new long[] {keys.dstHi(c), keys.dstLo(c), keys.dstPort(c)}).as(at)
                        .containsExactly(s.dstHi(), s.dstLo(), s.dstPort());
                assertThat(keys.proto(c)).as(at).isEqualTo(s.proto());
            } else {
                assertThat(new long[] {keys.dstHi(c), keys.dstLo(c), keys.dstPort(c)}).as(at).containsExactly(0L,
                        firstNameAddress.get(s.srcHi() + "/" + s.srcLo() + "/" + s.serverName()), -1L);
                assertThat(keys.proto(c)).as(at).isEqualTo(Protocol.TCP);
            }
        }
        assertThatThrownBy(() -> keys.srcHi(keys.count())).isInstanceOf(IndexOutOfBoundsException.class);
    }

    /** Context from the key columns against the previous context from flow-less series. */
    private static void checkContext(List<FlowBatch> batches) {
        ChannelAggregator agg = HostTraffic.aggregate(batches);
        ChannelKeys keys = agg.keys();
        List<ChannelSeries> flowless = FlowlessSeries.of(keys);
        ReferenceChannelContext want = ReferenceChannelContext.of(flowless, agg.destinationCount());
        for (ChannelContext got : List.of(ChannelContext.of(keys, agg.destinationCount()),
                ChannelContext.of(flowless, agg.destinationCount()))) {
            assertThat(got.prevalence()).containsExactly(want.prevalence());
            assertThat(got.siblings()).containsExactly(want.siblings());
            assertThat(got.internalSources()).isEqualTo(want.internalSources());
            ChannelSources sources = got.sources();
            Set<String> hosts = new HashSet<>();
            for (int c = 0; c < keys.count(); c++) {
                hosts.add(IpAddress.format(keys.srcHi(c), keys.srcLo(c)));
                int s = sources.of(c);
                assertThat(new long[] {sources.hi(s), sources.lo(s)}).containsExactly(keys.srcHi(c), keys.srcLo(c));
            }
            assertThat(sources.names()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(hosts)
                    .hasSize(got.internalSources());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void hostTrafficSeeds(long seed) {
        List<FlowBatch> bs = HostTraffic.batches(seed);
        checkKeys(bs);
        checkContext(bs);
        ChannelKeys keys = HostTraffic.aggregate(bs).keys();
        boolean v6Source = false;
        boolean v6Destination = false;
        boolean named = false;
        for (int c = 0; c < keys.count(); c++) {
            v6Source |= keys.srcHi(c) != 0;
            v6Destination |= keys.dstHi(c) != 0;
            named |= keys.serverName(c) != null;
        }
        assertThat(new boolean[] {v6Source, v6Destination, named}).as("IPv6 sources, destinations, names")
                .containsOnly(true);
    }

    /**
     * Destination ids given by another engine need not follow the address or name: one id may then
     * stand for destinations in several neighbourhoods, and the context still equals the reference.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7})
    void destinationIdsThatSpanNeighbourhoods(int ids) {
        ChannelKeys keys = HostTraffic.aggregate(HostTraffic.batches(2)).keys();
        List<ChannelSeries> remapped = new java.util.ArrayList<>();
        for (int c = 0; c < keys.count(); c++) {
            remapped.add(new ChannelSeries(keys.kind(c), keys.srcHi(c), keys.srcLo(c), keys.dstHi(c), keys.dstLo(c),
                    keys.dstPort(c), keys.proto(c), keys.serverName(c),
                    (IpAddress.format(keys.dstHi(c), keys.dstLo(c)).length() + c / 5) % ids));
        }
        ReferenceChannelContext want = ReferenceChannelContext.of(remapped, ids);
        ChannelContext got = ChannelContext.of(remapped, ids);
        assertThat(got.prevalence()).containsExactly(want.prevalence());
        assertThat(got.siblings()).containsExactly(want.siblings());
    }

    @Test
    void everySharedDataFolder() throws IOException {
        int checked = 0;
        for (Path d : HostTraffic.sharedDataFolders()) {
            List<FlowBatch> bs = HostTraffic.read(d);
            if (bs == null || HostTraffic.aggregate(bs).channelCount() == 0) {
                continue;
            }
            checkKeys(bs);
            checkContext(bs);
            checked++;
        }
        assertThat(checked).isGreaterThan(5);
    }
}
