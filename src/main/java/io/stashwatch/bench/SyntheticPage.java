package io.stashwatch.bench;

import io.stashwatch.model.Alert;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.model.PageRow;
import io.stashwatch.model.PriceStat;
import java.util.List;

/** The sink-side records of one synthetic page: what the job's operators would emit for it. */
public final class SyntheticPage {
    public final PageRow page;
    public final List<ListingEvent> events;
    public final List<PriceStat> stats;
    public final List<Alert> alerts;

    SyntheticPage(PageRow page, List<ListingEvent> events, List<PriceStat> stats, List<Alert> alerts) {
        this.page = page;
        this.events = events;
        this.stats = stats;
        this.alerts = alerts;
    }
}
