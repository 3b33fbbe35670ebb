package org.beaconwatch.score;

/**
 * The order of findings, on primitive keys: score descending, then connections descending, then
 * channel text ascending, then the order given (so equal findings keep their input order).
 *
 * <p>A large input has runs of equal score and connections of hundreds of thousands, so the sort
 * of many findings packs a third key: the rank of the finding's source address among the distinct
 * sources in the order of the channel text (a channel text starts with its source and a space, so
 * two channels of different sources are in the order of their sources). Dense ranks of score,
 * connections and source and the position given are packed into one long per finding, and one
 * primitive sort of those orders them (the keys are distinct and sit in one array, where a sort of
 * indices would chase every comparison through three arrays in random order). Only runs of equal
 * score, connections and source (one host's channels) compare channel texts
 * ({@link ChannelId#compareText}, without building them). A few findings, or keys too wide for a
 * long, are merge-sorted as indices on (score, connections) with channel texts in the tie runs.
 *
 * <p>{@link #select} keeps only what is written when the output asks for the top rows or the
 * alerts: a bounded heap finds the key of the last row wanted, everything at or above it (and
 * every alert) is a prefix of the full order, and only that prefix is sorted. Its ranks are the
 * ranks the full order gives.
 */
final class FindingRanking {
    /** Runs shorter than this are sorted by insertion. */
    private static final int INSERTION_RUN = 16;
    /** From this many findings on, {@link #sort} packs keys into longs (below, the merge sort of indices). */
    private static final int PACKED_FROM = 1 << 12;

    /**
     * The ranking's order of two findings, as a comparator: negative when {@code a} ranks before
     * {@code b}; 0 only on equal score, connections and channel text (then the order given decides,
     * which a stable sort keeps). The sort below is this order on primitive keys; a merge of ranked
     * runs ({@link FindingStore}) compares with this.
     */
    static final java.util.Comparator<Finding> ORDER = (a, b) -> {
        int c = keyCompare(a.score(), a.conns(), b.score(), b.conns());
        return c != 0 ? c : a.id().compareText(b.id());
    };

    private final Finding[] findings;
    private final double[] score;
    private final int[] conns;
    /** Rank of each finding's source among the distinct sources in channel text order; null until a packed sort. */
    private int[] source;
    /** Distinct sources ({@link #source} ranks are below this); -1: a source holds a space, no source key. */
    private int sources;

    /** @param findings the findings (null entries are channels below the minimum, never ranked) */
    FindingRanking(Finding[] findings) {
        this.findings = findings;
        int n = findings.length;
        score = new double[n];
        conns = new int[n];
        for (int i = 0; i < n; i++) {
            Finding f = findings[i];
            if (f != null) {
                score[i] = f.score();
                conns[i] = f.conns();
            }
        }
    }

