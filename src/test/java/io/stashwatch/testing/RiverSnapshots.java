package io.stashwatch.testing;

import io.stashwatch.bench.SyntheticPages;
import io.stashwatch.model.RiverPage;
import io.stashwatch.model.StashSnapshot;
import io.stashwatch.poe.PageParser;
import java.util.ArrayList;
import java.util.List;

/** Stash snapshots of a synthetic river, parsed and positioned as the source would emit them. */
public final class RiverSnapshots {

    private RiverSnapshots() {
    }

    public static List<StashSnapshot> snapshots(long seed, int stashPool, int stashesPerPage, int pages) {
        SyntheticPages river = new SyntheticPages(seed, stashPool, stashesPerPage);
        PageParser parser = new PageParser();
        List<StashSnapshot> out = new ArrayList<>();
        for (int p = 0; p < pages; p++) {
            try {
                RiverPage page = parser.parse(river.nextPage());
                page.realm = "pc";
                page.changeId = SyntheticPages.changeId(p);
                page.seq = p;
                page.riverTime = 1_700_000_000_000L + p * 1000L;
                page.fetchedAt = 1_700_000_300_000L + p * 900L;
                page.fillPageFields();
                out.addAll(List.of(page.stashes));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }
}
