package org.beaconwatch.ml.split;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;

/**
 * Stratified row splits and folds (rows shuffled by seed within each class, so each part keeps the
 * share of positives), and the refusal of such a split on data whose rows come from repeating
 * hosts: records of one host share fingerprints a model memorises, which inflates the test score.
 */
final class RowSplits {
    private RowSplits() {
    }

    /**
     * Refuses a row split of {@code rows} when the input names hosts and some host holds more than one
     * of them, unless {@code allowLeaky}.
     *
     * @throws LeakySplitException naming the host column and the splits that do not leak
     */
    static void refuseIfLeaky(DataTable t, int[] rows, SplitSpec spec, boolean allowLeaky) {
        if (allowLeaky) {
            return;
        }
        Column host = Splits.hostColumn(t);
        if (host == null) {
            return;
        }
        Set<String> distinct = new HashSet<>();
        for (int r : rows) {
            distinct.add(host.text(r));
        }
        if (distinct.size() < rows.length) {
            throw new LeakySplitException(String.format(Locale.ROOT,
                    "refusing a %s row split: the %d rows come from %d hosts (column %s), so records of the same "
                            + "host would land in both training and test data. A model then recognises hosts it has "
                            + "already seen (their sizes, ports and timing) instead of learning malicious behaviour, "
                            + "and the test score is inflated. Use --split group:%s (hosts never shared), --split time "
                            + "or --split file; or pass --allow-leaky-split to do it anyway.",
                    spec, rows.length, distinct.size(), host.name(), host.name()));
        }
    }

    /** Puts {@code testFraction} of each class's rows, rounded, in the test part. */
    static Split split(int[] rows, boolean[] positive, double testFraction, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[][] byClass = byClass(rows, positive, rnd);
        boolean[] isTest = new boolean[positive.length];
        for (int[] c : byClass) {
            int take = (int) Math.round(c.length * testFraction);
            for (int i = 0; i < take; i++) {
                isTest[c[i]] = true;
            }
        }
        return Splits.byTest(rows, r -> isTest[r],
                String.format(Locale.ROOT, "stratified rows, %.0f%% test", testFraction * 100));
    }

    /** Stratified k-fold: the rows of each class dealt round the folds in turn. */
    static List<Split> folds(int[] rows, boolean[] positive, int k, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[][] byClass = byClass(rows, positive, rnd);
        int[] fold = new int[positive.length];
        int next = 0;
        for (int[] c : byClass) {
            for (int r : c) {
                fold[r] = next++ % k;
            }
        }
        return Splits.foldsOf(rows, fold, k, "stratified");
    }

    /** The positive rows and the negative rows, each shuffled. */
    private static int[][] byClass(int[] rows, boolean[] positive, SplittableRandom rnd) {
        int np = 0;
        for (int r : rows) {
            if (positive[r]) {
                np++;
            }
        }
        int[] pos = new int[np];
        int[] neg = new int[rows.length - np];
        int a = 0;
        int b = 0;
        for (int r : rows) {
            if (positive[r]) {
                pos[a++] = r;
            } else {
                neg[b++] = r;
            }
        }
        shuffle(pos, rnd);
        shuffle(neg, rnd);
        return new int[][] {pos, neg};
    }

    private static void shuffle(int[] a, SplittableRandom rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int x = a[i];
            a[i] = a[j];
            a[j] = x;
        }
    }
}
