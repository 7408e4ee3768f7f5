package io.stashwatch.market;

/**
 * Reads price notes strictly. A listing is exactly
 *
 * <pre>
 *   ("~price" | "~b/o") amount currency
 * </pre>
 *
 * separated by whitespace, where {@code amount} is a positive decimal ({@code 5}, {@code 1.5}) or
 * fraction of two decimals ({@code 3/2}, {@code 1/20}) and {@code currency} is a spelling
 * {@link Currencies} knows (case-insensitive). Everything else is not a listing and the result says
 * why: {@code ~c/o} (an offer, not a price), a missing, malformed ({@code 13//}, {@code 13..1},
 * {@code 1,5}, {@code 1/0}), zero or negative amount, a missing or unknown currency, text after the
 * currency. The same rules apply to tab names ({@code ~price 1 chaos} as a tab name).
 *
 * <p>Stateless and thread-safe; a successful parse allocates one {@link PriceNote} and its result.
 */
public final class PriceNoteParser {

    /** Significant digits an amount may have; more would not round-trip through a double exactly. */
    private static final int MAX_DIGITS = 15;
    private static final double[] POW10 = new double[MAX_DIGITS + 1];

    static {
        double p = 1;
        for (int i = 0; i <= MAX_DIGITS; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    /** Marker values of {@link #parseDecimal} for malformed text and for a minus sign. */
    private static final double MALFORMED = -1;
    private static final double NEGATIVE = -2;

    private PriceNoteParser() {
    }

    /** Reads {@code note}; null or blank gives {@link NotListingReason#NO_NOTE}. */
    public static NoteResult parse(String note) {
        if (note == null) {
            return NoteResult.rejected(NotListingReason.NO_NOTE);
        }
        int end = note.length();
        int pos = skipSpace(note, 0, end);
        while (end > pos && isSpace(note.charAt(end - 1))) {
            end--;
        }
        if (pos == end) {
            return NoteResult.rejected(NotListingReason.NO_NOTE);
        }
        PriceNote.Kind kind;
        if (note.startsWith("~price", pos)) {
            kind = PriceNote.Kind.PRICE;
            pos += 6;
        } else if (note.startsWith("~b/o", pos)) {
            kind = PriceNote.Kind.BUYOUT;
            pos += 4;
        } else if (note.startsWith("~c/o", pos) && (pos + 4 == end || isSpace(note.charAt(pos + 4)))) {
            return NoteResult.rejected(NotListingReason.CURRENT_OFFER);
        } else {
            return NoteResult.rejected(NotListingReason.NOT_A_PRICE);
        }
        if (pos == end) {
            return NoteResult.rejected(NotListingReason.MISSING_AMOUNT);
        }
        if (!isSpace(note.charAt(pos))) {
            return NoteResult.rejected(NotListingReason.NOT_A_PRICE); // "~pricey", "~b/o5"
        }
        pos = skipSpace(note, pos, end);

        int amountEnd = tokenEnd(note, pos, end);
        char first = note.charAt(pos);
        if (Character.isLetter(first)) {
            // "~price chaos": the currency where the amount belongs
            return NoteResult.rejected(NotListingReason.MISSING_AMOUNT);
        }
        double amount = parseAmount(note, pos, amountEnd);
        if (amount == MALFORMED) {
            return NoteResult.rejected(NotListingReason.BAD_AMOUNT);
        }
        if (amount == NEGATIVE || amount == 0) {
            return NoteResult.rejected(NotListingReason.NOT_POSITIVE);
        }

        pos = skipSpace(note, amountEnd, end);
        if (pos == end) {
            return NoteResult.rejected(NotListingReason.MISSING_CURRENCY);
        }
        int currencyEnd = tokenEnd(note, pos, end);
        byte currency = Currencies.lookup(note, pos, currencyEnd);
        if (currency == 0) {
            return NoteResult.rejected(NotListingReason.UNKNOWN_CURRENCY);
        }
        if (currencyEnd != end) {
            return NoteResult.rejected(NotListingReason.TRAILING_TEXT);
        }
        return NoteResult.listing(new PriceNote(kind, amount, currency));
    }

    /** Amount as a positive double, 0, {@link #NEGATIVE} or {@link #MALFORMED}. */
    private static double parseAmount(String s, int start, int end) {
        int slash = -1;
        for (int i = start; i < end; i++) {
            if (s.charAt(i) == '/') {
                if (slash >= 0) {
                    return MALFORMED; // "13//", "1/2/3"
                }
                slash = i;
            }
        }
        if (slash < 0) {
            return parseDecimal(s, start, end);
        }
        double num = parseDecimal(s, start, slash);
        double den = parseDecimal(s, slash + 1, end);
        if (num == MALFORMED || den == MALFORMED) {
            return MALFORMED;
        }
        if (num == NEGATIVE || den == NEGATIVE) {
            return NEGATIVE;
        }
        if (den == 0) {
            return MALFORMED; // "1/0"
        }
        return num / den;
    }

    /** {@code digits [. digits]}; a leading minus gives {@link #NEGATIVE} if the rest is well formed. */
    private static double parseDecimal(String s, int start, int end) {
        boolean negative = false;
        if (start < end && s.charAt(start) == '-') {
            negative = true;
            start++;
        }
        long mantissa = 0;
        int digits = 0;
        int fractionDigits = 0;
        boolean dot = false;
        int intDigits = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (mantissa != 0 || c != '0') {
                    digits++;
                }
                if (digits > MAX_DIGITS) {
                    return MALFORMED;
                }
                mantissa = mantissa * 10 + (c - '0');
                if (dot) {
                    fractionDigits++;
                } else {
                    intDigits++;
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return MALFORMED; // second dot, comma, letters, "+"
            }
        }
        if (intDigits == 0 || (dot && fractionDigits == 0) || fractionDigits > MAX_DIGITS) {
            return MALFORMED; // "", ".5", "5."
        }
        if (negative) {
            return NEGATIVE;
        }
        return mantissa / POW10[fractionDigits];
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u00a0';
    }

    private static int skipSpace(String s, int pos, int end) {
        while (pos < end && isSpace(s.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    private static int tokenEnd(String s, int pos, int end) {
        while (pos < end && !isSpace(s.charAt(pos))) {
            pos++;
        }
        return pos;
    }
}
