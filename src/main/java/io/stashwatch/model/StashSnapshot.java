package io.stashwatch.model;

import io.stashwatch.model.serial.StashSnapshotSerializer;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * The full current content of one public stash tab, as one page of the river delivered it, plus
 * where that page sits in the river. The river source emits one per stash entry, in page order.
 *
 * <p>A stash that went private or was emptied arrives with {@code isPublic == false} or no items,
 * and null account, tab name and league.
 */
@TypeInfo(StashSnapshotSerializer.Factory.class)
public class StashSnapshot {
    // ------------------------------------------------------------ the page
    public String realm;
    /** Change id of the page this snapshot came from. */
    public String changeId;
    /** The page's next_change_id. */
    public String nextChangeId;
    /** Ordinal of the page in this realm's river since the job's first cursor (0, 1, ...); head answers do not count. */
    public long seq;
    /** Event time in ms: river time of the page (see README, Time model). Deterministic. */
    public long riverTime;
    /** Wall-clock time the page was fetched, ms. Not deterministic; used for latency only. */
    public long fetchedAt;
    /** Index of this stash entry in its page (0 = first). */
    public int pageIndex;
    /** Stash entries in the page. */
    public int pageStashes;
    /** Items in the page (all stashes). */
    public int pageItems;
    /** Bytes of the page body (decompressed). */
    public long pageBytes;

    // ------------------------------------------------------------ the stash
    public String stashId;
    public boolean isPublic;
    public String accountName;
    /** Tab name; a tab named {@code ~price 5 chaos} prices its items that have no note. */
    public String stashName;
    public String stashType;
    public String league;
    /** Never null; empty for private or emptied stashes. */
    public Item[] items = new Item[0];

    public StashSnapshot() {
    }

    @Override
    public String toString() {
        return "StashSnapshot{" + realm + " " + changeId + "#" + pageIndex + " stash=" + stashId
                + " public=" + isPublic + " league=" + league + " items=" + items.length + "}";
    }
}
