package org.beaconwatch.ml.split;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
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
 */
public final class Splits {
    /** Columns that name the host a row belongs to. */
    static final String[] HOST_COLUMNS = {"host_id", "host", "src", "src_ip", "srcaddr", "source"};
    static final String[] TIME_COLUMNS = {"ts", "timestamp", "time", "stime", "starttime"};

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
            case GROUP -> group(t, rows, groupColumn(t, spec.column()), positive, testFraction, seed);
            case TIME -> time(t, rows, testFraction, spec.gapSeconds());
            case FILE -> file(t, rows, spec.testFile());
            case STRATIFIED, RANDOM -> {
                refuseIfLeaky(t, rows, spec, allowLeaky);
                Split s = stratified(rows, positive, testFraction, seed);
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
        switch (spec.kind()) {
            case GROUP -> {
                return groupFolds(trainRows, groupValues(groupColumn(t, spec.column())), positive, k, seed);
            }
            case TIME -> {
                return timeFolds(t, trainRows, k, spec.gapSeconds());
            }
            case FILE -> {
                Set<Integer> files = new HashSet<>();
                for (int r : trainRows) {
                    files.add(t.source(r));
                }
                if (files.size() >= 2) {
                    int[] src = new int[t.rows()];
                    String[] g = new String[t.rows()];
                    for (int r : trainRows) {
                        src[r] = t.source(r);
                        g[r] = Integer.toString(src[r]);
                    }
                    return groupFolds(trainRows, g, positive, Math.min(k, files.size()), seed);
                }
                Column host = hostColumn(t);
                if (host != null) {
                    return groupFolds(trainRows, groupValues(host), positive, k, seed);
                }
                return stratifiedFolds(trainRows, positive, k, seed);
            }
            default -> {
                return stratifiedFolds(trainRows, positive, k, seed);
            }
        }
    }

