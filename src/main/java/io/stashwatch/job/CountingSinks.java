package io.stashwatch.job;

import io.stashwatch.model.Alert;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.model.PageRow;
import io.stashwatch.model.PriceStat;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Counts events and alerts for the progress line of local runs, then hands them on. */
public final class CountingSinks implements JobSinks {
    private static final long serialVersionUID = 1L;

    private final JobSinks delegate;

    public CountingSinks(JobSinks delegate) {
        this.delegate = delegate;
    }

    @Override
    public void pages(DataStream<PageRow> pages) {
        delegate.pages(pages);
    }

    @Override
    public void events(DataStream<ListingEvent> events) {
        delegate.events(events.map(e -> {
            Progress.EVENTS.increment();
            return e;
        }).returns(TypeInformation.of(ListingEvent.class)).name("count events"));
    }

    @Override
    public void stats(DataStream<PriceStat> stats) {
        delegate.stats(stats);
    }

    @Override
    public void alerts(DataStream<Alert> alerts) {
        delegate.alerts(alerts.map(a -> {
            Progress.ALERTS.increment();
            return a;
        }).returns(TypeInformation.of(Alert.class)).name("count alerts"));
    }
}
