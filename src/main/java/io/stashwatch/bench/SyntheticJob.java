package io.stashwatch.bench;

import io.stashwatch.job.JobSinks;
import io.stashwatch.model.Alert;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.model.PageRow;
import io.stashwatch.model.PriceStat;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * A bounded job that feeds a {@link SyntheticRiver} into {@link JobSinks}: a checkpointed sequence
 * source of page indexes (event time = the page's river time, watermarks after each page) and one
 * operator that turns an index into the page's records. A restore resumes at the first page not
 * checkpointed and regenerates the same records.
 */
public final class SyntheticJob {
    static final OutputTag<ListingEvent> EVENTS = new OutputTag<>("events", TypeInformation.of(ListingEvent.class));
    static final OutputTag<PriceStat> STATS = new OutputTag<>("stats", TypeInformation.of(PriceStat.class));
    static final OutputTag<Alert> ALERTS = new OutputTag<>("alerts", TypeInformation.of(Alert.class));

    private SyntheticJob() {
    }

    /**
     * Adds the pipeline to {@code env}.
     *
     * @param pages pages to emit
     * @param pageDelay wall-clock pause before each page (0 = as fast as possible)
     * @param live when true, {@code fetchedAt} is the wall-clock time the page is emitted
     */
    public static void wire(StreamExecutionEnvironment env, SyntheticRiver.Spec spec, long pages, Duration pageDelay,
            boolean live, JobSinks sinks) {
        long epoch = spec.epochMs;
        long interval = spec.pageIntervalMs;
        SingleOutputStreamOperator<PageRow> rows = env.fromSequence(0, pages - 1).setParallelism(1)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Long>forMonotonousTimestamps()
                        .withTimestampAssigner((i, ts) -> epoch + i * interval))
                .setParallelism(1).name("page timestamps")
                .process(new EmitPage(spec, pageDelay.toMillis(), live))
                .setParallelism(1).name("synthetic pages").uid("synthetic-pages")
                .returns(TypeInformation.of(PageRow.class));
        sinks.pages(rows);
        sinks.events(rows.getSideOutput(EVENTS));
        sinks.stats(rows.getSideOutput(STATS));
        sinks.alerts(rows.getSideOutput(ALERTS));
    }

    /** Index to records; regenerates the river from the start when asked for an earlier page. */
    static final class EmitPage extends ProcessFunction<Long, PageRow> {
        private static final long serialVersionUID = 1L;
        private final SyntheticRiver.Spec spec;
        private final long delayMs;
        private final boolean live;
        private transient SyntheticRiver river;

        EmitPage(SyntheticRiver.Spec spec, long delayMs, boolean live) {
            this.spec = spec;
            this.delayMs = delayMs;
            this.live = live;
        }

        @Override
        public void processElement(Long index, Context ctx, Collector<PageRow> out) throws Exception {
            if (river == null || river.position() > index) {
                river = new SyntheticRiver(spec);
            }
            while (river.position() < index) {
                river.next();
            }
            SyntheticPage p = river.next();
            if (delayMs > 0) {
                Thread.sleep(delayMs);
            }
            if (live) {
                long now = System.currentTimeMillis();
                p.page.fetchedAt = now;
                p.events.forEach(e -> e.fetchedAt = now);
                p.alerts.forEach(a -> a.fetchedAt = now);
            }
            out.collect(p.page);
            p.events.forEach(e -> ctx.output(EVENTS, e));
            p.stats.forEach(s -> ctx.output(STATS, s));
            p.alerts.forEach(a -> ctx.output(ALERTS, a));
        }
    }
}
