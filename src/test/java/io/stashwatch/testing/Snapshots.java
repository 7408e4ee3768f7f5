package io.stashwatch.testing;

import io.stashwatch.market.StashDiff;
import io.stashwatch.market.StashState;
import io.stashwatch.model.Item;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.model.StashSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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

    /**
     * Runs {@code diff} over a sequence of snapshots the way the stash-delta operator does, one state
     * per stash id; returns the states left (stashes with live listings).
     */
    public static Map<String, StashState> diffAll(StashDiff diff, List<StashSnapshot> snapshots,
            Consumer<ListingEvent> events) {
        Map<String, StashState> states = new HashMap<>();
        for (StashSnapshot s : snapshots) {
            StashState next = diff.apply(states.get(s.stashId), s, events);
            if (next == null) {
                states.remove(s.stashId);
            } else {
                states.put(s.stashId, next);
            }
        }
        return states;
    }
}
