package org.beaconwatch.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.beaconwatch.channel.ChannelAggregator;
import org.beaconwatch.channel.ChannelKeys;
import org.beaconwatch.channel.ChannelSeries;
import org.beaconwatch.channel.ChannelSources;
import org.beaconwatch.channel.FlowlessSeries;
import org.beaconwatch.channel.HostTraffic;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.intel.IntelSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Host evidence found from the aggregator's key columns (no object or String per channel) equals
 * the evidence the previous code found from flow-less series ({@link ReferenceChannelEvidence}):
 * the same pieces for every host, in the same order within a host (which decides ties in the host
 * table), on seeded traffic with scans, ties, spam, unanswered hosts, IPv6 and threat intel, and on
 * every shared data folder.
 */
class ChannelEvidenceEqualityTest {

    /** Evidence per host, in list order within each host. */
    private static Map<String, List<HostEvidence>> byHost(List<HostEvidence> evidence) {
        Map<String, List<HostEvidence>> out = new LinkedHashMap<>();
        for (HostEvidence e : evidence) {
            out.computeIfAbsent(e.host(), k -> new ArrayList<>()).add(e);
        }
        return out;
    }

    /** Checks one input; returns the evidence types found. */
    private static Set<EvidenceType> check(List<FlowBatch> batches) {
        ChannelAggregator agg = HostTraffic.aggregate(batches);
        ChannelKeys keys = agg.keys();
        ChannelEvidence.Counts counts = new ChannelEvidence.Counts(keys.count());
        List<String> indicators = new ArrayList<>();
        for (int c = 0; c < keys.count(); c++) {
            counts.record(c, agg.series(c));
            if (c % 37 == 0) {
                indicators.add(IpAddress.format(keys.dstHi(c), keys.dstLo(c)));
            }
            if (c % 11 == 0 && keys.serverName(c) != null) {
                indicators.add(keys.serverName(c));
            }
        }
        List<ChannelSeries> flowless = FlowlessSeries.of(keys);
        Set<EvidenceType> seen = EnumSet.noneOf(EvidenceType.class);
        for (IntelSet intel : List.of(IntelSet.empty(), IntelSet.of(indicators, "test list"))) {
            List<HostEvidence> want = ReferenceChannelEvidence.find(flowless, counts, intel, 0.6);
            List<HostEvidence> got = ChannelEvidence.find(keys, ChannelSources.of(keys), counts, intel, 0.6);
            assertThat(byHost(got)).isEqualTo(byHost(want));
            assertThat(got).hasSameSizeAs(want);
            assertThat(byHost(ChannelEvidence.find(flowless, counts, intel, 0.6))).isEqualTo(byHost(want));
            for (HostEvidence e : got) {
                seen.add(e.type());
            }
        }
        return seen;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void hostTrafficSeeds(long seed) {
        Set<EvidenceType> seen = check(HostTraffic.batches(seed));
        assertThat(seen).contains(EvidenceType.SCAN, EvidenceType.SMTP_FANOUT, EvidenceType.FAILED_CONNECTIONS,
                EvidenceType.THREAT_INTEL);
    }

    @Test
    void verticalScansAreFound() {
        // HostTraffic's vertical scanners probe two targets on as many ports each
        List<HostEvidence> vertical = new ArrayList<>();
        for (long seed = 1; seed <= 6; seed++) {
            ChannelAggregator agg = HostTraffic.aggregate(HostTraffic.batches(seed));
            ChannelKeys keys = agg.keys();
            ChannelEvidence.Counts counts = new ChannelEvidence.Counts(keys.count());
            for (int c = 0; c < keys.count(); c++) {
                counts.record(c, agg.series(c));
            }
            for (HostEvidence e : ChannelEvidence.find(keys, ChannelSources.of(keys), counts, IntelSet.empty(), 0.6)) {
                if (e.detail() instanceof HostEvidence.VerticalScan) {
                    vertical.add(e);
                }
            }
        }
        assertThat(vertical).isNotEmpty();
        assertThat(vertical).allSatisfy(e -> assertThat(e.dst()).startsWith("94."));
    }

    @Test
    void everySharedDataFolder() throws IOException {
        int checked = 0;
        for (Path d : HostTraffic.sharedDataFolders()) {
            List<FlowBatch> bs = HostTraffic.read(d);
            if (bs == null || HostTraffic.aggregate(bs).channelCount() == 0) {
                continue;
            }
            check(bs);
            checked++;
        }
        assertThat(checked).isGreaterThan(5);
    }
}
