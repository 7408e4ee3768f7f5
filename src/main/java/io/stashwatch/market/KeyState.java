package io.stashwatch.market;

/**
 * Everything detection keeps for one (league, item key): the listing book, the shift tracker, the
 * next window end due and the newest page seen. A Flink POJO (keyed state); logic in
 * {@link KeyDetector}.
 */
public class KeyState {
    public static final long NONE = Long.MIN_VALUE;

    public String realm;
    public String league;
    public String itemKey;
    public ListingBook book = new ListingBook();
    public ShiftTracker shift = new ShiftTracker();
    /** End (exclusive, river time) of the next window to report; {@link #NONE} when none is due. */
    public long nextWindowEnd = NONE;
    /** Newest page of this key: river time, change id, seq, fetch time. */
    public long lastPageTime = NONE;
    public String lastChangeId;
    public long lastSeq;
    public long lastFetchedAt;

    public KeyState() {
    }

    @Override
    public String toString() {
        return "KeyState{" + league + " " + itemKey + " " + book + " next=" + nextWindowEnd + "}";
    }
}
