package io.stashwatch.sink;

import io.stashwatch.config.Config;
import io.stashwatch.config.ConfigException;
import io.stashwatch.config.Options;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the sinks need, in one small immutable serialisable object built from {@link Config}
 * (or by hand in tests and benchmarks). {@link #toString()} never shows the password.
 */
public final class SinkOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    final String jdbcUrl;
    final String user;
    final String password;
    final int batchSize;
    final long batchIntervalMs;
    final long alertsBatchIntervalMs;
    final int maxRetries;
    final URI webhookUrl;
    final Duration webhookTimeout;
    final int webhookMaxAttempts;
    final Duration webhookBaseBackoff;
    final Duration webhookMaxBackoff;
    final String arrowDir;
    final Duration arrowRoll;
    final Duration retentionMaxAge;
    final Duration retentionInterval;

    private SinkOptions(Builder b) {
        this.jdbcUrl = Objects.requireNonNull(b.jdbcUrl, "jdbcUrl");
        this.user = b.user;
        this.password = b.password;
        this.batchSize = b.batchSize;
        this.batchIntervalMs = b.batchIntervalMs;
        this.alertsBatchIntervalMs = b.alertsBatchIntervalMs >= 0 ? b.alertsBatchIntervalMs
                : Math.max(1, Math.min(50, b.batchIntervalMs / 10));
        this.maxRetries = b.maxRetries;
        this.webhookUrl = b.webhookUrl;
        this.webhookTimeout = b.webhookTimeout;
        this.webhookMaxAttempts = b.webhookMaxAttempts;
        this.webhookBaseBackoff = b.webhookBaseBackoff;
        this.webhookMaxBackoff = b.webhookMaxBackoff;
        this.arrowDir = b.arrowDir == null || b.arrowDir.isBlank() ? null : b.arrowDir;
        this.arrowRoll = b.arrowRoll;
        this.retentionMaxAge = b.retentionMaxAge;
        this.retentionInterval = b.retentionInterval;
    }

    /**
     * Options from a configuration whose {@code jdbc.url} is set.
     *
     * @throws ConfigException when jdbc.url is empty (the embedded database gives its URL to
     *     {@link #fromConfig(Config, String)} instead)
     */
    public static SinkOptions fromConfig(Config config) {
        String url = config.get(Options.JDBC_URL);
        if (url == null || url.isBlank()) {
            throw new ConfigException("jdbc.url is empty: give the PostgreSQL JDBC URL the sinks write to");
        }
        return fromConfig(config, url);
    }

    /** Options from a configuration, writing to {@code jdbcUrl} (e.g. the embedded database's URL). */
    public static SinkOptions fromConfig(Config config, String jdbcUrl) {
        return builder(jdbcUrl)
                .credentials(config.get(Options.JDBC_USER), config.get(Options.JDBC_PASSWORD))
                .batch(config.get(Options.JDBC_BATCH_SIZE), config.get(Options.JDBC_BATCH_INTERVAL).toMillis())
                .maxRetries(config.get(Options.JDBC_MAX_RETRIES))
                .webhook(config.get(Options.ALERTS_WEBHOOK_URL), config.get(Options.ALERTS_WEBHOOK_TIMEOUT),
                        config.get(Options.ALERTS_WEBHOOK_MAX_ATTEMPTS))
                .arrow(config.get(Options.ARROW_DIR), config.get(Options.ARROW_ROLL))
                .retention(config.get(Options.RETENTION_MAX_AGE))
                .build();
    }

    public static Builder builder(String jdbcUrl) {
        return new Builder(jdbcUrl);
    }

    /** A builder preset with these options. */
    public Builder toBuilder() {
        Builder b = new Builder(jdbcUrl);
        b.user = user;
        b.password = password;
        b.batchSize = batchSize;
        b.batchIntervalMs = batchIntervalMs;
        b.alertsBatchIntervalMs = alertsBatchIntervalMs;
        b.maxRetries = maxRetries;
        b.webhookUrl = webhookUrl;
        b.webhookTimeout = webhookTimeout;
        b.webhookMaxAttempts = webhookMaxAttempts;
        b.webhookBaseBackoff = webhookBaseBackoff;
        b.webhookMaxBackoff = webhookMaxBackoff;
        b.arrowDir = arrowDir;
        b.arrowRoll = arrowRoll;
        b.retentionMaxAge = retentionMaxAge;
        b.retentionInterval = retentionInterval;
        return b;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    /** The database password; never log it. */
    public String password() {
        return password;
    }

    public int batchSize() {
        return batchSize;
    }

    public long batchIntervalMs() {
        return batchIntervalMs;
    }

    /** Batch interval of the alerts sink: a tenth of the batch interval, at most 50 ms. */
    public long alertsBatchIntervalMs() {
        return alertsBatchIntervalMs;
    }

    public int maxRetries() {
        return maxRetries;
    }

    /** Webhook endpoint, or null when alerts are not posted anywhere. */
    public URI webhookUrl() {
        return webhookUrl;
    }

    public Duration webhookTimeout() {
        return webhookTimeout;
    }

    public int webhookMaxAttempts() {
        return webhookMaxAttempts;
    }

    public Duration webhookBaseBackoff() {
        return webhookBaseBackoff;
    }

    public Duration webhookMaxBackoff() {
        return webhookMaxBackoff;
    }

    /** Directory of the Arrow files, or null when none are written. */
    public String arrowDir() {
        return arrowDir;
    }

    public Duration arrowRoll() {
        return arrowRoll;
    }

    /** Age in river time after which listing_events and price_stats rows are pruned; null = never. */
    public Duration retentionMaxAge() {
        return retentionMaxAge;
    }

    /** Wall-clock interval between two pruning passes. */
    public Duration retentionInterval() {
        return retentionInterval;
    }

    @Override
    public String toString() {
        return "SinkOptions{url=" + io.stashwatch.db.DatabaseCheck.redact(jdbcUrl) + ", user=" + user
                + ", password=" + (password == null ? "none" : "<hidden>") + ", batch=" + batchSize + "/"
                + batchIntervalMs + "ms, alertsBatch=" + alertsBatchIntervalMs + "ms, retries=" + maxRetries
                + ", webhook=" + (webhookUrl == null ? "none" : webhookUrl.getHost()) + ", arrow=" + arrowDir
                + ", retention=" + retentionMaxAge + "}";
    }

    /** Builder with the defaults of {@link Options}. */
    public static final class Builder {
        private final String jdbcUrl;
        private String user = Options.JDBC_USER.defaultValue();
        private String password;
        private int batchSize = Options.JDBC_BATCH_SIZE.defaultValue();
        private long batchIntervalMs = Options.JDBC_BATCH_INTERVAL.defaultValue().toMillis();
        private long alertsBatchIntervalMs = -1;
        private int maxRetries = Options.JDBC_MAX_RETRIES.defaultValue();
        private URI webhookUrl;
        private Duration webhookTimeout = Options.ALERTS_WEBHOOK_TIMEOUT.defaultValue();
        private int webhookMaxAttempts = Options.ALERTS_WEBHOOK_MAX_ATTEMPTS.defaultValue();
        private Duration webhookBaseBackoff = Duration.ofSeconds(1);
        private Duration webhookMaxBackoff = Duration.ofMinutes(5);
        private String arrowDir;
        private Duration arrowRoll = Options.ARROW_ROLL.defaultValue();
        private Duration retentionMaxAge = Options.RETENTION_MAX_AGE.defaultValue();
        private Duration retentionInterval = Duration.ofMinutes(5);

        private Builder(String jdbcUrl) {
            this.jdbcUrl = jdbcUrl;
        }

        public Builder credentials(String user, String password) {
            this.user = user;
            this.password = password;
            return this;
        }

        public Builder batch(int size, long intervalMs) {
            if (size < 1 || intervalMs < 0) {
                throw new IllegalArgumentException("batch size must be positive and interval not negative");
            }
            this.batchSize = size;
            this.batchIntervalMs = intervalMs;
            return this;
        }

        /** Overrides the alerts batch interval (default: a tenth of the batch interval, at most 50 ms). */
        public Builder alertsBatchInterval(long ms) {
            this.alertsBatchIntervalMs = ms;
            return this;
        }

        public Builder maxRetries(int retries) {
            this.maxRetries = retries;
            return this;
        }

        public Builder webhook(URI url, Duration timeout, int maxAttempts) {
            this.webhookUrl = url;
            this.webhookTimeout = timeout;
            this.webhookMaxAttempts = maxAttempts;
            return this;
        }

        /** Delay before the second attempt (doubling after each failure) and its cap. */
        public Builder webhookBackoff(Duration base, Duration max) {
            this.webhookBaseBackoff = base;
            this.webhookMaxBackoff = max;
            return this;
        }

        public Builder arrow(String dir, Duration roll) {
            this.arrowDir = dir;
            this.arrowRoll = roll;
            return this;
        }

        /** Retention age in river time (null = keep everything). */
        public Builder retention(Duration maxAge) {
            this.retentionMaxAge = maxAge;
            return this;
        }

        public Builder retentionInterval(Duration interval) {
            this.retentionInterval = interval;
            return this;
        }

        public SinkOptions build() {
            return new SinkOptions(this);
        }
    }
}
