package org.beaconwatch.ml.split;

import java.util.ArrayList;
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
 * Group splits and group k-fold: every value of the group column (a host) lands on one side only,
 * so the test or validation part holds only groups the model has never seen. Groups are shuffled by
 * seed in two strata, groups with a positive row and groups without, and each stratum is shared out
 * on its own, so both sides see both classes when possible.
 */
final class GroupSplits {
    private GroupSplits() {
    }

    /** The group column named by the split, or a message listing the columns the input has. */
    static Column column(DataTable t, String name) {
        return t.column(name).orElseThrow(() -> new IllegalArgumentException(
                "group column '" + name + "' is not in the input; it has: " + String.join(", ", t.names())));
    }

    /** The group of each row: the column's text, one shared group for the rows where it is missing. */
    static String[] values(Column c) {
        String[] g = new String[c.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = c.isMissing(i) ? "\u0000missing" : c.text(i);
        }
        return g;
    }

    /**
     * Puts about {@code testFraction} of each stratum's groups in the test part (at least one group,
     * and never all, of a stratum with two or more).
     *
     * @throws UnusableSplitException with fewer than 2 groups, or no group in the test part
     */
    static Split split(int[] rows, Column col, boolean[] positive, double testFraction, long seed) {
        String[] g = values(col);
        List<List<String>> strata = strata(rows, g, positive, seed);
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
        return Splits.byTest(rows, r -> testGroups.contains(g[r]), String.format(Locale.ROOT,
                "group:%s: %d groups train, %d groups test (no group on both sides)", col.name(),
                nGroups - testGroups.size(), testGroups.size()));
    }

    /**
     * Group k-fold over {@code rows}, groups given per table row by {@code g}: the groups of both
     * strata dealt round the folds in turn; fewer folds when there are fewer groups than k.
     *
     * @throws UnusableSplitException with fewer than 2 groups
     */
    static List<Split> folds(int[] rows, String[] g, boolean[] positive, int k, long seed) {
        List<List<String>> strata = strata(rows, g, positive, seed);
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
        return Splits.foldsOf(rows, fold, kk, "group");
    }

    /** Groups shuffled by seed, in two strata: groups with a positive row, groups without. */
    private static List<List<String>> strata(int[] rows, String[] g, boolean[] positive, long seed) {
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

    private static <T> void shuffle(List<T> a, SplittableRandom rnd) {
        for (int i = a.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            T x = a.get(i);
            a.set(i, a.get(j));
            a.set(j, x);
        }
    }
}
