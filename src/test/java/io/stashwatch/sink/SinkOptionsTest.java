package io.stashwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stashwatch.config.Config;
import io.stashwatch.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkOptionsTest {

    @Test
    void everyOptionComesFromTheConfiguration() {
        Config config = Config.builder().cli(Map.of(
                "jdbc.url", "jdbc:postgresql://db.example:5433/market?sslmode=require",
                "jdbc.user", "watcher",
                "jdbc.password", "hunter2",
                "jdbc.batch-size", "500",
                "jdbc.batch-interval", "300ms",
                "jdbc.max-retries", "5",
                "alerts.webhook-url", "https://hooks.example/T0/secret-token",
                "alerts.webhook-timeout", "3s",
                "alerts.webhook-max-attempts", "6",
                "arrow.roll", "10m")).cli("retention.max-age", "2d").cli("arrow.dir", "/tmp/arrow").build();
        SinkOptions o = SinkOptions.fromConfig(config);
        assertThat(o.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/market?sslmode=require");
        assertThat(o.user()).isEqualTo("watcher");
        assertThat(o.password()).isEqualTo("hunter2");
        assertThat(o.batchSize()).isEqualTo(500);
        assertThat(o.batchIntervalMs()).isEqualTo(300);
        assertThat(o.alertsBatchIntervalMs()).isEqualTo(30);
        assertThat(o.maxRetries()).isEqualTo(5);
        assertThat(o.webhookUrl()).isEqualTo(URI.create("https://hooks.example/T0/secret-token"));
        assertThat(o.webhookTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(o.webhookMaxAttempts()).isEqualTo(6);
        assertThat(o.arrowDir()).isEqualTo("/tmp/arrow");
        assertThat(o.arrowRoll()).isEqualTo(Duration.ofMinutes(10));
        assertThat(o.retentionMaxAge()).isEqualTo(Duration.ofDays(2));

        assertThat(o.toString()).doesNotContain("hunter2").doesNotContain("secret-token").doesNotContain("sslmode")
                .contains("db.example:5433/market");
    }

    @Test
    void defaultsFollowTheOptionTable() {
        SinkOptions o = SinkOptions.fromConfig(Config.defaults(), "jdbc:postgresql://localhost:15432/stashwatch");
        assertThat(o.batchSize()).isEqualTo(2000);
        assertThat(o.batchIntervalMs()).isEqualTo(200);
        assertThat(o.alertsBatchIntervalMs()).isEqualTo(20);
        assertThat(o.webhookUrl()).isNull();
        assertThat(o.arrowDir()).isEqualTo("data/arrow");
        assertThat(o.retentionMaxAge()).isEqualTo(Duration.ofDays(14));
        assertThat(SinkOptions.builder("jdbc:postgresql://h/d").batch(10, 2000).build().alertsBatchIntervalMs())
                .isEqualTo(50);
        assertThat(SinkOptions.builder("jdbc:postgresql://h/d").batch(10, 0).build().alertsBatchIntervalMs())
                .isEqualTo(1);
    }

    @Test
    void anEmptyJdbcUrlIsAConfigurationError() {
        assertThatThrownBy(() -> SinkOptions.fromConfig(Config.defaults()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("jdbc.url");
    }

    @Test
    void theSinksSerialiseForTheJobGraph() throws Exception {
        PostgresSinks sinks = PostgresSinks.fromConfig(Config.defaults(), "jdbc:postgresql://localhost/x");
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(sinks);
        }
        assertThat(sinks.options().jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/x");
    }
}
