package io.stashwatch.market;

import java.util.Objects;

/**
 * The outcome of reading a note: either a {@link PriceNote} or the {@link NotListingReason} why
 * the note is not a fixed-price listing. Rejections are shared constants (no allocation).
 */
public final class NoteResult {

    private static final NoteResult[] REJECTED;

    static {
        NotListingReason[] reasons = NotListingReason.values();
        REJECTED = new NoteResult[reasons.length];
        for (NotListingReason r : reasons) {
            REJECTED[r.ordinal()] = new NoteResult(null, r);
        }
    }

    private final PriceNote note;
    private final NotListingReason reason;

    private NoteResult(PriceNote note, NotListingReason reason) {
        this.note = note;
        this.reason = reason;
    }

    /** A listing at this price. */
    public static NoteResult listing(PriceNote note) {
        return new NoteResult(Objects.requireNonNull(note), null);
    }

    /** Not a listing, for this reason. */
    public static NoteResult rejected(NotListingReason reason) {
        return REJECTED[reason.ordinal()];
    }

    /** True when the note is a fixed price. */
    public boolean isListing() {
        return note != null;
    }

    /** The price, or null when not a listing. */
    public PriceNote note() {
        return note;
    }

    /** Why it is not a listing, or null when it is one. */
    public NotListingReason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return note != null ? note.toString() : "not a listing: " + reason.metricName();
    }
}
