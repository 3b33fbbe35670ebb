package org.beaconwatch.ml.split;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;

/**
 * Makes train/test splits and cross-validation folds that do not leak.
 *
 * <p>Group splits keep every host on one side, so the test score measures hosts the model has
 * never seen (the only honest question for a detector deployed on new hosts). Groups are assigned
 * stratified by whether they hold any positive row, so both sides see both classes when possible.
 * Time splits train strictly before the test period. File splits train on some captures and test
 * on others. A random row split is refused when rows come from repeating hosts: records of one
 * host share fingerprints (sizes, ports, timing) that a model memorises, which inflates the
 * score (see the test that measures it).
 *
 * <p>This class checks the arguments and picks the kind; each kind is made by its own class:
 * {@link GroupSplits}, {@link TimeSplits}, {@link FileSplits} and {@link RowSplits} (stratified
 * rows, and the refusal of a leaky row split).
 */
public final class Splits {
    /** Columns that name the host a row belongs to. */
    static final String[] HOST_COLUMNS = {"host_id", "host", "src", "src_ip", "srcaddr", "source"};

    private Splits() {
    }

    /**
     * Splits {@code rows} (indices of the usable, labelled rows of {@code t}).
     *
     * @param positive     per table row, whether its label is positive
     * @param testFraction share of rows (or groups) for the test part, in (0, 1)
     * @param allowLeaky   allow a random/stratified row split on data with hosts
     * @throws LeakySplitException when the split would leak and {@code allowLeaky} is false
     */
    public static Split split(DataTable t, int[] rows, SplitSpec spec, boolean[] positive, double testFraction, long seed,
                              boolean allowLeaky) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in (0, 1), got " + testFraction);
        }
        return switch (spec.kind()) {
            case GROUP -> GroupSplits.split(rows, GroupSplits.column(t, spec.column()), positive, testFraction, seed);
            case TIME -> TimeSplits.split(t, rows, testFraction, spec.gapSeconds());
            case FILE -> FileSplits.split(t, rows, spec.testFile());
            case STRATIFIED, RANDOM -> {
                RowSplits.refuseIfLeaky(t, rows, spec, allowLeaky);
                Split s = RowSplits.split(rows, positive, testFraction, seed);
                yield new Split(s.train(), s.test(), spec + ": " + s.description());
            }
        };
    }

    /**
     * Cross-validation folds over {@code trainRows}, of the same kind as the outer split: group
     * k-fold for group splits, forward-chaining folds for time splits (each fold validates on the
     * block after its training blocks, with the outer split's gap between them), leave-one-file-out for file splits with several training
     * files, stratified k-fold otherwise.
     */
    public static List<Split> folds(DataTable t, int[] trainRows, SplitSpec spec, boolean[] positive, int k, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("need at least 2 folds, got " + k);
        }
        return switch (spec.kind()) {
            case GROUP -> GroupSplits.folds(trainRows, GroupSplits.values(GroupSplits.column(t, spec.column())), positive,
                    k, seed);
            case TIME -> TimeSplits.folds(t, trainRows, k, spec.gapSeconds());
            case FILE -> FileSplits.folds(t, trainRows, positive, k, seed);
            default -> RowSplits.folds(trainRows, positive, k, seed);
        };
    }

    /**
     * Leave-one-capture-out folds: one fold per input file among {@code trainRows}, validating on that
     * file with the others as training rows. Null when the rows come from fewer than three files (two
     * folds of one file each say little about a third).
     */
    public static List<Split> captureFolds(DataTable t, int[] trainRows) {
        return FileSplits.captureFolds(t, trainRows);
    }

    /** The column naming hosts, or null. */
    public static Column hostColumn(DataTable t) {
        for (String h : HOST_COLUMNS) {
            var c = t.column(h);
            if (c.isPresent()) {
                return c.get();
            }
        }
        return null;
    }

    /**
     * The k folds of {@code rows} given the fold of each table row ({@code fold[r]} in 0..k-1): fold f
     * validates on the rows of fold f and trains on the others, described as "WHAT fold f/k".
     */
    static List<Split> foldsOf(int[] rows, int[] fold, int k, String what) {
        List<Split> out = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            int validating = f;
            out.add(byTest(rows, r -> fold[r] == validating, what + " fold " + (f + 1) + "/" + k));
        }
        return out;
    }

    /** {@code rows} cut in two: those {@code inTest} says are test rows, and the rest to train on, each in the given order. */
    static Split byTest(int[] rows, IntPredicate inTest, String description) {
        int[] tr = new int[rows.length];
        int[] te = new int[rows.length];
        int a = 0;
        int b = 0;
        for (int r : rows) {
            if (inTest.test(r)) {
                te[b++] = r;
            } else {
                tr[a++] = r;
            }
        }
        return new Split(Arrays.copyOf(tr, a), Arrays.copyOf(te, b), description);
    }
}
