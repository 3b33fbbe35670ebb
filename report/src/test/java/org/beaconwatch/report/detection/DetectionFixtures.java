package org.beaconwatch.report.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.beaconwatch.flow.Flow;
import org.beaconwatch.flow.FlowBatch;
import org.beaconwatch.flow.IpAddress;
import org.beaconwatch.flow.NameSource;
import org.beaconwatch.flow.Protocol;
import org.beaconwatch.report.ExploreResult.InputFile;
import org.beaconwatch.score.BeaconDetector;
import org.beaconwatch.score.DetectOptions;
import org.beaconwatch.score.DetectionResult;
import org.beaconwatch.score.FindingDetails;
import org.beaconwatch.verdict.Verdict;
import org.beaconwatch.verdict.Verdicts;

/**
 * A small detection run for report tests: a beacon to a server name that is an HTML/script
 * payload, labelled with another payload, a jittered beacon over three days, a destination shared
 * by several hosts and random traffic.
 */
final class DetectionFixtures {
    static final String HOSTILE_NAME = "<script>alert(1)</script>.example";
    static final String HOSTILE_LABEL = "<img src=x onerror=alert(2)>";
    static final long START = 1_700_000_000_000_000L;
    static final long S = 1_000_000L;

    private DetectionFixtures() {
    }

    /** The detection result with details of every alert and the 5 top others. */
    static DetectionPage page(boolean withVerdicts) {
        List<Flow> flows = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(9);
        long t = START;
        for (int i = 0; i < 400; i++) {
            flows.add(flow("10.0.0.5", "198.51.100.7", 443, t, 300 + r.nextInt(5), HOSTILE_NAME, HOSTILE_LABEL));
            t += (long) (300 * S * (1 + 0.05 * (2 * r.nextDouble() - 1)));
        }
        t = START;
        for (int i = 0; i < 700; i++) {
            flows.add(flow("10.0.0.6", "198.51.100.8", 8443, t, 120 + r.nextInt(3), null, null));
            t += (long) (360 * S * (1 + 0.3 * (2 * r.nextDouble() - 1)));
        }
        for (int h = 1; h <= 6; h++) {
            t = START + h * 1000L * S;
            for (int i = 0; i < 60; i++) {
                flows.add(flow("10.0.1." + h, "203.0.113.9", 443, t, 200 + r.nextInt(50_000), null, null));
                t += (long) (-Math.log(1 - r.nextDouble()) * 900 * S);
            }
        }
        flows.sort((a, b) -> Long.compare(a.tsMicros(), b.tsMicros()));
        List<FlowBatch> batches = new ArrayList<>();
        FlowBatch cur = new FlowBatch(1024);
        for (Flow f : flows) {
            if (cur.isFull()) {
                batches.add(cur);
                cur = new FlowBatch(1024);
            }
            cur.add(f);
        }
        batches.add(cur);
        FindingDetails details = new FindingDetails(5);
        DetectionResult res = new BeaconDetector(details).detect(batches, DetectOptions.defaults().withThreads(1));
        Verdicts verdicts = !withVerdicts ? Verdicts.none() : Verdicts.of(List.of(
                new Verdict("10.0.0.5", "", -1, HOSTILE_NAME, Verdict.Kind.MALICIOUS, "<b>confirmed</b>", "ana", "2026-11-30",
                        2),
                new Verdict("10.0.1.1", "203.0.113.9", 443, "", Verdict.Kind.BENIGN, "", "", "", 3)));
        Verdicts.Applied applied = verdicts.apply(res);
        return DetectionReport.build(new DetectionReport.Inputs(applied.result(), details, null,
                List.of(new InputFile("conn<b>.log", 1234, "ab".repeat(32))), "beaconwatch test",
                "threshold=0.6", applied.suppressed(), verdicts::of));
    }

    private static Flow flow(String src, String dst, int port, long ts, long bytes, String name, String label) {
        return new Flow(ts, 200_000, IpAddress.parse(src), 40000 + (int) (ts / S % 20000), IpAddress.parse(dst), port,
                Protocol.TCP, null, bytes, 100, 3, 3, bytes + 100, 200, "SF", null, label, null, name,
                name == null ? NameSource.NONE : NameSource.TLS_SNI, Map.of());
    }
}
