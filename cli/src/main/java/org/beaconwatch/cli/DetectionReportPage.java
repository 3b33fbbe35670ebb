package org.beaconwatch.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.beaconwatch.BuildInfo;
import org.beaconwatch.report.ExploreResult.InputFile;
import org.beaconwatch.report.detection.DetectionPage;
import org.beaconwatch.report.detection.DetectionReport;
import org.beaconwatch.score.DetectionResult;
import org.beaconwatch.score.Finding;
import org.beaconwatch.score.FindingDetails;
import org.beaconwatch.verdict.Verdict;

/** Writes {@code detect --html}: builds the page from the result and writes it atomically. */
final class DetectionReportPage {
    private DetectionReportPage() {
    }

    static void write(Path file, DetectionResult result, FindingDetails details, List<String[]> digests, String options,
                      int suppressed, Function<Finding, Verdict> verdictOf) throws IOException {
        List<InputFile> inputs = new ArrayList<>();
        for (String[] d : digests) {
            inputs.add(new InputFile(d[0], d[1].isEmpty() ? -1 : Long.parseLong(d[1]), d[2]));
        }
        DetectionPage page = DetectionReport.build(new DetectionReport.Inputs(result, details, null, inputs,
                "beaconwatch " + BuildInfo.version(), options, suppressed, verdictOf));
        DetectionReport.write(page, file);
    }
}
