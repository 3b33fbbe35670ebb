package org.beaconwatch.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.flow.Protocol;
import org.beaconwatch.io.ErrorPolicy;
import org.beaconwatch.io.FileReport;
import org.beaconwatch.io.FlowInputs;
import org.beaconwatch.io.FlowSource;
import org.beaconwatch.io.LogFormat;
import org.beaconwatch.io.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's output read back with the real readers: what {@code demo} and accuracy tests rely on. */
class SimulatorReaderRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void everyRowReadsBackStrictlyAndTlsConnectionsCarryTheirServerName() throws IOException {
        SimulationResult r = Simulator.simulate(SimulationConfig.smallOffice().withHosts(8), dir);
        ReadOptions strict = ReadOptions.defaults().withErrorPolicy(ErrorPolicy.FAIL);
        long flows = 0;
        long named = 0;
        Map<String, Long> beaconRows = new HashMap<>();
        Map<String, String> beaconNames = new HashMap<>();
        for (GroundTruthEntry e : r.entries(ChannelKind.BEACON)) {
            beaconRows.put(e.src() + ">" + e.dst() + ":" + e.dstPort(), 0L);
            beaconNames.put(e.src() + ">" + e.dst() + ":" + e.dstPort(), e.serverName());
        }
        try (FlowSource s = FlowInputs.open(List.of(r.connLog(), r.sslLog()), strict)) {
            FlowBatch b = new FlowBatch();
            long prev = Long.MIN_VALUE;
            while (s.read(b)) {
                for (int i = 0; i < b.size(); i++) {
                    flows++;
                    assertThat(b.ts[i]).isGreaterThanOrEqualTo(prev);
                    prev = b.ts[i];
                    assertThat(Protocol.ofCode(b.proto[i])).isIn(Protocol.TCP, Protocol.UDP);
                    if (b.serverName[i] != null && !b.serverName[i].isEmpty() && !b.serverName[i].equals("-")) {
                        named++;
                    }
                    String key = IpAddress.format(b.srcHi[i], b.srcLo[i]) + ">"
                            + IpAddress.format(b.dstHi[i], b.dstLo[i]) + ":" + b.dstPort[i];
                    Long n = beaconRows.get(key);
                    if (n != null) {
                        beaconRows.put(key, n + 1);
                        String sni = beaconNames.get(key);
                        if (!sni.isEmpty() && "SF".equals(b.connState[i])) {
                            assertThat(b.serverName[i]).as("server name of beacon %s", key).isEqualTo(sni);
                        }
                    }
                }
            }
            List<FileReport> reports = s.reports();
            assertThat(reports).extracting(FileReport::recordsSkipped).containsOnly(0L);
            assertThat(reports).extracting(FileReport::format).contains(LogFormat.ZEEK_CONN_TSV, LogFormat.ZEEK_SSL);
        }
        assertThat(flows).isEqualTo(r.connRows());
        try (FlowSource whole = FlowInputs.open(List.of(dir), strict)) {
            FlowBatch b = new FlowBatch();
            long n = 0;
            while (whole.read(b)) {
                n += b.size();
            }
            assertThat(n).as("flows when the whole output folder is given").isEqualTo(r.connRows());
        }
        assertThat(named).isEqualTo(r.sslRows());
        for (GroundTruthEntry e : r.entries(ChannelKind.BEACON)) {
            assertThat(beaconRows.get(e.src() + ">" + e.dst() + ":" + e.dstPort())).isEqualTo(e.conns());
        }
    }
}
