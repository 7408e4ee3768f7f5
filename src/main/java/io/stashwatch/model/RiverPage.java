package io.stashwatch.model;

/**
 * One non-empty page of the river as the source emits it: the page's place in the river and all its
 * stash snapshots. The source emits whole pages so a checkpoint never falls inside one; the first
 * operator (chained, no serialisation) splits it into {@link StashSnapshot}s and a {@link PageRow}.
 */
public class RiverPage {
    public String realm;
    public String changeId;
    public String nextChangeId;
    /** Ordinal of the page in this realm's river since the job's first cursor (0, 1, ...). */
    public long seq;
    /** River time (event time) of the page, ms. */
    public long riverTime;
    /** Wall-clock fetch time, ms. */
    public long fetchedAt;
    /** Decompressed body size. */
    public long bytes;
    public int itemCount;
    /** Stash entries in page order; their page fields are filled by {@link #fillPageFields()}. */
    public StashSnapshot[] stashes = new StashSnapshot[0];

    public RiverPage() {
    }

    /** Copies this page's position into every stash snapshot. */
    public void fillPageFields() {
        for (int i = 0; i < stashes.length; i++) {
            StashSnapshot s = stashes[i];
            s.realm = realm;
            s.changeId = changeId;
            s.nextChangeId = nextChangeId;
            s.seq = seq;
            s.riverTime = riverTime;
            s.fetchedAt = fetchedAt;
            s.pageIndex = i;
            s.pageStashes = stashes.length;
            s.pageItems = itemCount;
            s.pageBytes = bytes;
        }
    }

    @Override
    public String toString() {
        return "RiverPage{" + realm + " #" + seq + " " + changeId + " -> " + nextChangeId + " stashes="
                + stashes.length + "}";
    }
}
