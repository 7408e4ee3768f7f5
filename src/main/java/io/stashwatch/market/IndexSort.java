package io.stashwatch.market;

/** Sorting of int index arrays by a comparator over the indexes, without boxing (merge sort, stable). */
final class IndexSort {
    /** Compares two indexes. */
    @FunctionalInterface
    interface IndexComparator {
        int compare(int a, int b);
    }

    private IndexSort() {
    }

    /** Sorts {@code idx[0..n)}. */
    static void sort(int[] idx, int n, IndexComparator c) {
        if (n < 2) {
            return;
        }
        if (n <= 24) {
            insertion(idx, 0, n, c);
            return;
        }
        int[] tmp = new int[n];
        mergeSort(idx, tmp, 0, n, c);
    }

    private static void mergeSort(int[] a, int[] tmp, int lo, int hi, IndexComparator c) {
        if (hi - lo <= 24) {
            insertion(a, lo, hi, c);
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(a, tmp, lo, mid, c);
        mergeSort(a, tmp, mid, hi, c);
        if (c.compare(a[mid - 1], a[mid]) <= 0) {
            return;
        }
        System.arraycopy(a, lo, tmp, lo, hi - lo);
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            if (j >= hi || i < mid && c.compare(tmp[i], tmp[j]) <= 0) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }

    private static void insertion(int[] a, int lo, int hi, IndexComparator c) {
        for (int i = lo + 1; i < hi; i++) {
            int v = a[i];
            int j = i - 1;
            while (j >= lo && c.compare(a[j], v) > 0) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }
}