    /**
     * Leave-one-capture-out folds: one fold per input file among {@code trainRows}, validating on that
     * file with the others as training rows. Null when the rows come from fewer than three files (two
     * folds of one file each say little about a third).
     */
    public static List<Split> captureFolds(DataTable t, int[] trainRows) {
        java.util.TreeMap<Integer, Integer> index = new java.util.TreeMap<>();
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
        return foldsOf(trainRows, fold, k, "capture");
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

    private static void refuseIfLeaky(DataTable t, int[] rows, SplitSpec spec, boolean allowLeaky) {
        if (allowLeaky) {
            return;
        }
        Column host = hostColumn(t);
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

    private static Column groupColumn(DataTable t, String name) {
        return t.column(name).orElseThrow(() -> new IllegalArgumentException(
                "group column '" + name + "' is not in the input; it has: " + String.join(", ", t.names())));
    }

    private static String[] groupValues(Column c) {
        String[] g = new String[c.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = c.isMissing(i) ? "\u0000missing" : c.text(i);
        }
        return g;
    }

    static Split group(DataTable t, int[] rows, Column col, boolean[] positive, double testFraction, long seed) {
        String[] g = groupValues(col);
        List<List<String>> strata = groupStrata(rows, g, positive, seed);
        Set<String> testGroups = new HashSet<>();
        int nGroups = 0;
        for (List<String> s : strata) {
            nGroups += s.size();
            int take = (int) Math.round(s.size() * testFraction);
            if (take == 0 && s.size() >= 2) {
                take = 1;
            }
            if (take == s.size() && s.size() >= 2) {
                take = s.size() - 1;
            }
            testGroups.addAll(s.subList(0, take));
        }
        if (nGroups < 2) {
            throw new UnusableSplitException("group split on " + col.name() + " needs at least 2 groups, found " + nGroups);
        }
        if (testGroups.isEmpty()) {
            throw new UnusableSplitException("group split on " + col.name() + " put no group in the test part");
        }
        int[] train = new int[rows.length];
        int[] test = new int[rows.length];
        int a = 0;
        int b = 0;
        for (int r : rows) {
            if (testGroups.contains(g[r])) {
                test[b++] = r;
            } else {
                train[a++] = r;
            }
        }
        return new Split(Arrays.copyOf(train, a), Arrays.copyOf(test, b), String.format(Locale.ROOT,
                "group:%s: %d groups train, %d groups test (no group on both sides)", col.name(),
                nGroups - testGroups.size(), testGroups.size()));
    }

    /** Groups shuffled by seed, in two strata: groups with a positive row, groups without. */
    private static List<List<String>> groupStrata(int[] rows, String[] g, boolean[] positive, long seed) {
        Map<String, Boolean> hasPos = new LinkedHashMap<>();
        for (int r : rows) {
            hasPos.merge(g[r], positive[r], Boolean::logicalOr);
        }
        List<String> pos = new ArrayList<>();
        List<String> neg = new ArrayList<>();
        for (var e : hasPos.entrySet()) {
            (e.getValue() ? pos : neg).add(e.getKey());
        }
        pos.sort(null);
        neg.sort(null);
        SplittableRandom rnd = new SplittableRandom(seed);
        shuffle(pos, rnd);
        shuffle(neg, rnd);
        return List.of(pos, neg);
    }

    static Split time(DataTable t, int[] rows, double testFraction, double gap) {
        Column tc = null;
        for (String n : TIME_COLUMNS) {
            var c = t.column(n);
            if (c.isPresent() && c.get() instanceof Column.Numeric) {
                tc = c.get();
                break;
            }
        }
        if (tc == null) {
            throw new UnusableSplitException("time split needs a numeric time column (ts); the input has: "
                    + String.join(", ", t.names()));
        }
        double[] ts = ((Column.Numeric) tc).values();
        double[] known = new double[rows.length];
        int n = 0;
        for (int r : rows) {
            if (!Double.isNaN(ts[r])) {
                known[n++] = ts[r];
            }
        }
        if (n < 2) {
            throw new UnusableSplitException("time split needs at least 2 rows with a time");
        }
        Arrays.sort(known, 0, n);
        double cut = known[Math.min(n - 1, (int) Math.floor(n * (1 - testFraction)))];
        if (cut == known[0]) {
            throw new UnusableSplitException("time split: too few distinct times to cut");
        }
        int[] train = new int[rows.length];
        int[] test = new int[rows.length];
        int a = 0;
        int b = 0;
        int dropped = 0;
        for (int r : rows) {
            double v = ts[r];
            if (Double.isNaN(v)) {
                dropped++;
            } else if (v >= cut) {
                test[b++] = r;
            } else if (v < cut - gap) {
                train[a++] = r;
            } else {
                dropped++;
            }
        }
        return new Split(Arrays.copyOf(train, a), Arrays.copyOf(test, b), String.format(Locale.ROOT,
                "time: train before %.3f, test from %.3f (gap %.0f s, %d rows dropped)", cut - gap, cut, gap, dropped));
    }

    static Split file(DataTable t, int[] rows, String testName) {
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
        int[] tr = new int[rows.length];
        int[] te = new int[rows.length];
        int a = 0;
        int b = 0;
        for (int r : rows) {
            if (test.contains(t.source(r))) {
                te[b++] = r;
            } else {
                tr[a++] = r;
            }
        }
        List<String> testNames = new ArrayList<>();
        for (int s : test) {
            testNames.add(s < names.size() ? names.get(s) : "#" + s);
        }
        testNames.sort(null);
        return new Split(Arrays.copyOf(tr, a), Arrays.copyOf(te, b), "file: test on " + testNames);
    }

    static Split stratified(int[] rows, boolean[] positive, double testFraction, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[][] byClass = byClass(rows, positive, rnd);
        boolean[] isTest = new boolean[positive.length];
        for (int[] c : byClass) {
            int take = (int) Math.round(c.length * testFraction);
            for (int i = 0; i < take; i++) {
                isTest[c[i]] = true;
            }
        }
        int[] tr = new int[rows.length];
        int[] te = new int[rows.length];
        int a = 0;
        int b = 0;
        for (int r : rows) {
            if (isTest[r]) {
                te[b++] = r;
            } else {
                tr[a++] = r;
            }
        }
        return new Split(Arrays.copyOf(tr, a), Arrays.copyOf(te, b),
                String.format(Locale.ROOT, "stratified rows, %.0f%% test", testFraction * 100));
    }

    static List<Split> stratifiedFolds(int[] rows, boolean[] positive, int k, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[][] byClass = byClass(rows, positive, rnd);
        int[] fold = new int[positive.length];
        int next = 0;
        for (int[] c : byClass) {
            for (int r : c) {
                fold[r] = next++ % k;
            }
        }
        return foldsOf(rows, fold, k, "stratified");
    }

    static List<Split> groupFolds(int[] rows, String[] g, boolean[] positive, int k, long seed) {
        List<List<String>> strata = groupStrata(rows, g, positive, seed);
        Map<String, Integer> foldOf = new LinkedHashMap<>();
        int next = 0;
        for (List<String> s : strata) {
            for (String grp : s) {
                foldOf.put(grp, next++ % k);
            }
        }
        int groups = foldOf.size();
        if (groups < 2) {
            throw new UnusableSplitException("cross-validation by group needs at least 2 groups in the training part");
        }
        int kk = Math.min(k, groups);
        int[] fold = new int[positive.length];
        for (int r : rows) {
            fold[r] = foldOf.get(g[r]) % kk;
        }
        return foldsOf(rows, fold, kk, "group");
    }

    /**
     * Forward-chaining time folds: the rows sorted by time are cut into k + 1 blocks, and fold f
     * validates on block f + 1 with everything before it as training rows, except the rows less than
     * {@code gap} seconds before the validation block's first time (dropped from that fold's training
     * part, like the outer time split's gap), so no validation row lies within the gap of a training row.
     */
    static List<Split> timeFolds(DataTable t, int[] rows, int k, double gap) {
        Column tc = null;
        for (String n : TIME_COLUMNS) {
            var c = t.column(n);
            if (c.isPresent() && c.get() instanceof Column.Numeric) {
                tc = c.get();
                break;
            }
        }
        double[] ts = ((Column.Numeric) tc).values();
        int[] sorted = rows.clone();
        // rows are few enough here; a primitive insertion-free sort by time
        long[] keyed = new long[sorted.length];
        double[] tv = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            tv[i] = ts[sorted[i]];
        }
        Integer[] order = new Integer[sorted.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(tv[x], tv[y]));
        for (int i = 0; i < order.length; i++) {
            keyed[i] = sorted[order[i]];
        }
        int blocks = k + 1;
        List<Split> out = new ArrayList<>();
        int n = keyed.length;
        for (int f = 1; f < blocks; f++) {
            int lo = (int) ((long) n * f / blocks);
            int hi = (int) ((long) n * (f + 1) / blocks);
            double cut = tv[order[lo]];
            int[] tr = new int[lo];
            int a = 0;
            for (int i = 0; i < lo; i++) {
                if (tv[order[i]] < cut - gap) { // the outer split's gap, between training and validation too
                    tr[a++] = (int) keyed[i];
                }
            }
            int[] te = new int[hi - lo];
            for (int i = lo; i < hi; i++) {
                te[i - lo] = (int) keyed[i];
            }
            Arrays.sort(te);
            int[] trs = Arrays.copyOf(tr, a);
            Arrays.sort(trs);
            out.add(new Split(trs, te, "time fold " + f));
        }
        return out;
    }

    private static List<Split> foldsOf(int[] rows, int[] fold, int k, String what) {
        List<Split> out = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            int[] tr = new int[rows.length];
            int[] te = new int[rows.length];
            int a = 0;
            int b = 0;
            for (int r : rows) {
                if (fold[r] == f) {
                    te[b++] = r;
                } else {
                    tr[a++] = r;
                }
            }
            out.add(new Split(Arrays.copyOf(tr, a), Arrays.copyOf(te, b), what + " fold " + (f + 1) + "/" + k));
        }
        return out;
    }

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

    private static <T> void shuffle(List<T> a, SplittableRandom rnd) {
        for (int i = a.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            T x = a.get(i);
            a.set(i, a.get(j));
            a.set(j, x);
        }
    }
}
