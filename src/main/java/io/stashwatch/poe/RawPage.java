package io.stashwatch.poe;

/**
 * One page of the public stash river as fetched: the change id it was requested with, its
 * next_change_id, and the whole (decompressed) JSON body.
 */
public final class RawPage {
    private final String realm;
    private final String changeId;
    private final String nextChangeId;
    private final byte[] body;
    private final long fetchedAtMillis;
    private final long wireBytes;

    public RawPage(String realm, String changeId, String nextChangeId, byte[] body, long fetchedAtMillis,
            long wireBytes) {
        this.realm = realm;
        this.changeId = changeId;
        this.nextChangeId = nextChangeId;
        this.body = body;
        this.fetchedAtMillis = fetchedAtMillis;
        this.wireBytes = wireBytes;
    }

    public String realm() {
        return realm;
    }

    /** The id this page was requested with ("" for the very first page of the river). */
    public String changeId() {
        return changeId;
    }

    public String nextChangeId() {
        return nextChangeId;
    }

    /** The decompressed JSON body. */
    public byte[] body() {
        return body;
    }

    /** Wall-clock time (ms) the response headers arrived. */
    public long fetchedAtMillis() {
        return fetchedAtMillis;
    }

    /** Bytes received on the wire (compressed size when gzip). */
    public long wireBytes() {
        return wireBytes;
    }

    /** The head of the river: the server answered the same id again (with no stashes). */
    public boolean isHead() {
        return nextChangeId.equals(changeId);
    }
}
