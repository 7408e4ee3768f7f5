package io.stashwatch.simulator.market;

/**
 * Turns a wanted price into the note a player would write: picks the currency, rounds the amount
 * the way people do (integers, halves, tenths, fractions) and spells the currency the account's way.
 * The note's exact value ({@code amount x rate}) is what the listing is worth; ground truth uses it.
 */
final class NoteMaker {
    /** Note currencies: Currency Exchange id first, then the spellings players use. */
    static final String[][] SPELLINGS = {
        {"chaos", "chaos", "c", "chaos", "chaos"},
        {"divine", "divine", "div", "divine"},
        {"exalted", "exalted", "exalt", "exa", "ex"},
        {"alch", "alch"},
        {"fusing", "fuse", "fusing"},
        {"chisel", "chisel"},
        {"gcp", "gcp"},
        {"chrome", "chrom", "chrome"},
        {"alt", "alt"},
        {"jew", "jew"},
        {"regal", "regal"},
        {"vaal", "vaal"},
        {"mirror", "mirror", "mir"},
    };

    private static final String[] JUNK = {
        "~price", "~price 0 chaos", "~b/o 1/0 divine", "~price 13// chaos", "~price 13..1 chaos", "~b/o 5",
        "wtb", "sale", "~price five chaos", "~b/o 3 coins", "not for sale", "~price -5 chaos", "lvl 20",
        "pm me offers", "~b/o", "mine, do not buy",
    };

    private final Catalog catalog = Catalog.get();
    /** Catalog currency index per {@link #SPELLINGS} row. */
    private final int[] currencyOf = new int[SPELLINGS.length];
    /** Chaos per unit, [league][catalog currency]. */
    private final double[][] rates;
    final int chaos;
    final int divine;
    final int exalted;
    final int mirror;
    private final int[] minors;

    NoteMaker(double[][] rates) {
        this.rates = rates;
        for (int i = 0; i < SPELLINGS.length; i++) {
            currencyOf[i] = catalog.currencyIndex(SPELLINGS[i][0]);
            if (currencyOf[i] < 0) {
                throw new IllegalStateException("note currency missing from catalog: " + SPELLINGS[i][0]);
            }
        }
        chaos = currencyOf[0];
        divine = currencyOf[1];
        exalted = currencyOf[2];
        mirror = currencyOf[12];
        minors = new int[] {3, 4, 5, 6, 7, 8, 9, 10, 11};
    }

    double rate(int league, int currency) {
        return rates[league][currency];
    }

    /** Chaos value of a note in a league, NaN when it has no fixed price. */
    double chaosOf(int league, Note note) {
        return note.fixedPrice() ? note.amount * rates[league][note.currency] : Double.NaN;
    }

    private String spell(int row, NoteStyle style) {
        String[] s = SPELLINGS[row];
        return s[1 + style.spelling % (s.length - 1)];
    }

