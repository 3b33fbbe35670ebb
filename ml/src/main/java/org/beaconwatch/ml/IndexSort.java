package org.beaconwatch.ml;

/** Stable index sort of a double array on primitives (NaN last), without boxing. */
public final class IndexSort {
    private IndexSort() {
    }

    /** Indices of {@code v} in ascending order of value; ties keep input order; NaN last. */
    public static int[] ascending(double[] v) {
        int n = v.length;
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        int[] tmp = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    tmp[k++] = less(v[a[j]], v[a[i]]) ? a[j++] : a[i++];
                }
                while (i < mid) {
                    tmp[k++] = a[i++];
                }
                while (j < hi) {
                    tmp[k++] = a[j++];
                }
            }
            int[] s = a;
            a = tmp;
            tmp = s;
        }
        return a;
    }

    private static boolean less(double x, double y) {
        if (Double.isNaN(x)) {
            return false;
        }
        return Double.isNaN(y) || x < y;
    }
}
