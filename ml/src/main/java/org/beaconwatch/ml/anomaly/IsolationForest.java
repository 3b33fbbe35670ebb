package org.beaconwatch.ml.anomaly;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded Isolation Forest: an unsupervised anomaly score for rows of numeric features.
 *
 * <p>What it measures: how easy a row is to isolate. Each tree is grown on a random subsample
 * (without replacement) of {@code sampleSize} rows by picking a random feature and a random split
 * value uniformly between that feature's minimum and maximum in the node, until a node holds one
 * row, all its rows are identical, or the height limit ceil(log2(sampleSize)) is reached. Anomalies
 * are few and different, so they end up in short paths. The score of a row x is
 * {@code s(x, n) = 2^(-E[h(x)] / c(n))}, where h(x) is the path length in one tree (edges from the
 * root plus c(size) for an external node that still holds {@code size > 1} rows), E is the mean
 * over the trees, n the subsample size and {@code c(n) = 2 H(n-1) - 2 (n-1) / n} the average path
 * length of an unsuccessful search in a binary search tree, with {@code H(i) ~ ln(i) + 0.5772156649}.
 * Scores lie in (0, 1]: close to 1 = clearly anomalous, well below 0.5 = normal, about 0.5
 * everywhere = no distinct anomaly.
 *
 * <p>Why: it needs no labels, no distance metric and no distribution assumptions, and it is
 * linear in the number of rows, so it is a good first look at which records stand out.
 *
 * <p>Missing values: a non-finite cell (NaN or +-infinity) is treated as missing and replaced by
 * the median of that column's finite training values (0 when a column has none), both at fit
 * time and when scoring. The fitted model keeps those medians ({@link #medians()}).
 *
 * <p>Determinism: every random choice comes from {@link SplittableRandom} seeded with
 * {@link Params#seed()}; the same rows and parameters give the same model and scores.
 *
 * <p>Source: F. T. Liu, K. M. Ting, Z.-H. Zhou, "Isolation Forest", ICDM 2008, and "Isolation-based
 * anomaly detection", ACM TKDD 6(1), 2012.
 */
public final class IsolationForest {
    private static final double EULER_GAMMA = 0.5772156649015329;

    /**
     * Fitting parameters.
     *
     * @param trees      number of trees (the paper's default is 100)
     * @param sampleSize rows drawn without replacement per tree (default 256; capped at the number of rows)
     * @param seed       seed of all random choices
     */
    public record Params(int trees, int sampleSize, long seed) {
        public Params {
            if (trees < 1) {
                throw new IllegalArgumentException("trees must be >= 1, got " + trees);
            }
            if (sampleSize < 2) {
                throw new IllegalArgumentException("sampleSize must be >= 2, got " + sampleSize);
            }
        }

        /** The paper's defaults: 100 trees of 256 rows, with the given seed. */
        public static Params defaults(long seed) {
            return new Params(100, 256, seed);
        }
    }

    private final Tree[] trees;
    private final double[] medians;
    private final int sampleSize;
    private final double cn;

    private IsolationForest(Tree[] trees, double[] medians, int sampleSize) {
        this.trees = trees;
        this.medians = medians;
        this.sampleSize = sampleSize;
        this.cn = averagePathLength(sampleSize);
    }

    /**
     * Fits a forest.
     *
     * @param rows rows of equal length (at least 2 rows, at least 1 column); not modified
     * @param p    parameters
     * @return the fitted model
     */
    public static IsolationForest fit(double[][] rows, Params p) {
        if (rows.length < 2) {
            throw new IllegalArgumentException("Isolation Forest needs at least 2 rows, got " + rows.length);
        }
        int d = rows[0].length;
        if (d < 1) {
            throw new IllegalArgumentException("Isolation Forest needs at least 1 column");
        }
        for (double[] r : rows) {
            if (r.length != d) {
                throw new IllegalArgumentException("rows differ in length: " + r.length + " vs " + d);
            }
        }
        double[] medians = columnMedians(rows, d);
        // Column-major copy with missing values imputed: columns[f][i].
        int n = rows.length;
        double[][] cols = new double[d][n];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < d; f++) {
                double v = rows[i][f];
                cols[f][i] = Double.isFinite(v) ? v : medians[f];
            }
        }
        int psi = Math.min(p.sampleSize(), n);
        int heightLimit = (int) Math.ceil(Math.log(psi) / Math.log(2));
        SplittableRandom rnd = new SplittableRandom(p.seed());
        Tree[] trees = new Tree[p.trees()];
        int[] pool = new int[n];
        for (int t = 0; t < trees.length; t++) {
            for (int i = 0; i < n; i++) {
                pool[i] = i;
            }
            // Partial Fisher-Yates: the first psi entries are a uniform sample without replacement.
            for (int i = 0; i < psi; i++) {
                int j = i + rnd.nextInt(n - i);
                int tmp = pool[i];
                pool[i] = pool[j];
                pool[j] = tmp;
            }
            int[] idx = Arrays.copyOf(pool, psi);
            Tree tree = new Tree(psi);
            tree.grow(cols, idx, 0, psi, 0, heightLimit, rnd.split());
            trees[t] = tree;
        }
        return new IsolationForest(trees, medians, psi);
    }

    /**
     * The anomaly score {@code s(x, n) = 2^(-E[h(x)]/c(n))} of one row, in (0, 1]; higher = more anomalous.
     * Missing (non-finite) cells are replaced by the training median of their column.
     */
    public double score(double[] row) {
        return Math.pow(2.0, -meanPathLength(row) / cn);
    }

    /** Scores of many rows. */
    public double[] scores(double[][] rows) {
        double[] s = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            s[i] = score(rows[i]);
        }
        return s;
    }

    /** E[h(x)]: the path length of {@code row} averaged over the trees. */
    public double meanPathLength(double[] row) {
        if (row.length != medians.length) {
            throw new IllegalArgumentException("row has " + row.length + " values, model expects " + medians.length);
        }
        double[] x = new double[row.length];
        for (int f = 0; f < x.length; f++) {
            x[f] = Double.isFinite(row[f]) ? row[f] : medians[f];
        }
        double sum = 0;
        for (Tree t : trees) {
            sum += t.pathLength(x);
        }
        return sum / trees.length;
    }

    /** The column medians used to fill missing values (a copy). */
    public double[] medians() {
        return medians.clone();
    }

    /** The subsample size actually used per tree (min of the parameter and the number of rows). */
    public int sampleSize() {
        return sampleSize;
    }

    /** Number of trees. */
    public int trees() {
        return trees.length;
    }

    /**
     * c(n): the average path length of an unsuccessful search in a binary search tree of n nodes,
     * used to normalise path lengths; 0 for n <= 1, 1 for n = 2.
     */
    public static double averagePathLength(int n) {
        if (n <= 1) {
            return 0;
        }
        if (n == 2) {
            return 1;
        }
        double h = Math.log(n - 1.0) + EULER_GAMMA;
        return 2.0 * h - 2.0 * (n - 1.0) / n;
    }

    private static double[] columnMedians(double[][] rows, int d) {
        double[] med = new double[d];
        double[] buf = new double[rows.length];
        for (int f = 0; f < d; f++) {
            int k = 0;
            for (double[] r : rows) {
                if (Double.isFinite(r[f])) {
                    buf[k++] = r[f];
                }
            }
            if (k == 0) {
                med[f] = 0;
                continue;
            }
            Arrays.sort(buf, 0, k);
            med[f] = (k & 1) == 1 ? buf[k / 2] : (buf[k / 2 - 1] + buf[k / 2]) / 2.0;
        }
        return med;
    }

    /** One isolation tree in flat arrays; node 0 is the root. */
    private static final class Tree {
        private int[] feature;    // -1 = external node
        private double[] split;
        private int[] left;
        private int[] right;
        private int[] size;       // rows in an external node
        private int nodes;

        Tree(int psi) {
            int cap = Math.max(1, 2 * psi);
            feature = new int[cap];
            split = new double[cap];
            left = new int[cap];
            right = new int[cap];
            size = new int[cap];
        }

        private int newNode() {
            if (nodes == feature.length) {
                int cap = nodes * 2;
                feature = Arrays.copyOf(feature, cap);
                split = Arrays.copyOf(split, cap);
                left = Arrays.copyOf(left, cap);
                right = Arrays.copyOf(right, cap);
                size = Arrays.copyOf(size, cap);
            }
            return nodes++;
        }

        /** Grows the subtree over idx[from, to) and returns its node index. */
        int grow(double[][] cols, int[] idx, int from, int to, int depth, int heightLimit, SplittableRandom rnd) {
            int node = newNode();
            int count = to - from;
            feature[node] = -1;
            size[node] = count;
            if (count <= 1 || depth >= heightLimit) {
                return node;
            }
            // Choose uniformly among the features that still vary in this node.
            int d = cols.length;
            int[] candidates = new int[d];
            double[] mins = new double[d];
            double[] maxs = new double[d];
            int nc = 0;
            for (int f = 0; f < d; f++) {
                double[] c = cols[f];
                double lo = c[idx[from]];
                double hi = lo;
                for (int i = from + 1; i < to; i++) {
                    double v = c[idx[i]];
                    if (v < lo) {
                        lo = v;
                    } else if (v > hi) {
                        hi = v;
                    }
                }
                if (hi > lo) {
                    candidates[nc] = f;
                    mins[nc] = lo;
                    maxs[nc] = hi;
                    nc++;
                }
            }
            if (nc == 0) {
                return node; // all rows identical: cannot be isolated further
            }
            int pick = rnd.nextInt(nc);
            int f = candidates[pick];
            double s = mins[pick] + rnd.nextDouble() * (maxs[pick] - mins[pick]);
            if (s <= mins[pick]) {
                s = Math.nextUp(mins[pick]); // keep both sides non-empty: left is v < s
            }
            double[] c = cols[f];
            int mid = from;
            for (int i = from; i < to; i++) {
                if (c[idx[i]] < s) {
                    int tmp = idx[i];
                    idx[i] = idx[mid];
                    idx[mid] = tmp;
                    mid++;
                }
            }
            feature[node] = f;
            split[node] = s;
            int l = grow(cols, idx, from, mid, depth + 1, heightLimit, rnd);
            int r = grow(cols, idx, mid, to, depth + 1, heightLimit, rnd);
            left[node] = l;
            right[node] = r;
            return node;
        }

        double pathLength(double[] x) {
            int node = 0;
            int depth = 0;
            while (feature[node] >= 0) {
                node = x[feature[node]] < split[node] ? left[node] : right[node];
                depth++;
            }
            return depth + averagePathLength(size[node]);
        }
    }
}
