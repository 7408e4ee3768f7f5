package io.stashwatch.sink;

import io.stashwatch.config.Config;
import io.stashwatch.job.JobSinks;
import io.stashwatch.model.Alert;
import io.stashwatch.model.ListingEvent;
import io.stashwatch.model.PageRow;
import io.stashwatch.model.PriceStat;
import io.stashwatch.sink.arrow.ArrowFileOperator;
import io.stashwatch.sink.arrow.ArrowRowFormat;
import io.stashwatch.sink.arrow.ListingEventFormat;
import io.stashwatch.sink.arrow.PriceStatFormat;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.connector.jdbc.datasource.statements.JdbcQueryStatement;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The production sinks: PostgreSQL through flink-connector-jdbc's {@link JdbcSink} (at-least-once,
 * batched, parameterised), alert delivery (NOTIFY in the insert's transaction, webhook outbox),
 * retention, and Arrow files of listing events and price statistics.
 *
 * <p>Delivery guarantee: every checkpoint flushes all pending batches, and every table is written
 * idempotently on a deterministic key, so the records replayed after a restore rewrite the same
 * rows and the tables equal those of an uninterrupted run (see docs/sinks.md). Alerts are flushed
 * within tens of milliseconds, without waiting for a checkpoint.
 *
 * <p>The job must run with a restart strategy (exponential delay) and checkpoints: a batch that
 * still fails after {@code jdbc.max-retries} fails the job, which restarts from its last
 * checkpoint once the database is back.
 */
public final class PostgresSinks implements JobSinks {
    private static final long serialVersionUID = 1L;
    private static final String DRIVER = "org.postgresql.Driver";
    private static final int ARROW_BATCH_ROWS = 8192;

    private final SinkOptions options;

    public PostgresSinks(SinkOptions options) {
        this.options = options;
        if (options.arrowDir() != null && options.arrowRoll().toMillis() < 1000) {
            throw new io.stashwatch.config.ConfigException("arrow.roll must be at least 1s");
        }
    }

    /** Sinks for a configuration with {@code jdbc.url} set. */
    public static PostgresSinks fromConfig(Config config) {
        return new PostgresSinks(SinkOptions.fromConfig(config));
    }

    /** Sinks for a configuration, writing to {@code jdbcUrl} (e.g. the embedded database). */
    public static PostgresSinks fromConfig(Config config, String jdbcUrl) {
        return new PostgresSinks(SinkOptions.fromConfig(config, jdbcUrl));
    }

    public SinkOptions options() {
        return options;
    }

    @Override
    public void pages(DataStream<PageRow> pages) {
        pages.sinkTo(jdbc(new PageRowStatement(), options.batchIntervalMs(), false, false, List.of()))
                .name("ingest_pages").uid("sink-ingest-pages");
    }

    @Override
    public void events(DataStream<ListingEvent> events) {
        List<BackgroundService.Factory> services = new ArrayList<>();
        if (options.retentionMaxAge() != null) {
            services.add(RetentionPruner.factory(options));
        }
        // One item's events always go through the same writer, in order: listings stays race-free.
        events.keyBy(e -> e.itemId)
                .sinkTo(jdbc(new ListingEventStatement(), options.batchIntervalMs(), true, false, services))
                .name("listing_events").uid("sink-listing-events");
        arrow(events, new ListingEventFormat(), "arrow-listing-events");
    }

    @Override
    public void stats(DataStream<PriceStat> stats) {
        stats.sinkTo(jdbc(new PriceStatStatement(), options.batchIntervalMs(), false, false, List.of()))
                .name("price_stats").uid("sink-price-stats");
        arrow(stats, new PriceStatFormat(), "arrow-price-stats");
    }

    @Override
    public void alerts(DataStream<Alert> alerts) {
        boolean webhook = options.webhookUrl() != null;
        List<BackgroundService.Factory> services = webhook ? List.of(WebhookDispatcher.factory(options)) : List.of();
        alerts.sinkTo(jdbc(new AlertStatement(), options.alertsBatchIntervalMs(), true, webhook, services))
                .name("alerts").uid("sink-alerts");
    }

    private <T> void arrow(DataStream<T> stream, ArrowRowFormat<T> format, String uid) {
        if (options.arrowDir() == null) {
            return;
        }
        stream.transform("arrow " + format.table(), BasicTypeInfo.VOID_TYPE_INFO,
                        new ArrowFileOperator<>(options.arrowDir(), options.arrowRoll().toMillis(), format,
                                ARROW_BATCH_ROWS))
                .uid(uid).setParallelism(1);
    }

    /**
     * A JDBC sink for one statement. {@code rewrite} lets the driver turn a batch into multi-row
     * inserts (only for statements that tolerate a key twice in one batch: ON CONFLICT DO NOTHING).
     */
    private <T> JdbcSinkWithServices<T> jdbc(JdbcQueryStatement<T> statement, long intervalMs, boolean rewrite,
            boolean webhookSession, List<BackgroundService.Factory> services) {
        JdbcSink<T> sink = JdbcSink.<T>builder()
                .withQueryStatement(statement)
                .withExecutionOptions(JdbcExecutionOptions.builder()
                        .withBatchSize(options.batchSize())
                        .withBatchIntervalMs(intervalMs)
                        .withMaxRetries(options.maxRetries())
                        .build())
                .buildAtLeastOnce(connectionOptions(rewrite, webhookSession));
        return new JdbcSinkWithServices<>(sink, services);
    }

    JdbcConnectionOptions connectionOptions(boolean rewrite, boolean webhookSession) {
        JdbcConnectionOptions.JdbcConnectionOptionsBuilder b = new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                .withUrl(options.jdbcUrl())
                .withDriverName(DRIVER)
                .withConnectionCheckTimeoutSeconds(5)
                .withProperty("ApplicationName", "stashwatch-sink")
                .withProperty("connectTimeout", "10")
                .withProperty("socketTimeout", "120")
                .withProperty("tcpKeepAlive", "true");
        if (options.user() != null) {
            b.withUsername(options.user());
        }
        if (options.password() != null) {
            b.withPassword(options.password());
        }
        if (rewrite) {
            b.withProperty("reWriteBatchedInserts", "true");
        }
        if (webhookSession) {
            // the alerts trigger queues a webhook delivery only for sessions that deliver them
            b.withProperty("options", "-c stashwatch.webhook=on");
        }
        return b.build();
    }
}