    /**
     * Sets {@link #source}: each finding's source as a rank among the distinct sources, ordered as
     * the channel texts order them: by the source followed by a space. {@link #sources} is -1 when a
     * source holds a space itself (then a text's source part is not delimited, and the channel
     * texts alone decide).
     */
    private void sourceRanks() {
        int n = findings.length;
        int[] rank = new int[n];
        source = rank;
        java.util.HashMap<String, Integer> ids = new java.util.HashMap<>();
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            Finding f = findings[i];
            if (f == null) {
                continue;
            }
            String src = f.id().src();
            Integer id = ids.get(src);
            if (id == null) {
                if (src.indexOf(' ') >= 0) {
                    sources = -1;
                    return;
                }
                id = names.size();
                ids.put(src, id);
                names.add(src);
            }
            rank[i] = id;
        }
        Integer[] byText = new Integer[names.size()];
        for (int k = 0; k < byText.length; k++) {
            byText[k] = k;
        }
        java.util.Arrays.sort(byText, (a, b) -> (names.get(a) + " ").compareTo(names.get(b) + " "));
        int[] rankOf = new int[byText.length];
        for (int k = 0; k < byText.length; k++) {
            rankOf[byText[k]] = k;
        }
        for (int i = 0; i < n; i++) {
            rank[i] = rankOf[rank[i]];
        }
        sources = byText.length;
    }

    /** Indices of every non-null finding, in rank order. */
    int[] all() {
        int m = 0;
        for (Finding f : findings) {
            if (f != null) {
                m++;
            }
        }
        int[] idx = new int[m];
        int k = 0;
        for (int i = 0; i < findings.length; i++) {
            if (findings[i] != null) {
                idx[k++] = i;
            }
        }
        sort(idx);
        return idx;
    }

    /**
     * Indices, in rank order, of the findings ranked in the first {@code top} (0: none) and, when
     * {@code alerts}, of every finding that alerts; the i-th of them has rank i + 1 whenever all
     * findings ranked before it are kept too, which holds for the first {@code top} and for alerts
     * (an alert's score is at or above every non-alert's). Sorts only the candidates.
     */
    int[] select(int top, boolean alerts) {
        int n = findings.length;
        int cut = -1; // index of the lowest key that must be kept, -1: none
        if (top > 0) {
            cut = nthBest(top);
        }
        if (alerts) {
            for (int i = 0; i < n; i++) {
                if (findings[i] != null && findings[i].alert() && (cut < 0 || before(cut, i))) {
                    cut = i;
                }
            }
        }
        if (cut < 0) {
            return new int[0];
        }
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (findings[i] != null && !before(cut, i)) {
                m++;
            }
        }
        int[] idx = new int[m];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (findings[i] != null && !before(cut, i)) {
                idx[k++] = i;
            }
        }
        sort(idx);
        // candidates tie with the cut on (score, conns) beyond what is wanted: keep the first top and the alerts
        int keep = 0;
        for (int j = 0; j < m; j++) {
            if (j < top || (alerts && findings[idx[j]].alert())) {
                keep = j + 1;
            }
        }
        return keep == m ? idx : java.util.Arrays.copyOf(idx, keep);
    }

    /** Index of the finding whose (score, conns) key is the {@code top}-th best (a bounded min-heap). */
    private int nthBest(int top) {
        int[] heap = new int[Math.min(top, findings.length)];
        int size = 0;
        for (int i = 0; i < findings.length; i++) {
            if (findings[i] == null) {
                continue;
            }
            if (size < heap.length) {
                heap[size] = i;
                siftUp(heap, size++);
            } else if (keyCompare(i, heap[0]) < 0) { // better than the worst kept
                heap[0] = i;
                siftDown(heap, size);
            }
        }
        return size == 0 ? -1 : heap[0];
    }

    /** Heap of the best keys, worst at the root. */
    private void siftUp(int[] heap, int k) {
        int v = heap[k];
        while (k > 0) {
            int parent = (k - 1) >>> 1;
            if (keyCompare(heap[parent], v) >= 0) {
                break;
            }
            heap[k] = heap[parent];
            k = parent;
        }
        heap[k] = v;
    }

    private void siftDown(int[] heap, int size) {
        int v = heap[0];
        int k = 0;
        while (true) {
            int c = 2 * k + 1;
            if (c >= size) {
                break;
            }
            if (c + 1 < size && keyCompare(heap[c + 1], heap[c]) > 0) {
                c++;
            }
            if (keyCompare(v, heap[c]) >= 0) {
                break;
            }
            heap[k] = heap[c];
            k = c;
        }
        heap[k] = v;
    }

    /** True when finding x ranks strictly before y on (score, conns). */
    private boolean before(int x, int y) {
        return keyCompare(x, y) < 0;
    }

    /** Negative when x ranks before y on (score desc, conns desc), 0 on equal keys. */
    private int keyCompare(int x, int y) {
        return keyCompare(score[x], conns[x], score[y], conns[y]);
    }

    /** Negative when a finding of score sx and conns cx ranks before one of sy and cy (score desc, conns desc). */
    private static int keyCompare(double sx, int cx, double sy, int cy) {
        int c = Double.compare(sy, sx);
        return c != 0 ? c : Integer.compare(cy, cx);
    }

    /** Sorts indices into rank order: primitive keys, then the channel text inside tie runs. */
    void sort(int[] idx) {
        int n = idx.length;
        int[] tmp = new int[n];
        if (n >= PACKED_FROM && packedSort(idx, tmp)) {
            return;
        }
        mergeSort(idx, tmp, 0, n);
        int i = 0;
        while (i < n) {
            int j = i + 1;
            while (j < n && keyCompare(idx[i], idx[j]) == 0) {
                j++;
            }
            if (j - i > 1) {
                sortByText(idx, tmp, i, j);
            }
            i = j;
        }
    }

    /**
     * Sorts indices into rank order on packed keys: (dense score rank descending, connections
     * descending, source rank, position in {@code idx}) in one long each; then the channel text
     * inside runs of equal score, connections and source. False (idx untouched) when the keys do
     * not fit in 63 bits or a source holds a space.
     */
    private boolean packedSort(int[] idx, int[] tmp) {
        if (source == null) {
            sourceRanks();
        }
        if (sources < 0) {
            return false;
        }
        int n = idx.length;
        double[] distinct = new double[n];
        int maxConns = 0;
        for (int j = 0; j < n; j++) {
            distinct[j] = score[idx[j]];
            if (conns[idx[j]] < 0) {
                return false;
            }
            maxConns = Math.max(maxConns, conns[idx[j]]);
        }
        java.util.Arrays.sort(distinct); // Double.compare order, as keyCompare's
        int m = 0;
        for (int j = 0; j < n; j++) {
            if (m == 0 || Double.compare(distinct[j], distinct[m - 1]) != 0) {
                distinct[m++] = distinct[j];
            }
        }
        int scoreBits = bits(m - 1), connsBits = bits(maxConns), sourceBits = bits(sources - 1), posBits = bits(n - 1);
        if (scoreBits + connsBits + sourceBits + posBits > 63) {
            return false;
        }
        long[] keys = new long[n];
        for (int j = 0; j < n; j++) {
            int i = idx[j];
            long scoreDesc = m - 1L - java.util.Arrays.binarySearch(distinct, 0, m, score[i]);
            long key = (scoreDesc << connsBits) | (long) (maxConns - conns[i]);
            key = (key << sourceBits) | source[i];
            keys[j] = (key << posBits) | j;
        }
        java.util.Arrays.sort(keys); // distinct keys: any sort gives the one order
        long posMask = (1L << posBits) - 1;
        System.arraycopy(idx, 0, tmp, 0, n);
        for (int j = 0; j < n; j++) {
            idx[j] = tmp[(int) (keys[j] & posMask)];
        }
        int i = 0;
        while (i < n) {
            long run = keys[i] >>> posBits;
            int j = i + 1;
            while (j < n && keys[j] >>> posBits == run) {
                j++;
            }
            if (j - i > 1) {
                sortByText(idx, tmp, i, j);
            }
            i = j;
        }
        return true;
    }

    /** Bits needed for a value from 0 to {@code max}. */
    private static int bits(int max) {
        return 32 - Integer.numberOfLeadingZeros(Math.max(max, 0));
    }

    /** Stable sort of idx[from, to) by (score desc, conns desc). */
    private void mergeSort(int[] idx, int[] tmp, int from, int to) {
        if (to - from <= INSERTION_RUN) {
            for (int i = from + 1; i < to; i++) {
                int v = idx[i];
                int j = i - 1;
                while (j >= from && keyCompare(idx[j], v) > 0) {
                    idx[j + 1] = idx[j];
                    j--;
                }
                idx[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(idx, tmp, from, mid);
        mergeSort(idx, tmp, mid, to);
        if (keyCompare(idx[mid - 1], idx[mid]) <= 0) {
            return;
        }
        System.arraycopy(idx, from, tmp, from, to - from);
        int a = from, b = mid, k = from;
        while (a < mid && b < to) {
            idx[k++] = keyCompare(tmp[b], tmp[a]) < 0 ? tmp[b++] : tmp[a++];
        }
        while (a < mid) {
            idx[k++] = tmp[a++];
        }
        while (b < to) {
            idx[k++] = tmp[b++];
        }
    }

    /** Stable sort of a tie run idx[from, to) by channel text ({@link ChannelId#compareText}). */
    private void sortByText(int[] idx, int[] tmp, int from, int to) {
        if (to - from <= INSERTION_RUN) {
            for (int i = from + 1; i < to; i++) {
                int v = idx[i];
                int j = i - 1;
                while (j >= from && textCompare(idx[j], v) > 0) {
                    idx[j + 1] = idx[j];
                    j--;
                }
                idx[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        sortByText(idx, tmp, from, mid);
        sortByText(idx, tmp, mid, to);
        if (textCompare(idx[mid - 1], idx[mid]) <= 0) {
            return;
        }
        System.arraycopy(idx, from, tmp, from, to - from);
        int a = from, b = mid, k = from;
        while (a < mid && b < to) {
            idx[k++] = textCompare(tmp[b], tmp[a]) < 0 ? tmp[b++] : tmp[a++];
        }
        while (a < mid) {
            idx[k++] = tmp[a++];
        }
        while (b < to) {
            idx[k++] = tmp[b++];
        }
    }

    private int textCompare(int x, int y) {
        return findings[x].id().compareText(findings[y].id());
    }
}
