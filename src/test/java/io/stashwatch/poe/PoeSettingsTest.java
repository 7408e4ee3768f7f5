package io.stashwatch.poe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stashwatch.config.Config;
import io.stashwatch.config.ConfigException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PoeSettingsTest {

    static Config config(String... kv) {
        Config.Builder b = Config.builder();
        for (int i = 0; i < kv.length; i += 2) {
            b.cli(kv[i], kv[i + 1]);
        }
        return b.build();
    }

    @Test
    void readsThePoeOptions() {
        PoeSettings s = PoeSettings.fromConfig(config("poe.client-id", "myapp", "poe.client-secret", "s3cret",
                "poe.contact", "me@example.com", "poe.api-url", "http://localhost:1234/", "poe.pipeline-depth", "3",
                "poe.request-timeout", "5s", "poe.invalid-request-limit", "7", "poe.head-poll-interval", "500ms",
                "poe.rate-limit-margin", "100ms"));
        assertThat(s.apiUrl()).isEqualTo(URI.create("http://localhost:1234"));
        assertThat(s.tokenUrl()).isEqualTo(URI.create("https://www.pathofexile.com/oauth/token"));
        assertThat(s.pipelineDepth()).isEqualTo(3);
        assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.invalidRequestLimit()).isEqualTo(7);
        assertThat(s.headPollInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.rateLimitMargin()).isEqualTo(Duration.ofMillis(100));
        assertThat(s.scopes()).containsExactly("service:psapi", "service:cxapi");
        assertThat(s.applicationKey()).isEqualTo("http://localhost:1234|myapp");
    }

    @Test
    void currencyExchangeOffDropsItsScope() {
        PoeSettings s = PoeSettings.fromConfig(config("poe.client-id", "a", "poe.client-secret", "b",
                "poe.contact", "c", "poe.currency-exchange", "false"));
        assertThat(s.scopes()).containsExactly("service:psapi");
        assertThat(s.withScope(PoeSettings.SCOPE_LEAGUES).scopes()).containsExactly("service:psapi", "service:leagues");
    }

    @Test
    void missingCredentialsNameTheOption() {
        assertThatThrownBy(() -> PoeSettings.fromConfig(config("poe.client-secret", "b", "poe.contact", "c")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("poe.client-id").hasMessageContaining("POE_CLIENT_ID");
        assertThatThrownBy(() -> PoeSettings.fromConfig(config("poe.client-id", "a", "poe.contact", "c")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("poe.client-secret");
        assertThatThrownBy(() -> PoeSettings.fromConfig(config("poe.client-id", "a", "poe.client-secret", "b")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("poe.contact");
    }

    @Test
    void secretNeverShowsAndSettingsSerialise() throws Exception {
        PoeSettings s = PoeSettings.builder().clientId("a").clientSecret("topsecret-value").contact("c").build();
        assertThat(s.toString()).doesNotContain("topsecret-value").contains("<hidden>");
        PoeRiverFetcherFactory f = new PoeRiverFetcherFactory(s);
        assertThat(f.toString()).doesNotContain("topsecret-value");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(f);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            PoeRiverFetcherFactory back = (PoeRiverFetcherFactory) in.readObject();
            assertThat(back.settings()).isEqualTo(s);
            assertThat(back.settings().clientSecret()).isEqualTo("topsecret-value");
        }
    }

    @Test
    void riverPaths() {
        assertThat(io.stashwatch.poe.river.PipelinedRiverFetcher.path("pc", "")).isEqualTo("/public-stash-tabs");
        assertThat(io.stashwatch.poe.river.PipelinedRiverFetcher.path("pc", "1-2-3-4-5"))
                .isEqualTo("/public-stash-tabs?id=1-2-3-4-5");
        assertThat(io.stashwatch.poe.river.PipelinedRiverFetcher.path("xbox", "a b"))
                .isEqualTo("/public-stash-tabs/xbox?id=a+b");
    }
}
