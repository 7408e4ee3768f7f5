package io.stashwatch.source.split;

import java.util.Objects;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One realm's river. Immutable; its position is the cursor of the next page to fetch, the ordinal
 * that page will get, and its river time. A checkpoint stores exactly this, so a restore continues
 * at the first page not yet emitted, on the same clock.
 */
public final class RiverSplit implements SourceSplit {
    private final String realm;
    private final String cursor;
    private final long seq;
    private final long riverTime;

    /**
     * @param realm the realm, also the split id
     * @param cursor change id of the next page to fetch ("" = the first page of the river)
     * @param seq ordinal the next non-empty page gets
     * @param riverTime river time (ms) the next non-empty page gets
     */
    public RiverSplit(String realm, String cursor, long seq, long riverTime) {
        this.realm = Objects.requireNonNull(realm);
        this.cursor = Objects.requireNonNull(cursor);
        this.seq = seq;
        this.riverTime = riverTime;
    }

    @Override
    public String splitId() {
        return realm;
    }

    public String realm() {
        return realm;
    }

    public String cursor() {
        return cursor;
    }

    public long seq() {
        return seq;
    }

    public long riverTime() {
        return riverTime;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RiverSplit)) {
            return false;
        }
        RiverSplit s = (RiverSplit) o;
        return realm.equals(s.realm) && cursor.equals(s.cursor) && seq == s.seq && riverTime == s.riverTime;
    }

    @Override
    public int hashCode() {
        return Objects.hash(realm, cursor, seq, riverTime);
    }

    @Override
    public String toString() {
        return "RiverSplit{" + realm + " cursor=" + (cursor.isEmpty() ? "<beginning>" : cursor) + " seq=" + seq
                + " riverTime=" + riverTime + "}";
    }
}
