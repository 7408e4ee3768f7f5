package io.stashwatch.simulator.market;

/**
 * Sockets packed in a long: bits 0-2 the count, then 5 bits per socket (3 bits group, 2 bits colour
 * R, G, B, W).
 */
final class Sockets {
    static final char[] COLOURS = {'R', 'G', 'B', 'W'};
    static final char[] ATTRS = {'S', 'D', 'I', 'G'};

    private Sockets() {
    }

    static int count(long packed) {
        return (int) (packed & 7);
    }

    static int group(long packed, int i) {
        return (int) ((packed >>> (3 + 5 * i)) & 7);
    }

    static int colour(long packed, int i) {
        return (int) ((packed >>> (6 + 5 * i)) & 3);
    }

    /** Packs sockets given their groups and colours. */
    static long pack(int[] groups, int[] colours) {
        long p = groups.length;
        for (int i = 0; i < groups.length; i++) {
            p |= (long) (groups[i] & 7) << (3 + 5 * i);
            p |= (long) (colours[i] & 3) << (6 + 5 * i);
        }
        return p;
    }

    static int links(long packed) {
        int n = count(packed);
        int best = 0;
        int[] sizes = new int[6];
        for (int i = 0; i < n; i++) {
            int g = group(packed, i);
            sizes[g]++;
            best = Math.max(best, sizes[g]);
        }
        return best;
    }

    /**
     * Random sockets: {@code count} sockets whose largest linked group has exactly {@code links}
     * sockets (1 <= links <= count), coloured by the item's attribute bias (0 R, 1 G, 2 B, 3 W only).
     */
    static long random(Rng rng, int count, int links, int colourBias) {
        int[] groups = new int[count];
        int[] colours = new int[count];
        int g = 0;
        int i = 0;
        // First the big group, then the rest in groups no larger than it.
        for (; i < links; i++) {
            groups[i] = 0;
        }
        while (i < count) {
            g++;
            int size = Math.min(count - i, rng.between(1, links));
            for (int k = 0; k < size; k++, i++) {
                groups[i] = g;
            }
        }
        for (int k = 0; k < count; k++) {
            if (colourBias == 3) {
                colours[k] = 3;
            } else if (rng.chance(0.6)) {
                colours[k] = colourBias;
            } else {
                colours[k] = rng.nextInt(3);
            }
        }
        return pack(groups, colours);
    }
}
