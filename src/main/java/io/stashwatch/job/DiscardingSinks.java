package io.stashwatch.job;

import io.stashwatch.model.Alert;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.model.PageRow;
import io.stashwatch.model.PriceStat;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/** Sinks that drop every record: the job's own cost without any database (benchmarks). */
public class DiscardingSinks implements JobSinks {
    private static final long serialVersionUID = 1L;

    @Override
    public void pages(DataStream<PageRow> pages) {
        pages.sinkTo(new DiscardingSink<>()).name("discard pages");
    }

    @Override
    public void events(DataStream<ListingEvent> events) {
        events.sinkTo(new DiscardingSink<>()).name("discard events");
    }

    @Override
    public void stats(DataStream<PriceStat> stats) {
        stats.sinkTo(new DiscardingSink<>()).name("discard stats");
    }

    @Override
    public void alerts(DataStream<Alert> alerts) {
        alerts.sinkTo(new DiscardingSink<>()).name("discard alerts");
    }
}
