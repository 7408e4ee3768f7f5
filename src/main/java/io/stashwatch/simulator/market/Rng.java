package io.stashwatch.simulator.market;

/**
 * SplitMix64: a small, fast generator whose whole state is one long, so a market state can be
 * copied and replayed exactly. Floating point uses {@link StrictMath} so the same seed gives the
 * same numbers on every JVM and platform.
 */
final class Rng {
    private long state;

    Rng(long seed) {
        this.state = seed;
    }

    long state() {
        return state;
    }

    long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        return mix(z);
    }

    /** The SplitMix64 finaliser: a good 64-bit hash. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A hash of several values, for decisions that must not depend on the generator's position. */
    static long hash(long a, long b) {
        return mix(mix(a + 0x9E3779B97F4A7C15L) ^ (b * 0xC2B2AE3D27D4EB4FL));
    }

    static long hash(long a, long b, long c) {
        return hash(hash(a, b), c);
    }

    /** Uniform in [0, 1) from a hash value. */
    static double unit(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound). */
    int nextInt(int bound) {
        return (int) (((nextLong() >>> 33) * bound) >>> 31);
    }

    /** Uniform in [lo, hi] inclusive. */
    int between(int lo, int hi) {
        return lo + nextInt(hi - lo + 1);
    }

    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    boolean chance(double p) {
        return nextDouble() < p;
    }

    /** Standard normal (Box-Muller, one value per call). */
    double gaussian() {
        double u1 = nextDouble();
        double u2 = nextDouble();
        if (u1 < 1e-300) {
            u1 = 1e-300;
        }
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }

    /** exp(N(mu, sigma)). */
    double logNormal(double mu, double sigma) {
        return StrictMath.exp(mu + sigma * gaussian());
    }

    /** One index of {@code weights} drawn with probability proportional to its weight. */
    int weighted(double[] weights, double total) {
        double x = nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
