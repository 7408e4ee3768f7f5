package io.stashwatch.source.reader;

import io.stashwatch.model.RiverPage;
import io.stashwatch.source.split.RiverSplitState;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;

/**
 * Emits a whole page with its river time as timestamp, and only then moves the split past it. A
 * checkpoint taken before this call refetches the page; one taken after starts at the next.
 */
public final class RiverRecordEmitter implements RecordEmitter<RiverPage, RiverPage, RiverSplitState> {
    private final long pageIntervalMillis;

    public RiverRecordEmitter(long pageIntervalMillis) {
        this.pageIntervalMillis = pageIntervalMillis;
    }

    @Override
    public void emitRecord(RiverPage page, SourceOutput<RiverPage> output, RiverSplitState state) {
        output.collect(page, page.riverTime);
        state.advance(page.nextChangeId, page.seq + 1, page.riverTime + pageIntervalMillis);
    }
}
