package org.beaconwatch.report;

import java.util.List;
import java.util.Map;
import org.beaconwatch.output.Numbers;
import org.beaconwatch.output.Provenance;
import org.beaconwatch.report.ExploreResult.ChannelView;
import org.beaconwatch.report.ExploreResult.FeatureTest;
import org.beaconwatch.report.ExploreResult.Sample;
import org.beaconwatch.report.ExploreResult.Samples;
import org.beaconwatch.report.ExploreResult.Signal;
import org.beaconwatch.table.DataTable;

/**
 * Computes the labelled exploration from a {@link DataTable}: one class per section, each returning
 * a record of numbers ({@link OverviewSection}, {@link MissingSection}, {@link LabelSection},
 * {@link OutlierSection}, {@link FeatureSection}, {@link InteractionSection}, {@link ChannelSection},
 * {@link SignalSection}), over the rows split by the label ({@link LabelSplit}). Nothing here draws
 * or writes: {@link ReportWriter} presents the result. The command-level workflow (reading the
 * inputs, running the detection engine for the channel view) is
 * {@link org.beaconwatch.report.explore.Exploration#run}.
 */
public final class Explorer {
    private Explorer() {
    }

    /** Explores a table with provenance "not recorded" (no inputs, no time): all rows read, no channel table. */
    public static ExploreResult explore(DataTable table, ExploreOptions options) {
        return explore(table, options, table.rows(), unrecorded(options), null, null);
    }

    /**
     * Explores a table.
     *
     * @param table       the (possibly sampled) rows
     * @param options     options
     * @param rowsRead    rows in the input before sampling
     * @param provenance  where the rows came from
     * @param channels    per-channel features with a label column, or null when the input has no
     *                    channels (no src/dst/ts) or the detector was not run
     * @param channelNote why there is no channel view, or how it was made; may be null
     */
    public static ExploreResult explore(DataTable table, ExploreOptions options, long rowsRead, Provenance provenance,
                                        DataTable channels, String channelNote) {
        LabelSplit split = new LabelSplit(table, options, options.labelColumn(), options.positive());
        boolean sampled = rowsRead > table.rows();
        String note = sampled
                ? "Sampled: " + Numbers.count(table.rows()) + " of " + Numbers.count(rowsRead)
                        + " rows (seeded uniform reservoir sample, seed " + options.seed() + ")."
                : "All " + Numbers.count(table.rows()) + " rows analysed.";
        Sample sample = new Sample(options, rowsRead, table.rows(), sampled, note);
        OutlierSection.Computed outliers = OutlierSection.compute(split);
        FeatureSection.Computed features = FeatureSection.compute(split);
        List<FeatureTest> tests = features.tests();
        List<Signal> signals = SignalSection.compute(tests, split.positiveName(), "row");
        ChannelSection.Computed cv = ChannelSection.compute(channels, options, channelNote);
        ChannelView channelView = cv.view();
        return new ExploreResult(provenance, sample, OverviewSection.compute(table, rowsRead, sampled),
                MissingSection.compute(split), LabelSection.compute(split), outliers.outliers(), tests,
                InteractionSection.compute(split), channelView, signals,
                new Samples(features.values(), cv.values(), outliers.scoresByClass() == null ? Map.of()
                        : Map.of(Samples.FOREST, outliers.scoresByClass())));
    }

    /** A provenance for a table handed in directly: this build, no inputs, no time. */
    public static Provenance unrecorded(ExploreOptions options) {
        return new Provenance(Provenance.TOOL, org.beaconwatch.BuildInfo.version(), "explore", describe(options), "",
                List.of());
    }

    /** The options in one line, for the provenance. */
    public static String describe(ExploreOptions o) {
        return "label=" + o.labelColumn() + (o.positive() == null ? "" : " positive=" + o.positive()) + " max_rows="
                + o.maxRows() + " seed=" + o.seed() + " top=" + o.topOutliers();
    }
}
