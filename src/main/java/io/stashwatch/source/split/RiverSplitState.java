package io.stashwatch.source.split;

/**
 * The mutable position of a {@link RiverSplit} inside a reader. The record emitter advances it only
 * after a whole page has been emitted.
 */
public final class RiverSplitState {
    private final String realm;
    private String cursor;
    private long seq;
    private long riverTime;

    public RiverSplitState(RiverSplit split) {
        this.realm = split.realm();
        this.cursor = split.cursor();
        this.seq = split.seq();
        this.riverTime = split.riverTime();
    }

    /** Moves past a page that has been emitted. */
    public void advance(String nextCursor, long nextSeq, long nextRiverTime) {
        this.cursor = nextCursor;
        this.seq = nextSeq;
        this.riverTime = nextRiverTime;
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

    public RiverSplit toSplit() {
        return new RiverSplit(realm, cursor, seq, riverTime);
    }
}
