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

    /**
     * The merge buffer: {@code tmp} when it holds at least n. The merge only reads back what it
     * copied into the buffer's [lo, hi) just before, so a reused buffer's old contents never matter.
     */
    private static int[] tmp(int[] tmp, int n) {
        return tmp != null && tmp.length >= n ? tmp : new int[n];
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

    // ---------------------------------------------------------------- byValue
    // The same stable merge sort as sort(), with the comparison written out: the generic version
    // calls its comparator through one shared, megamorphic call site that the JIT cannot inline,
    // which made sorting the detector's largest cost. Same algorithm, so the same permutation.

    /** Sorts {@code idx[0..n)} by {@code values[i]} ({@link Double#compare}). */
    static void byValue(int[] idx, int n, double[] values) {
        byValue(idx, n, values, null);
    }

    /** As {@link #byValue(int[], int, double[])}, merging through {@code tmp} when it holds at least n (else a new array). */
    static void byValue(int[] idx, int n, double[] values, int[] tmp) {
        if (n < 2) {
            return;
        }
        if (n <= 24) {
            byValueInsertion(idx, 0, n, values);
            return;
        }
        byValueMerge(idx, tmp(tmp, n), 0, n, values);
    }

    private static void byValueMerge(int[] a, int[] tmp, int lo, int hi, double[] values) {
        if (hi - lo <= 24) {
            byValueInsertion(a, lo, hi, values);
            return;
        }
        int mid = (lo + hi) >>> 1;
        byValueMerge(a, tmp, lo, mid, values);
        byValueMerge(a, tmp, mid, hi, values);
        if (byValueCompare(a[mid - 1], a[mid], values) <= 0) {
            return;
        }
        System.arraycopy(a, lo, tmp, lo, hi - lo);
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            if (j >= hi || i < mid && byValueCompare(tmp[i], tmp[j], values) <= 0) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }

    private static void byValueInsertion(int[] a, int lo, int hi, double[] values) {
        for (int i = lo + 1; i < hi; i++) {
            int v = a[i];
            int j = i - 1;
            while (j >= lo && byValueCompare(a[j], v, values) > 0) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    private static int byValueCompare(int a, int b, double[] values) {
        return Double.compare(values[a], values[b]);
    }

    // ---------------------------------------------------------------- byAccountPriceItem
    // The same stable merge sort as sort(), with the comparison written out: the generic version
    // calls its comparator through one shared, megamorphic call site that the JIT cannot inline,
    // which made sorting the detector's largest cost. Same algorithm, so the same permutation.

    /** Sorts {@code idx[0..n)} by account, then price ({@link Double#compare}), then item. */
    static void byAccountPriceItem(int[] idx, int n, long[] accounts, double[] prices, long[] items) {
        byAccountPriceItem(idx, n, accounts, prices, items, null);
    }

    /** As {@link #byAccountPriceItem(int[], int, long[], double[], long[])}, merging through {@code tmp} when it holds at least n. */
    static void byAccountPriceItem(int[] idx, int n, long[] accounts, double[] prices, long[] items, int[] tmp) {
        if (n < 2) {
            return;
        }
        if (n <= 24) {
            byAccountPriceItemInsertion(idx, 0, n, accounts, prices, items);
            return;
        }
        byAccountPriceItemMerge(idx, tmp(tmp, n), 0, n, accounts, prices, items);
    }

    private static void byAccountPriceItemMerge(int[] a, int[] tmp, int lo, int hi, long[] accounts, double[] prices, long[] items) {
        if (hi - lo <= 24) {
            byAccountPriceItemInsertion(a, lo, hi, accounts, prices, items);
            return;
        }
        int mid = (lo + hi) >>> 1;
        byAccountPriceItemMerge(a, tmp, lo, mid, accounts, prices, items);
        byAccountPriceItemMerge(a, tmp, mid, hi, accounts, prices, items);
        if (byAccountPriceItemCompare(a[mid - 1], a[mid], accounts, prices, items) <= 0) {
            return;
        }
        System.arraycopy(a, lo, tmp, lo, hi - lo);
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            if (j >= hi || i < mid && byAccountPriceItemCompare(tmp[i], tmp[j], accounts, prices, items) <= 0) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }

    private static void byAccountPriceItemInsertion(int[] a, int lo, int hi, long[] accounts, double[] prices, long[] items) {
        for (int i = lo + 1; i < hi; i++) {
            int v = a[i];
            int j = i - 1;
            while (j >= lo && byAccountPriceItemCompare(a[j], v, accounts, prices, items) > 0) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    private static int byAccountPriceItemCompare(int a, int b, long[] accounts, double[] prices, long[] items) {
        int c = Long.compare(accounts[a], accounts[b]);
        if (c != 0) {
            return c;
        }
        c = Double.compare(prices[a], prices[b]);
        return c != 0 ? c : Long.compare(items[a], items[b]);
    }

    // ---------------------------------------------------------------- byPriceAccountItem
    // The same stable merge sort as sort(), with the comparison written out (see byValue).

    /** Sorts {@code idx[0..n)} by price ({@link Double#compare}), then account, then item, merging through {@code tmp} when it holds at least n. */
    static void byPriceAccountItem(int[] idx, int n, double[] prices, long[] accounts, long[] items, int[] tmp) {
        if (n < 2) {
            return;
        }
        if (n <= 24) {
            byPriceAccountItemInsertion(idx, 0, n, prices, accounts, items);
            return;
        }
        byPriceAccountItemMerge(idx, tmp(tmp, n), 0, n, prices, accounts, items);
    }

    private static void byPriceAccountItemMerge(int[] a, int[] tmp, int lo, int hi, double[] prices, long[] accounts, long[] items) {
        if (hi - lo <= 24) {
            byPriceAccountItemInsertion(a, lo, hi, prices, accounts, items);
            return;
        }
        int mid = (lo + hi) >>> 1;
        byPriceAccountItemMerge(a, tmp, lo, mid, prices, accounts, items);
        byPriceAccountItemMerge(a, tmp, mid, hi, prices, accounts, items);
        if (byPriceAccountItemCompare(a[mid - 1], a[mid], prices, accounts, items) <= 0) {
            return;
        }
        System.arraycopy(a, lo, tmp, lo, hi - lo);
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            if (j >= hi || i < mid && byPriceAccountItemCompare(tmp[i], tmp[j], prices, accounts, items) <= 0) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }

    private static void byPriceAccountItemInsertion(int[] a, int lo, int hi, double[] prices, long[] accounts, long[] items) {
        for (int i = lo + 1; i < hi; i++) {
            int v = a[i];
            int j = i - 1;
            while (j >= lo && byPriceAccountItemCompare(a[j], v, prices, accounts, items) > 0) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    private static int byPriceAccountItemCompare(int a, int b, double[] prices, long[] accounts, long[] items) {
        int c = Double.compare(prices[a], prices[b]);
        if (c != 0) {
            return c;
        }
        c = Long.compare(accounts[a], accounts[b]);
        return c != 0 ? c : Long.compare(items[a], items[b]);
    }
}
