package io.stashwatch.simulator.market;

/** Walker's alias method: O(1) draws from a fixed discrete distribution. */
final class AliasTable {
    private final double[] prob;
    private final int[] alias;

    AliasTable(double[] weights) {
        int n = weights.length;
        if (n == 0) {
            throw new IllegalArgumentException("no weights");
        }
        double total = 0;
        for (double w : weights) {
            if (w < 0 || Double.isNaN(w)) {
                throw new IllegalArgumentException("bad weight " + w);
            }
            total += w;
        }
        if (total <= 0) {
            throw new IllegalArgumentException("all weights are zero");
        }
        prob = new double[n];
        alias = new int[n];
        double[] scaled = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int ns = 0;
        int nl = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = weights[i] * n / total;
            if (scaled[i] < 1.0) {
                small[ns++] = i;
            } else {
                large[nl++] = i;
            }
        }
        while (ns > 0 && nl > 0) {
            int s = small[--ns];
            int l = large[--nl];
            prob[s] = scaled[s];
            alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1.0;
            if (scaled[l] < 1.0) {
                small[ns++] = l;
            } else {
                large[nl++] = l;
            }
        }
        while (nl > 0) {
            int l = large[--nl];
            prob[l] = 1.0;
            alias[l] = l;
        }
        while (ns > 0) {
            int s = small[--ns];
            prob[s] = 1.0;
            alias[s] = s;
        }
    }

    int size() {
        return prob.length;
    }

    int sample(Rng rng) {
        long r = rng.nextLong();
        int i = (int) (((r >>> 33) * prob.length) >>> 31);
        double u = (r & 0x1FFFFFFL) * 0x1.0p-25;
        return u < prob[i] ? i : alias[i];
    }
}
