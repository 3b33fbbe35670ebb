package org.beaconwatch.ml.split;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.beaconwatch.table.Column;
import org.beaconwatch.table.DataTable;

/**
 * File splits: train on some input files (captures) and test on others, so the test part is a
 * capture the model has never seen. Their folds leave one training file out at a time; the
 * leave-one-capture-out folds that choose a threshold per capture are made here too.
 */
final class FileSplits {
    private FileSplits() {
    }

    /**
     * Tests on the inputs whose name contains {@code testName}, or on the last input when it is null.
     *
     * @throws UnusableSplitException with rows from fewer than 2 inputs, or a name that matches none or all
     */
    static Split split(DataTable t, int[] rows, String testName) {
        List<String> names = t.sourceNames();
        Set<Integer> sources = new HashSet<>();
        for (int r : rows) {
            sources.add(t.source(r));
        }
        if (sources.size() < 2) {
            throw new UnusableSplitException("file split needs labelled rows from at least 2 input files, found "
                    + sources.size() + "; give several inputs or use another split");
        }
        Set<Integer> test = new HashSet<>();
        if (testName == null) {
            int last = -1;
            for (int s : sources) {
                last = Math.max(last, s);
            }
            test.add(last);
        } else {
            for (int s : sources) {
                if (s < names.size() && names.get(s).contains(testName)) {
                    test.add(s);
                }
            }
            if (test.isEmpty() || test.size() == sources.size()) {
                throw new UnusableSplitException("file split: '" + testName + "' must name some but not all inputs "
                        + names);
            }
        }
        List<String> testNames = new ArrayList<>();
        for (int s : test) {
            testNames.add(s < names.size() ? names.get(s) : "#" + s);
        }
        testNames.sort(null);
        return Splits.byTest(rows, r -> test.contains(t.source(r)), "file: test on " + testNames);
    }

    /**
     * Folds of a file split's training part: group k-fold by input file when it holds two or more
     * files (at most one fold per file), else group k-fold by host when the input names hosts, else
     * stratified k-fold.
     */
    static List<Split> folds(DataTable t, int[] trainRows, boolean[] positive, int k, long seed) {
        Set<Integer> files = new HashSet<>();
        for (int r : trainRows) {
            files.add(t.source(r));
        }
        if (files.size() >= 2) {
            String[] g = new String[t.rows()];
            for (int r : trainRows) {
                g[r] = Integer.toString(t.source(r));
            }
            return GroupSplits.folds(trainRows, g, positive, Math.min(k, files.size()), seed);
        }
        Column host = Splits.hostColumn(t);
        if (host != null) {
            return GroupSplits.folds(trainRows, GroupSplits.values(host), positive, k, seed);
        }
        return RowSplits.folds(trainRows, positive, k, seed);
    }

    /**
     * Leave-one-capture-out folds: one fold per input file among {@code trainRows}, validating on that
     * file with the others as training rows. Null when the rows come from fewer than three files (two
     * folds of one file each say little about a third).
     */
    static List<Split> captureFolds(DataTable t, int[] trainRows) {
        TreeMap<Integer, Integer> index = new TreeMap<>();
        for (int r : trainRows) {
            index.putIfAbsent(t.source(r), 0);
        }
        if (index.size() < 3) {
            return null;
        }
        int k = 0;
        for (var e : index.entrySet()) {
            e.setValue(k++);
        }
        int[] fold = new int[t.rows()];
        for (int r : trainRows) {
            fold[r] = index.get(t.source(r));
        }
        return Splits.foldsOf(trainRows, fold, k, "capture");
    }
}
