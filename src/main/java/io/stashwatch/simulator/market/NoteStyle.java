package io.stashwatch.simulator.market;

/** How one account writes its notes: keyword, currency spellings, amounts, habits. Immutable. */
final class NoteStyle {
    /** "~price" or "~b/o". */
    final String prefix;
    /** Spelling index per note currency (see {@link NoteMaker#SPELLINGS}); taken modulo the number of spellings. */
    final int spelling;
    /** Writes 3/2 rather than 1.5 where it can. */
    final boolean fractions;
    /** Prices in divines from this many divines on. */
    final double divineFrom;
    /** Share of mid-priced listings this account prices in exalted orbs. */
    final double exaltedShare;
    /** Share of cheap listings priced in a minor currency (alch, fuse, ...). */
    final double minorShare;
    /** Share of items without any note. */
    final double unpricedShare;
    /** Share of items with a junk note (no valid price). */
    final double junkShare;
    /** Share of items with a {@code ~c/o} (current offer) note. */
    final double offerShare;

    NoteStyle(Rng rng) {
        prefix = rng.chance(0.55) ? "~price" : "~b/o";
        spelling = rng.nextInt(12);
        fractions = rng.chance(0.3);
        divineFrom = rng.uniform(0.75, 1.3);
        exaltedShare = rng.chance(0.2) ? rng.uniform(0.3, 0.8) : 0;
        minorShare = rng.chance(0.15) ? rng.uniform(0.2, 0.6) : 0;
        unpricedShare = rng.chance(0.3) ? rng.uniform(0.02, 0.15) : 0.01;
        junkShare = rng.chance(0.2) ? 0.04 : 0.005;
        offerShare = rng.chance(0.15) ? 0.1 : 0.005;
    }
}
