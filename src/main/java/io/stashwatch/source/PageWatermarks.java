package io.stashwatch.source;

import io.stashwatch.model.RiverPage;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Punctuated watermarks for the river: a page is emitted whole, so right after it the watermark is
 * its river time. Pages of one realm arrive in order, so this is never late.
 */
final class PageWatermarks implements WatermarkGenerator<RiverPage> {

    static WatermarkStrategy<RiverPage> strategy() {
        return WatermarkStrategy.<RiverPage>forGenerator(ctx -> new PageWatermarks())
                .withTimestampAssigner((page, previous) -> page.riverTime);
    }

    @Override
    public void onEvent(RiverPage page, long eventTimestamp, WatermarkOutput output) {
        output.emitWatermark(new Watermark(eventTimestamp));
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        // Punctuated only.
    }
}
