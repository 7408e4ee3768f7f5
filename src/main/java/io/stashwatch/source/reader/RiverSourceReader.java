package io.stashwatch.source.reader;

import io.stashwatch.model.RiverPage;
import io.stashwatch.poe.RiverFetcherFactory;
import io.stashwatch.source.RiverPageDeserializer;
import io.stashwatch.source.split.RiverSplit;
import io.stashwatch.source.split.RiverSplitState;
import java.time.Duration;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;

/** The river source's reader: one fetcher thread running {@link RiverSplitReader}. */
public final class RiverSourceReader
        extends SingleThreadMultiplexSourceReaderBase<RiverPage, RiverPage, RiverSplit, RiverSplitState> {

    public RiverSourceReader(SourceReaderContext context, RiverFetcherFactory fetchers,
            RiverPageDeserializer deserializer, long pageIntervalMillis, @Nullable Duration idleTimeout) {
        super(() -> new RiverSplitReader(fetchers, deserializer, pageIntervalMillis, idleTimeout,
                        context.metricGroup()),
                new RiverRecordEmitter(pageIntervalMillis), context.getConfiguration(), context);
    }

    @Override
    public void start() {
        // Splits are pushed by the enumerator when this reader registers.
    }

    @Override
    protected void onSplitFinished(Map<String, RiverSplitState> finishedSplitIds) {
        // A finished realm (bounded mode) has nothing left to do.
    }

    @Override
    protected RiverSplitState initializedState(RiverSplit split) {
        return new RiverSplitState(split);
    }

    @Override
    protected RiverSplit toSplitType(String splitId, RiverSplitState state) {
        return state.toSplit();
    }
}
