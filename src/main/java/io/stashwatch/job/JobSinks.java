package io.stashwatch.job;

import io.stashwatch.model.Alert;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.model.PageRow;
import io.stashwatch.model.PriceStat;
import java.io.Serializable;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Where the job's four outputs go. The job receives this as a parameter: production wires Postgres
 * (and Arrow files), tests wire collecting or failing sinks.
 */
public interface JobSinks extends Serializable {

    /** One row per non-empty page consumed (ingest_pages). */
    void pages(DataStream<PageRow> pages);

    /** Listing events with price_chaos filled in (listing_events, listings). */
    void events(DataStream<ListingEvent> events);

    /** Price statistics per window (price_stats). */
    void stats(DataStream<PriceStat> stats);

    /** Alerts (alerts, NOTIFY, webhook). */
    void alerts(DataStream<Alert> alerts);
}
