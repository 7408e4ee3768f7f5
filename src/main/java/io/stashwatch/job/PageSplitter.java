package io.stashwatch.job;

import io.stashwatch.model.PageRow;
import io.stashwatch.model.RiverPage;
import io.stashwatch.model.StashSnapshot;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Splits a page into its stash snapshots, and reports the page itself on a side output
 * ({@link #PAGES}) for ingest_pages. Stashes of leagues not followed are dropped here; stashes
 * without a league (private or emptied) always pass, so their listings can be delisted.
 */
public final class PageSplitter extends ProcessFunction<RiverPage, StashSnapshot> {
    private static final long serialVersionUID = 1L;

    /** Side output: one row per page. */
    public static final OutputTag<PageRow> PAGES = new OutputTag<>("pages", org.apache.flink.api.common.typeinfo.TypeInformation.of(PageRow.class));

    private final Set<String> leagues;

    /** @param leagues leagues to keep; empty = all */
    public PageSplitter(List<String> leagues) {
        this.leagues = new HashSet<>(leagues);
    }

    @Override
    public void processElement(RiverPage page, Context ctx, Collector<StashSnapshot> out) {
        ctx.output(PAGES, PageRow.of(page));
        for (StashSnapshot stash : page.stashes) {
            if (leagues.isEmpty() || stash.league == null || leagues.contains(stash.league)) {
                out.collect(stash);
            }
        }
    }
}
