package org.beaconwatch.ml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.beaconwatch.io.ReadOptions;
import org.beaconwatch.ml.model.LeaveOneCaptureOut;
import org.beaconwatch.ml.model.ThresholdRule;
import org.beaconwatch.ml.model.TrainOptions;
import org.beaconwatch.ml.split.SplitSpec;
import org.beaconwatch.table.DataTable;
import org.beaconwatch.verdict.VerdictFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leave one capture out over every labelled capture of the shared data that gives channels: the
 * RITA proxy lab (labelled by two analyst verdicts on the proxied host names), CTU-Normal-7 (a
 * normal capture, every channel benign) and the captures with a label column.
 */
class CaptureTransferTest {
    static final String[] FILES = {"stratosphere-njrat-ctu-malware-230-1-zeek/labeled-conn.log",
        "stratosphere-remcos-ctu-sme-11-zeek/conn.log.labeled",
        "stratosphere-ctu50-benign-windows-zeek/008-ctu-normal-40-day1.conn.log.labeled",
        "slips-test-cc-periodic-https/test-cc-capture-1.binetflow",
        "slips-test-cc-periodic-https/test-cc-capture-2.binetflow",
        "iot23-ctu-iot-malware-capture-34-1-mirai-zeek/conn.log.labeled",
        "slips-binetflow-samples/test5-malware-labeled.tab.binetflow",
        "slips-binetflow-samples/CTU-Normal-7-2013-12-17.binetflow",
        "stratosphere-ctu50-benign-windows-zeek/010-ctu-normal-42-day2.conn.log.labeled"};
    static final String RITA = "activecm-rita-proxy-beacon-zeek";
    static final String RITA_VERDICTS = VerdictFile.HEADER + "\n"
            + "10.136.0.18,,,www.honestimnotevil.com,malicious,RITA lab beacon,lab,2026-11-30\n"
            + "10.136.0.18,,,www.google.com,benign,lab browsing,lab,2026-11-30\n";

    /** Every labelled capture as channels, RITA labelled by verdicts, CTU-Normal-7 as benign. */
    static DataTable allCaptures(Path tmp) throws Exception {
        List<Path> paths = new ArrayList<>();
        for (String f : FILES) {
            paths.add(SharedData.data(f));
        }
        paths.add(7, SharedData.folder(RITA));
        DataTable t = ChannelInputs.read(paths, ReadOptions.defaults()).table();
        t = BenignCaptures.apply(t, "label", List.of("CTU-Normal-7")).table();
        Path v = tmp.resolve("verdicts.csv");
        Files.writeString(v, RITA_VERDICTS);
        return VerdictLabels.apply(t, VerdictFile.read(v), "label").table();
    }

    @Test
    void everyLabelledCaptureIsHeldOutInTurn(@TempDir Path tmp) throws Exception {
        DataTable t = allCaptures(tmp);
        TrainOptions o = TrainOptions.defaults(VerdictLabels.COLUMN, SplitSpec.parse("file:010")).withFeatures("channel")
                .withTrees(150, 5);
        List<LeaveOneCaptureOut.CaptureResult> loco = LeaveOneCaptureOut.run(t, o);
        for (var c : loco) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-70s %4d %4d", c.capture(), c.rows(),
                    c.positives()));
            for (var r : c.rules()) {
                sb.append(String.format(Locale.ROOT, " | %s %.3f %.2f FP %d P %s R %s", r.rule().label(), r.prAuc(),
                        r.threshold(), r.atThreshold().fp(), f(r.atThreshold().tp() + r.atThreshold().fp() == 0, r.atThreshold().precision()),
                        f(r.atThreshold().tp() + r.atThreshold().fn() == 0, r.atThreshold().recall())));
            }
            System.out.println(sb);
        }
        for (var s : LeaveOneCaptureOut.summary(loco)) {
            System.out.printf(Locale.ROOT, "%-18s mean F1 %.3f over %d captures; TP %d FP %d FN %d%n", s.rule().label(),
                    s.meanF1(), s.captures(), s.tp(), s.fp(), s.fn());
        }
        assertThat(loco).hasSize(FILES.length + 1);
        var normal7 = loco.stream().filter(c -> c.capture().contains("CTU-Normal-7")).findFirst().orElseThrow();
        assertThat(normal7.positives()).isZero();
        assertThat(normal7.rule(ThresholdRule.FOLD_MEDIAN_F1).prAuc()).isNaN();
        var rita = loco.stream().filter(c -> c.capture().contains(RITA)).findFirst().orElseThrow();
        assertThat(rita.rows()).isEqualTo(2);
        assertThat(rita.positives()).isEqualTo(1);
    }

    private static String f(boolean undefined, double v) {
        return undefined ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }
}
