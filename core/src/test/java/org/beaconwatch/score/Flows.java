package org.beaconwatch.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.beaconwatch.flow.Flow;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.flow.NameSource;
import org.beaconwatch.flow.Protocol;

/** Builds flows in code for detector tests. */
final class Flows {
    final List<FlowBatch> batches = new ArrayList<>();
    private FlowBatch current = new FlowBatch(1024);
    private int nextPort;

    static final long START = 1_700_000_000_000_000L;

    Flows add(String src, String dst, int port, Protocol proto, long tsMicros, long origBytes, long durationMicros,
              String serverName, NameSource nameSource) {
        if (current.isFull()) {
            batches.add(current);
            current = new FlowBatch(1024);
        }
        current.add(new Flow(tsMicros, durationMicros, IpAddress.parse(src), 1024 + (nextPort++ % 60_000), IpAddress.parse(dst), port, proto,
                null, origBytes, 100, 3, 3, origBytes + 100, 200, "SF", null, null, null, serverName, nameSource, Map.of()));
        return this;
    }

    Flows add(String src, String dst, int port, long tsMicros, long origBytes) {
        return add(src, dst, port, Protocol.TCP, tsMicros, origBytes, 200_000, null, NameSource.NONE);
    }

    List<FlowBatch> batches() {
        List<FlowBatch> all = new ArrayList<>(batches);
        if (!current.isEmpty()) {
            all.add(current);
        }
        return all;
    }
}