    private int rowOf(int currency) {
        for (int i = 0; i < currencyOf.length; i++) {
            if (currencyOf[i] == currency) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a note currency: " + currency);
    }

    /** A note for an item worth about {@code chaosValue}, in whatever currency this seller would use. */
    Note organic(int league, double chaosValue, NoteStyle style, Rng rng) {
        double div = rates[league][divine];
        double ex = rates[league][exalted];
        if (chaosValue >= style.divineFrom * div) {
            return inCurrency(league, divine, chaosValue, style, false);
        }
        if (style.exaltedShare > 0 && chaosValue >= 3 * ex && rng.chance(style.exaltedShare)) {
            return inCurrency(league, exalted, chaosValue, style, false);
        }
        if (style.minorShare > 0 && chaosValue >= 1 && chaosValue <= 40 && rng.chance(style.minorShare)) {
            int row = minors[rng.nextInt(minors.length)];
            int cur = currencyOf[row];
            double units = chaosValue / rates[league][cur];
            if (units >= 2 && units <= 400) {
                return inCurrency(league, cur, chaosValue, style, false);
            }
        }
        return inCurrency(league, chaos, chaosValue, style, false);
    }

    /**
     * A note in a given currency. With {@code roundDown} the note is never worth more than
     * {@code chaosValue} (for injected cheap listings).
     */
    Note inCurrency(int league, int currency, double chaosValue, NoteStyle style, boolean roundDown) {
        return inCurrency(league, currency, chaosValue, style, roundDown ? DOWN : NEAREST);
    }

    /** A note in a given currency that is worth at least {@code chaosValue} (one rounding step above at most). */
    Note inCurrencyAtLeast(int league, int currency, double chaosValue, NoteStyle style) {
        return inCurrency(league, currency, chaosValue, style, UP);
    }

    static final int DOWN = -1;
    static final int NEAREST = 0;
    static final int UP = 1;

    private Note inCurrency(int league, int currency, double chaosValue, NoteStyle style, int mode) {
        double units = chaosValue / rates[league][currency];
        Amount a;
        if (currency == chaos) {
            a = units >= 10 ? whole(units, mode) : units >= 1 ? half(units, style, mode) : small(units, style, mode);
        } else if (currency == exalted) {
            a = units >= 10 ? whole(units, mode) : half(units, style, mode);
        } else if (currency == divine || currency == mirror) {
            a = units >= 10 ? whole(units, mode)
                    : style.fractions && units < 5 && units >= 1 ? half(units, style, mode)
                    : units >= 0.1 ? tenth(units, mode) : small(units, style, mode);
        } else {
            a = units >= 1 ? whole(units, mode) : small(units, style, mode);
        }
        return new Note(style.prefix + " " + a.text + " " + spell(rowOf(currency), style), currency, a.value);
    }

    /** The per-unit note of a currency stack worth {@code chaosValue} per unit. */
    Note currencyUnit(int league, int currencyDef, double chaosValue, NoteStyle style) {
        if (currencyDef == chaos) {
            // Chaos is the unit; sellers of chaos ask divines: 1/n divine per chaos.
            long n = Math.max(1, Math.round(rates[league][divine] / chaosValue));
            return new Note(style.prefix + " 1/" + n + " " + spell(1, style), divine, 1.0 / n);
        }
        if (currencyDef == mirror) {
            return inCurrency(league, divine, chaosValue, style, false);
        }
        if (chaosValue >= 10) {
            Amount a = whole(chaosValue, NEAREST);
            return new Note(style.prefix + " " + a.text + " " + spell(0, style), chaos, a.value);
        }
        // Cheap currency: two decimals keep rates derived from the river accurate.
        long cents = Math.max(1, Math.round(chaosValue * 100));
        String text = cents % 100 == 0 ? Long.toString(cents / 100)
                : cents % 10 == 0 ? (cents / 100) + "." + (cents / 10 % 10)
                : (cents / 100) + "." + (cents % 100 < 10 ? "0" : "") + (cents % 100);
        return new Note(style.prefix + " " + text + " " + spell(0, style), chaos, cents / 100.0);
    }

    /** A tab name that prices its items without notes, and the price it sets. */
    Note tabPrice(int chaosAmount, NoteStyle style) {
        String c = spell(0, style);
        return new Note(style.prefix + " " + chaosAmount + " " + c, chaos, chaosAmount);
    }

    /** A "current offer" note: not a fixed price. */
    Note offer(int league, double chaosValue, NoteStyle style) {
        int cur = chaosValue >= rates[league][divine] ? divine : chaos;
        Note n = inCurrency(league, cur, chaosValue, style, false);
        String rest = n.text.substring(n.text.indexOf(' '));
        return new Note("~c/o" + rest, -1, 0);
    }

    Note junk(Rng rng) {
        return new Note(JUNK[rng.nextInt(JUNK.length)], -1, 0);
    }

    // ------------------------------------------------------------------ amounts

    /** An amount as written and its exact value. */
    record Amount(String text, double value) {
    }

    private static Amount whole(double x, int mode) {
        long n = (long) round(x, mode);
        if (n < 1) {
            n = 1;
        }
        return new Amount(Long.toString(n), n);
    }

    private static Amount half(double x, NoteStyle style, int mode) {
        long halves = (long) round(x * 2, mode);
        if (halves < 1) {
            halves = 1;
        }
        if (halves % 2 == 0) {
            return new Amount(Long.toString(halves / 2), halves / 2);
        }
        String text = style.fractions ? halves + "/2" : (halves / 2) + ".5";
        return new Amount(text, halves / 2.0);
    }

    private static Amount tenth(double x, int mode) {
        long tenths = (long) round(x * 10, mode);
        if (tenths < 1) {
            tenths = 1;
        }
        if (tenths % 10 == 0) {
            return new Amount(Long.toString(tenths / 10), tenths / 10);
        }
        return new Amount((tenths / 10) + "." + (tenths % 10), tenths / 10.0);
    }

    /** Below one unit: 1/n or a decimal. */
    private static Amount small(double x, NoteStyle style, int mode) {
        if (style.fractions || x < 0.1) {
            long n = Math.max(1, (long) round(1 / x, -mode));
            if (n == 1) {
                return new Amount("1", 1);
            }
            return new Amount("1/" + n, 1.0 / n);
        }
        return tenth(x, mode);
    }

    /** Rounds down, to nearest or up (up tolerates float noise so 3.0000000000000004 stays 3). */
    private static double round(double x, int mode) {
        if (mode < 0) {
            return Math.floor(x);
        }
        if (mode > 0) {
            return Math.ceil(x - 1e-9);
        }
        return Math.round(x);
    }
}
