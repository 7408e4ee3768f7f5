package io.stashwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
    @TempDir Path dir;

    @Test
    void defaultsApplyWhenNothingIsSet() {
        Config c = Config.defaults();
        assertThat(c.get(Options.POE_REALM)).containsExactly("pc");
        assertThat(c.get(Options.DETECT_UNDERPRICED_RATIO)).isEqualTo(0.5);
        assertThat(c.get(Options.DETECT_WINDOW)).isEqualTo(Duration.ofHours(1));
        assertThat(c.get(Options.JDBC_URL)).isNull();
        assertThat(c.get(Options.RUN_IDLE_TIMEOUT)).isNull();
        assertThat(c.sourceOf(Options.WEB_PORT)).isEqualTo("default");
    }

    @Test
    void commandLineBeatsEnvironmentBeatsFileBeatsDefault() throws Exception {
        Path yaml = dir.resolve("stashwatch.yaml");
        Files.writeString(yaml, "poe.client-id: from-file\nweb.port: 9000\ndetect.min-samples: 7\n");
        Config c = Config.builder()
                .file(yaml)
                .env(Map.of("POE_CLIENT_ID", "from-env", "WEB_PORT", "9100", "PATH", "/usr/bin"))
                .cli("poe.client-id", "from-cli")
                .build();
        assertThat(c.get(Options.POE_CLIENT_ID)).isEqualTo("from-cli");
        assertThat(c.get(Options.WEB_PORT)).isEqualTo(9100);
        assertThat(c.get(Options.DETECT_MIN_SAMPLES)).isEqualTo(7);
        assertThat(c.get(Options.DETECT_SHIFT_RATIO)).isEqualTo(1.5);
        assertThat(c.sourceOf(Options.WEB_PORT)).contains("WEB_PORT");
    }

    @Test
    void nestedYamlAndListsAreAccepted() throws Exception {
        Path yaml = dir.resolve("nested.yaml");
        Files.writeString(yaml, "poe:\n  realm: [pc, xbox]\n  leagues: Settlers, Standard\nrun:\n  idle-timeout: 10s\n");
        Config c = Config.builder().file(yaml).build();
        assertThat(c.get(Options.POE_REALM)).containsExactly("pc", "xbox");
        assertThat(c.get(Options.POE_LEAGUES)).containsExactly("Settlers", "Standard");
        assertThat(c.get(Options.RUN_IDLE_TIMEOUT)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void unknownOptionsAreErrorsThatNameTheOption() throws Exception {
        assertThatThrownBy(() -> Config.builder().cli("detect.windw", "5m").build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("detect.windw")
                .hasMessageContaining("did you mean detect.window");
        Path yaml = dir.resolve("bad.yaml");
        Files.writeString(yaml, "poe.clientid: x\n");
        assertThatThrownBy(() -> Config.builder().file(yaml).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("poe.clientid")
                .hasMessageContaining(yaml.toString());
    }

    @Test
    void badValuesAreErrorsThatNameOptionAndSource() {
        assertThatThrownBy(() -> Config.builder().cli("detect.window", "soon").build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("detect.window")
                .hasMessageContaining("command line")
                .hasMessageContaining("duration");
        assertThatThrownBy(() -> Config.builder().env(Map.of("DETECT_UNDERPRICED_RATIO", "1.5")).build())
                .hasMessageContaining("detect.underpriced-ratio")
                .hasMessageContaining("DETECT_UNDERPRICED_RATIO");
        assertThatThrownBy(() -> Config.builder().cli("web.port", "70000").build())
                .hasMessageContaining("web.port");
        assertThatThrownBy(() -> Config.builder().cli("poe.api-url", "ftp://x").build())
                .hasMessageContaining("poe.api-url");
        assertThatThrownBy(() -> Config.builder().cli("state.backend", "memory").build())
                .hasMessageContaining("hashmap|rocksdb".replace('|', ',').replace(",", ", "));
    }

    @Test
    void missingConfigFileIsAClearError() {
        assertThatThrownBy(() -> Config.builder().file(dir.resolve("nope.yaml")).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.yaml")
                .hasMessageContaining("does not exist");
    }

    @Test
    void secretsNeverAppearInToStringOrErrors() {
        Config c = Config.builder().cli("poe.client-secret", "hunter2").cli("jdbc.password", "pw-123").build();
        assertThat(c.toString()).doesNotContain("hunter2").doesNotContain("pw-123").contains("<hidden>");
        assertThat(c.get(Options.POE_CLIENT_SECRET)).isEqualTo("hunter2");
    }

    @Test
    void emptyValueMeansUnset() {
        Config c = Config.builder().env(Map.of("JDBC_URL", "", "RUN_IDLE_TIMEOUT", "")).build();
        assertThat(c.get(Options.JDBC_URL)).isNull();
        assertThat(c.isSet(Options.RUN_IDLE_TIMEOUT)).isFalse();
    }

    @Test
    void restrictedCommandsRejectOptionsOfOtherCommands() {
        assertThatThrownBy(() -> Config.builder().allowed(Options.inGroups("sim")).cli("jdbc.url", "x").build())
                .hasMessageContaining("Unknown option --jdbc.url");
    }

    @Test
    void durationsAcceptCommonSpellings() {
        assertThat(ValueType.DURATION.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ValueType.DURATION.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(ValueType.DURATION.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(ValueType.DURATION.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(ValueType.DURATION.parse("PT10S")).isEqualTo(Duration.ofSeconds(10));
        assertThat(ValueType.DURATION.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThatThrownBy(() -> ValueType.DURATION.parse("10")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyOptionHasAnEnvironmentNameAndDoc() {
        for (Option<?> o : Options.all()) {
            assertThat(o.envName()).matches("[A-Z0-9_]+");
            assertThat(o.doc()).isNotBlank();
            if (o.defaultValue() != null) {
                assertThat(o.parse(o.defaultText(), "default")).isEqualTo(o.defaultValue());
            }
        }
        assertThat(Options.POE_CLIENT_ID.envName()).isEqualTo("POE_CLIENT_ID");
        assertThat(List.of(Options.POE_CLIENT_SECRET, Options.JDBC_PASSWORD)).allMatch(Option::secret);
    }
}
