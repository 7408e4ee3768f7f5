package io.stashwatch.poe;

import java.io.Serializable;
import org.apache.flink.metrics.MetricGroup;

/** Creates {@link RiverFetcher}s inside source readers; serialisable so it travels with the job graph. */
public interface RiverFetcherFactory extends Serializable {

    /**
     * Opens a fetcher for one realm starting at {@code changeId} ("" = the first page of the river).
     *
     * @param metrics where the fetcher registers its counters (requests, 429s, 4xx, retries, ...)
     */
    RiverFetcher open(String realm, String changeId, MetricGroup metrics);

    /**
     * Resolves {@code poe.start-change-id} for a job without state: "head", "beginning" or an id.
     * Called once, on the JobManager, by the split enumerator.
     */
    String resolveStart(String realm, String startSetting) throws java.io.IOException, InterruptedException;
}
