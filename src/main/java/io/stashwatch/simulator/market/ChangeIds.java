package io.stashwatch.simulator.market;

import java.util.OptionalLong;

/**
 * Change ids of a simulated river: five dash-separated unsigned integers that grow from page to
 * page, like the real ones (each number is a shard's offset). Component {@code j} of page {@code k}
 * is {@code base[j] + k * step[j] + jitter(k, j)} with {@code 0 <= jitter < step}, so ids are strictly
 * increasing, computable for any page without generating the river, and invertible.
 */
final class ChangeIds {
    private final long seed;
    private final long[] base = new long[5];
    private final long[] step = new long[5];

    ChangeIds(long seed) {
        this.seed = seed;
        for (int j = 0; j < 5; j++) {
            long h = Rng.hash(seed, 0xC1D5L, j);
            base[j] = 1000 + Math.floorMod(h, 9000);
            step[j] = 3 + Math.floorMod(h >>> 20, 17);
        }
    }

    long component(long page, int j) {
        long jitter = Math.floorMod(Rng.hash(seed, page, j + 17), step[j]);
        return base[j] + page * step[j] + jitter;
    }

    String of(long page) {
        if (page < 0) {
            throw new IllegalArgumentException("page index must be >= 0, was " + page);
        }
        StringBuilder sb = new StringBuilder(40);
        for (int j = 0; j < 5; j++) {
            if (j > 0) {
                sb.append('-');
            }
            sb.append(component(page, j));
        }
        return sb.toString();
    }

    /** The page whose id this is, or empty if no page of this river has it. */
    OptionalLong indexOf(String id) {
        if (id == null) {
            return OptionalLong.empty();
        }
        int dash = id.indexOf('-');
        if (dash <= 0 || dash > 19) {
            return OptionalLong.empty();
        }
        long first;
        try {
            first = Long.parseLong(id.substring(0, dash));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
        if (first < base[0]) {
            return OptionalLong.empty();
        }
        long page = (first - base[0]) / step[0];
        return of(page).equals(id) ? OptionalLong.of(page) : OptionalLong.empty();
    }
}
