package io.stashwatch.testing;

import io.stashwatch.model.Item;
import io.stashwatch.model.StashSnapshot;

/** Builds test stash snapshots. */
public final class Snapshots {

    private Snapshots() {
    }

    /** A public stash in league Standard of account acc, seen in page {@code changeId}. */
    public static StashSnapshot stash(String stashId, String changeId, String tabName, Item... items) {
        StashSnapshot s = new StashSnapshot();
        s.realm = "pc";
        s.changeId = changeId;
        s.nextChangeId = changeId + "'";
        s.seq = changeId.hashCode() & 0xffff;
        s.riverTime = 1_700_000_000_000L + s.seq * 1000;
        s.fetchedAt = 42;
        s.stashId = stashId;
        s.isPublic = true;
        s.accountName = "acc";
        s.stashName = tabName;
        s.stashType = "PremiumStash";
        s.league = "Standard";
        s.items = items;
        return s;
    }

    /** The stash gone private: nulls and no items, as the river sends it. */
    public static StashSnapshot privateStash(String stashId, String changeId) {
        StashSnapshot s = stash(stashId, changeId, null);
        s.isPublic = false;
        s.accountName = null;
        s.league = null;
        s.stashType = "PremiumStash";
        return s;
    }
}
