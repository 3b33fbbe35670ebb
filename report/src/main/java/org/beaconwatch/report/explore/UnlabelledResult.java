package org.beaconwatch.report.explore;

import java.util.List;
import org.beaconwatch.report.ExploreResult.InputFile;

/**
 * Every figure of the exploration of an unlabelled log, section by section; {@link ExploreCharts}
 * draws them and the template lays them out.
 *
 * @param tool          tool and version
 * @param inputs        input files with SHA-256
 * @param options       options as given
 * @param overview      size, span, columns
 * @param numeric       numeric columns' distributions and outliers
 * @param categorical   categorical columns' top values
 * @param extremes      the most extreme rows
 * @param associations  correlations of every kind of pair
 * @param groupings     one per --by column
 * @param activity      activity over time, or null without a time column
 * @param talkers       top talkers, or null without a source column
 * @param full          statistics of every row when the sample is not the whole input (--max-rows 0 on a large
 *                      input), else null
 */
public record UnlabelledResult(String tool, List<InputFile> inputs, String options, Overview overview,
                               List<Distributions.Numeric> numeric, List<Distributions.Categorical> categorical,
                               List<Extreme> extremes, Associations.Result associations,
                               List<Groups.Grouping> groupings, Activity.Timeline activity, Activity.Talkers talkers,
                               FullScan.Result full) {

    /**
     * The size and time span of the input.
     *
     * @param rows        rows analysed
     * @param rowsRead    rows in the input
     * @param sampled     rows analysed are a seeded uniform sample
     * @param seed        seed of the sample
     * @param spanStart   first time (ISO-8601), or null
     * @param spanEnd     last time, or null
     * @param columns     every column: type, role, distinct, missing, description
     * @param sentence    one sentence about the data
     */
    public record Overview(long rows, long rowsRead, boolean sampled, long seed, String spanStart, String spanEnd,
                           List<ColumnInfo> columns, String sentence) {
    }

    /** A column of the overview. */
    public record ColumnInfo(String name, String kind, long distinct, long missing, double missingFraction,
                             String example, String description) {
    }

    /** A row that stands out: the column where it is most extreme and its robust z there. */
    public record Extreme(int row, String src, String dst, String column, double value, double robustZ) {
    }
}
