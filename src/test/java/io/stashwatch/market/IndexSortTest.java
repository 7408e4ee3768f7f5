package io.stashwatch.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The specialised sorts give exactly the permutation of the generic stable sort, ties included. */
class IndexSortTest {
    private static final double[] SPECIAL = {0.0, -0.0, Double.NaN, 1.5, Double.POSITIVE_INFINITY, 1e-300};

    @Test
    void specialisedSortsMatchTheGenericOne() {
        Random r = new Random(11);
        for (int round = 0; round < 400; round++) {
            int n = round < 60 ? round : r.nextInt(600);
            int distinct = 1 + r.nextInt(round % 3 == 0 ? 4 : 50);
            double[] values = new double[n];
            long[] accounts = new long[n];
            long[] items = new long[n];
            for (int i = 0; i < n; i++) {
                values[i] = r.nextInt(8) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : r.nextInt(distinct) * 0.5;
                accounts[i] = r.nextInt(distinct);
                items[i] = r.nextInt(distinct * 3);
            }
            int[] start = shuffled(n, r);

            int[] generic = start.clone();
            IndexSort.sort(generic, n, (a, b) -> Double.compare(values[a], values[b]));
            int[] special = start.clone();
            IndexSort.byValue(special, n, values);
            assertThat(special).as("byValue n=%d", n).isEqualTo(generic);

            generic = start.clone();
            IndexSort.sort(generic, n, (a, b) -> {
                int c = Long.compare(accounts[a], accounts[b]);
                if (c != 0) {
                    return c;
                }
                c = Double.compare(values[a], values[b]);
                return c != 0 ? c : Long.compare(items[a], items[b]);
            });
            special = start.clone();
            IndexSort.byAccountPriceItem(special, n, accounts, values, items);
            assertThat(special).as("byAccountPriceItem n=%d", n).isEqualTo(generic);

        }
    }

    private static int[] shuffled(int n, Random r) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
